#!/usr/bin/env bash
# Debian's chromium for the web browser tests (Playwright drives /usr/bin/chromium; nothing is downloaded by
# Playwright itself). `start` installs it when missing; there is no daemon to start or stop.
set -euo pipefail
case "${1:-start}" in
  start)
    if [ ! -x /usr/bin/chromium ]; then
      echo "chromium: installing Debian's chromium"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
        || echo "chromium: install failed; browser tests will skip" >&2
    fi
    ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
