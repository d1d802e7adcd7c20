#!/bin/bash
# Starts the reference glance-api on 127.0.0.1:$GLANCE_PORT and waits until it answers. Run setup.sh first.
set -euo pipefail
. "$(dirname "$0")/env.sh"
[ -f "$RUN/glance.sqlite" ] || { echo "run setup.sh first" >&2; exit 1; }
write_config
pid_alive "$RUN/pids/glance-api.pid" || start_detached "$RUN/pids/glance-api.pid" "$RUN/log/glance-api.out" \
  "$PY" -m glance.cmd.api --config-file "$CONF"
wait_http "http://127.0.0.1:$GLANCE_PORT/healthcheck" 90
echo "reference Glance on http://127.0.0.1:$GLANCE_PORT ($GLANCE_AUTH)"
