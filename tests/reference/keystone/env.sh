# The reference Keystone's settings (sourced). KEYSTONE_REF_RUN: state folder; KEYSTONE_PORT; ADMIN_PASSWORD;
# REGION; SERVICE_PASSWORD for the `glance` service user start.sh registers when IMAGE_URL is set.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../common.sh"
RUN="${KEYSTONE_REF_RUN:-${TMPDIR:-/tmp}/keystone-reference}"
KEYSTONE_PORT="${KEYSTONE_PORT:-5000}"
KEYSTONE_URL="http://127.0.0.1:$KEYSTONE_PORT"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-secret}"
REGION="${REGION:-RegionOne}"
CONF="$RUN/etc/keystone.conf"

write_config() {
  mkdir -p "$RUN"/{etc,log,pids,keys}
  sed -e "s#@RUN@#$RUN#g" "$HERE/etc/keystone.conf.in" > "$CONF"
}

# as_admin: the openstack CLI's environment as Keystone's bootstrap admin, as any OpenStack operator has it.
as_admin() {
  export OS_AUTH_URL="$KEYSTONE_URL/v3" OS_IDENTITY_API_VERSION=3 OS_USERNAME=admin OS_PASSWORD="$ADMIN_PASSWORD" \
    OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME="$REGION" OS_INTERFACE=public
  unset OS_AUTH_TYPE OS_TOKEN OS_ENDPOINT OS_IMAGE_URL
}
