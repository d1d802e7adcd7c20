#!/bin/bash
# Stops the glance-api that start.sh started, with its workers; nothing else.
. "$(dirname "$0")/env.sh"
stop_group "$RUN/pids/glance-api.pid" "reference glance-api"
