# Shared by the reference-service scripts (sourced). Each service keeps its state in a folder of its own outside
# the repository, so the scripts can run from a read-only checkout and tests can run several at once.

# Debian's python has the OpenStack libraries; another python3 may come first on PATH.
PY=/usr/bin/python3

# install_missing PACKAGE...: installs the Debian packages that are not installed yet (root only then).
install_missing() {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  apt-get update >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}

# wait_http URL SECONDS: until URL answers 2xx/3xx, or fail.
wait_http() {
  local url="$1" deadline=$((SECONDS + ${2:-60}))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && { echo "timeout waiting for $url" >&2; return 1; }
    sleep 0.2
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# start_detached PIDFILE LOG COMMAND...: a new session, so its pid is the process group of all its workers.
start_detached() {
  local pidfile="$1" log="$2"; shift 2
  setsid "$@" >>"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
}

# stop_group PIDFILE NAME: ends only the process group started_detached made, TERM first, KILL after 10 s.
stop_group() {
  local pidfile="$1" name="$2" pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}
