#!/bin/bash
# Installs Debian's Glance 25 (Zed) as libraries (no system service), the OpenStack clients and qemu-img, and
# creates the reference Glance's sqlite database in its state folder. Idempotent; root only when packages are missing.
set -euo pipefail
. "$(dirname "$0")/env.sh"
install_missing python3-glance python3-glanceclient python3-openstackclient python3-openstacksdk qemu-utils sqlite3 curl
write_config
"$PY" -m glance.cmd.manage --config-file "$CONF" db_sync >>"$RUN/log/setup.log" 2>&1
# Two API workers share one sqlite file: WAL keeps them from "database is locked".
sqlite3 "$RUN/glance.sqlite" 'PRAGMA journal_mode=WAL;' >/dev/null
echo "reference Glance ready; state in $RUN"
