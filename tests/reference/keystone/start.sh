#!/bin/bash
# Starts the reference Keystone (uwsgi) on 127.0.0.1:$KEYSTONE_PORT and waits until it answers. With IMAGE_URL set,
# also puts an image service at that URL in the catalogue and creates the service user `glance` (admin and service
# roles in project `service`) that a Glance-compatible service validates tokens with. Run setup.sh first.
set -euo pipefail
. "$(dirname "$0")/env.sh"
[ -f "$RUN/keystone.sqlite" ] || { echo "run setup.sh first" >&2; exit 1; }
write_config
pid_alive "$RUN/pids/keystone.pid" || start_detached "$RUN/pids/keystone.pid" "$RUN/log/uwsgi.log" \
  uwsgi --ini "$HERE/etc/keystone-uwsgi.ini" --http-socket "127.0.0.1:$KEYSTONE_PORT" --env "OS_KEYSTONE_CONFIG_FILES=$CONF"
wait_http "$KEYSTONE_URL/v3" 90
echo "reference Keystone on $KEYSTONE_URL/v3 (admin / $ADMIN_PASSWORD)"
[ -n "${IMAGE_URL:-}" ] || exit 0
(
  as_admin
  exists() { openstack "$1" show "$2" >/dev/null 2>&1; }
  exists project service || openstack project create --domain Default service >/dev/null
  exists user glance || openstack user create --domain Default --password "${SERVICE_PASSWORD:-glance-secret}" glance >/dev/null
  exists role service || openstack role create service >/dev/null
  openstack role add --project service --user glance admin
  openstack role add --project service --user glance service
  exists service image || openstack service create --name glance --description "OpenStack Image" image >/dev/null
  for interface in public internal admin; do
    openstack endpoint list --service image --interface "$interface" --region "$REGION" -f value -c ID | grep -q . \
      || openstack endpoint create --region "$REGION" image "$interface" "$IMAGE_URL" >/dev/null
  done
) >>"$RUN/log/setup.log" 2>&1
echo "catalogue: image -> $IMAGE_URL ($REGION)"
