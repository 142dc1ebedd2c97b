#!/usr/bin/env bash
# A private Dovecot IMAP server for the IMAP scan tests: Debian's dovecot-imapd, run with its own configuration
# from $BOUNCEBACK_TEST_STATE/dovecot, on 127.0.0.1 only, on a free port, with one test user in a passwd-file and
# Maildir storage under the state dir. It never uses /etc/dovecot and never starts the system service.
# TLS: at start a throw-away CA and a server certificate for 127.0.0.1/localhost are made with openssl in the state
# dir (never committed); the plain port offers STARTTLS and a second port speaks implicit TLS (imaps).
# `start` installs the packages when missing and writes the ports, the CA file and the credentials to
# $BOUNCEBACK_TEST_STATE/dovecot/env (KEY=value lines) for the tests; `stop` stops this instance only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
state="${BOUNCEBACK_TEST_STATE:-$root/.tmp/test-state}/dovecot"
conf="$state/dovecot.conf"
pidfile="$state/run/master.pid"
dovecot_bin=/usr/sbin/dovecot

install_dovecot() {
  if [ "$(id -u)" != 0 ]; then
    echo "dovecot: not installed and not root; install dovecot-imapd and openssl to run the IMAP tests" >&2
    return 1
  fi
  echo "dovecot: installing Debian's dovecot-imapd and openssl"
  export DEBIAN_FRONTEND=noninteractive
  # Keep apt from starting the system-wide service (it would listen on 143/993 on every interface).
  local policy=/usr/sbin/policy-rc.d own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  local ok=0
  apt-get install -y -qq --no-install-recommends dovecot-imapd openssl >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends dovecot-imapd openssl >/dev/null; } || ok=1
  [ -n "$own_policy" ] && rm -f "$policy"
  # Should a service have been started anyway, stop it and keep it from starting at boot.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now dovecot.socket dovecot.service >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    service dovecot stop >/dev/null 2>&1 || true
  fi
  return $ok
}

# The Maildir root, $state/mail, owned by the mail user; sets $maildir. When that user cannot reach the state dir
# (a checkout below /root, say), the Maildir lives in a private temporary dir that $state/mail links to.
maildir=
mail_dir() {
  local uid=$1 gid=$2
  maildir="$state/mail"
  mkdir -p "$maildir"
  chown "$uid:$gid" "$state/mail"
  if [ "$(id -u)" = 0 ] && ! setpriv --reuid="$uid" --regid="$gid" --clear-groups test -w "$state/mail" -a -x "$state/mail"; then
    rmdir "$state/mail"
    local away
    away=$(mktemp -d /tmp/bounceback-dovecot.XXXXXX)
    chown "$uid:$gid" "$away"
    ln -s "$away" "$state/mail"
    maildir=$away
  fi
}

# A port no socket of this machine uses, below the kernel's range for outgoing connections (a port in that range
# can be taken by any connection between the check and Dovecot's bind). Without ss, a port that accepts no
# connection counts as free; the start below tries again on other ports when the bind fails anyway.
free_port() {
  local port low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  [ "$low" -gt 11000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    [ "$port" != "${1:-}" ] || continue
    if command -v ss >/dev/null 2>&1; then
      ss -Htan "sport = :$port" 2>/dev/null | grep -q . && continue
    elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    echo "$port"; return 0
  done
  return 1
}

listening() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# A throw-away CA and a server certificate it signed, valid for localhost and 127.0.0.1 for two days, in $state/tls.
# The CA's private key is deleted once the server certificate is signed: nothing else can ever be signed with it.
make_certificates() {
  local tls="$state/tls"
  mkdir -p "$tls"
  (
    cd "$tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -subj "/CN=Bounceback test CA $(date -u +%Y%m%d%H%M%S)" -keyout ca.key -out ca.pem \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
      -keyout server.key -out server.csr 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem 2>/dev/null
    rm -f ca.key ca.srl server.csr server.ext
    chmod 600 server.key
  )
}

stop_instance() {
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
  fi
  if [ -L "$state/mail" ]; then
    rm -rf "$(readlink "$state/mail")"
    rm -f "$state/mail"
  fi
}

write_config() {
  local port=$1 tls_port=$2 uid gid name
  uid=$(id -u) gid=$(id -g) name=$(id -un)
  mkdir -p "$state/run" "$state/lib"
  if [ "$uid" = 0 ]; then
    # Started as root: Dovecot's own unprivileged users run the login and internal processes (the package
    # creates them), the passwd-file is read as root, and the mail is stored as nobody (Dovecot refuses root).
    uid=$(id -u nobody) gid=$(id -g nobody)
    mail_dir "$uid" "$gid"
    cat >"$conf" <<CONF
default_login_user = dovenull
default_internal_user = dovecot
service auth {
  user = root
}
CONF
  else
    # Started as an ordinary user: everything runs as that user (Dovecot's rootless mode).
    mail_dir "$uid" "$gid"
    cat >"$conf" <<CONF
default_login_user = $name
default_internal_user = $name
default_internal_group = $(id -gn)
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
  fi
  cat >>"$conf" <<CONF
first_valid_uid = $uid
first_valid_gid = $gid
CONF
  cat >>"$conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $state/run
state_dir = $state/lib
log_path = $state/dovecot.log
# STARTTLS on the plain port (clients that do not upgrade may still log in: disable_plaintext_auth = no).
ssl = yes
ssl_cert = <$state/tls/server.pem
ssl_key = <$state/tls/server.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
# The wrong-password test need not wait the default two seconds.
auth_failure_delay = 0
mail_location = maildir:$maildir/%u
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tls_port
    ssl = yes
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $state/users
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$maildir/%u
}
CONF
}

case "${1:-start}" in
  start)
    if [ ! -x "$dovecot_bin" ] || ! command -v openssl >/dev/null 2>&1; then
      install_dovecot || { echo "dovecot: unavailable; the IMAP tests will skip (or fail when CI is set)" >&2; exit 0; }
    fi
    stop_instance
    rm -rf "$state"
    mkdir -p "$state"
    user=bounceback
    password="test-$RANDOM$RANDOM"
    printf '%s:{PLAIN}%s\n' "$user" "$password" >"$state/users"
    chmod 600 "$state/users"
    if ! command -v openssl >/dev/null 2>&1 || ! make_certificates; then
      echo "dovecot: openssl is missing or failed; the IMAP tests will skip (or fail when CI is set)" >&2
      exit 0
    fi
    # Another process may take a port between the check and the bind: then try again on two other ports.
    started=0
    for attempt in 1 2 3 4 5; do
      port=$(free_port) && tls_port=$(free_port "$port") || break
      write_config "$port" "$tls_port"
      : >"$state/dovecot.log"
      if "$dovecot_bin" -c "$conf"; then
        # Ready when both ports accept connections and the master still runs (a port another process listens on
        # looks ready too, but then the master has logged "Fatal" and stopped).
        for _ in $(seq 1 100); do
          sleep 0.1
          grep -q 'Fatal' "$state/dovecot.log" 2>/dev/null && break
          listening "$port" && listening "$tls_port" || continue
          sleep 0.2
          if ! grep -q 'Fatal' "$state/dovecot.log" 2>/dev/null && [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            started=1
          fi
          break
        done
      fi
      [ "$started" = 1 ] && break
      echo "dovecot: attempt $attempt on ports $port/$tls_port failed: $(grep -m1 -E 'Error|Fatal' "$state/dovecot.log" 2>/dev/null || echo 'no log')" >&2
      stop_instance
    done
    if [ "$started" != 1 ]; then
      echo "dovecot: did not start; see $state/dovecot.log" >&2
      tail -n 20 "$state/dovecot.log" >&2 2>/dev/null || true
      stop_instance
      exit 0
    fi
    printf 'DOVECOT_HOST=127.0.0.1\nDOVECOT_PORT=%s\nDOVECOT_IMAPS_PORT=%s\nDOVECOT_CA_FILE=%s\nDOVECOT_USER=%s\nDOVECOT_PASSWORD=%s\n' \
      "$port" "$tls_port" "$state/tls/ca.pem" "$user" "$password" >"$state/env"
    chmod 600 "$state/env"
    echo "dovecot: listening on 127.0.0.1:$port (STARTTLS) and 127.0.0.1:$tls_port (imaps) ($state/env)"
    ;;
  stop)
    stop_instance
    rm -f "$state/env"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
