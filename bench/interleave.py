#!/usr/bin/env python3
"""Times whole commands taking turns, for a machine whose load changes while it measures.

    bench/interleave.py RUNS COMMAND...

Each round runs every command once, in order, so all of them see the same load; hyperfine runs one command's runs
back to back instead. Two warm-up runs per command first. Prints, per command, the fastest, median and mean wall
time and the mean CPU time (user + system, of the command and its children). Commands are split like a shell would
split them (no pipes or redirections); their output is discarded.
"""
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    return wall, cpu


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = sys.argv[2:]
    for command in commands:
        for _ in range(2):
            run(command)
    walls = {c: [] for c in commands}
    cpus = {c: [] for c in commands}
    for _ in range(rounds):
        for command in commands:
            wall, cpu = run(command)
            walls[command].append(wall)
            cpus[command].append(cpu)
    print(f"{'fastest':>9} {'median':>9} {'mean':>9} {'CPU':>9}  command ({rounds} rounds)")
    for command in commands:
        w = walls[command]
        print(f"{min(w):7.1f}ms {statistics.median(w):7.1f}ms {statistics.mean(w):7.1f}ms "
              f"{statistics.mean(cpus[command]):7.1f}ms  {command}")


if __name__ == "__main__":
    main()
