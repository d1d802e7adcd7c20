#!/bin/bash
# Stops the Keystone that start.sh started, with its uwsgi workers; nothing else.
. "$(dirname "$0")/env.sh"
stop_group "$RUN/pids/keystone.pid" "reference keystone"
