#!/bin/bash
# Installs Debian's Keystone 22 (Zed) as libraries with uwsgi (no system service) and bootstraps it in its state
# folder: sqlite, fernet and credential keys, the admin user and project, region $REGION. Idempotent; root only
# when packages are missing.
set -euo pipefail
. "$(dirname "$0")/env.sh"
install_missing python3-keystone python3-openstackclient uwsgi-core uwsgi-plugin-python3 sqlite3 curl
write_config
manage() { keystone-manage --config-file "$CONF" "$@" >>"$RUN/log/setup.log" 2>&1; }
manage db_sync
# Four uwsgi processes share one sqlite file: WAL keeps them from "database is locked".
sqlite3 "$RUN/keystone.sqlite" 'PRAGMA journal_mode=WAL;' >/dev/null
owner=(--keystone-user "$(id -un)" --keystone-group "$(id -gn)")
[ -f "$RUN/keys/fernet/0" ] || manage fernet_setup "${owner[@]}"
[ -f "$RUN/keys/credential/0" ] || manage credential_setup "${owner[@]}"
manage bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin --bootstrap-project-name admin \
  --bootstrap-role-name admin --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
  --bootstrap-admin-url "$KEYSTONE_URL/v3" --bootstrap-internal-url "$KEYSTONE_URL/v3" --bootstrap-public-url "$KEYSTONE_URL/v3"
echo "reference Keystone ready; state in $RUN"
