#!/usr/bin/env python3
"""Exit 0 when the .NET assembly given as argument carries ReadyToRun code, 1 when it is IL only.

ReadyToRun (crossgen2) fills the ManagedNativeHeader directory of the CLI header (ECMA-335 II.25.3.3); an IL-only
assembly leaves it zero. Used by scripts/pack-tool.sh.
"""
import struct
import sys


def rva_to_offset(sections, rva):
    for virtual_address, virtual_size, raw_pointer in sections:
        if virtual_address <= rva < virtual_address + virtual_size:
            return rva - virtual_address + raw_pointer
    raise ValueError("RVA outside every section")


def is_ready_to_run(path):
    with open(path, "rb") as f:
        data = f.read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    section_count = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (96 if magic == 0x10B else 112)
    cli_rva, cli_size = struct.unpack_from("<II", data, directories + 14 * 8)
    if cli_size == 0:
        raise ValueError("no CLI header: not a .NET assembly")
    sections = []
    table = optional + optional_size
    for i in range(section_count):
        entry = table + i * 40
        virtual_size, virtual_address, _, raw_pointer = struct.unpack_from("<IIII", data, entry + 8)
        sections.append((virtual_address, virtual_size, raw_pointer))
    cli = rva_to_offset(sections, cli_rva)
    native_rva, native_size = struct.unpack_from("<II", data, cli + 64)
    return native_rva != 0 and native_size != 0


if __name__ == "__main__":
    sys.exit(0 if is_ready_to_run(sys.argv[1]) else 1)
