#!/bin/bash
# Loads a folder of metadef JSON files into the reference Glance's database, as an operator would with
# glance-manage db_load_metadefs. METADEFS_PATH: the folder; METADEFS_OPTIONS: e.g. "--merge --prefer_new".
set -euo pipefail
. "$(dirname "$0")/env.sh"
# shellcheck disable=SC2086
"$PY" -m glance.cmd.manage --config-file "$CONF" db_load_metadefs "$METADEFS_PATH" ${METADEFS_OPTIONS:-} >>"$RUN/log/load-metadefs.log" 2>&1
