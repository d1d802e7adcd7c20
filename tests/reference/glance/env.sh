# The reference Glance's settings (sourced). GLANCE_REF_RUN: state folder; GLANCE_PORT; GLANCE_AUTH: trusted
# (Glance's context middleware reads the identity headers keystonemiddleware would set: X-Identity-Status,
# X-Project-Id, X-User-Id, X-Roles) or noauth (every request an admin with no project).
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../common.sh"
RUN="${GLANCE_REF_RUN:-${TMPDIR:-/tmp}/glance-reference}"
GLANCE_PORT="${GLANCE_PORT:-9292}"
GLANCE_AUTH="${GLANCE_AUTH:-trusted}"
CONF="$RUN/etc/glance-api.conf"

write_config() {
  local flavor
  case "$GLANCE_AUTH" in trusted) flavor=trusted ;; noauth) flavor="" ;; *) echo "GLANCE_AUTH must be trusted or noauth" >&2; return 1 ;; esac
  mkdir -p "$RUN"/{etc,log,pids,images,staging,work,lock,image-cache}
  sed -e "s#@RUN@#$RUN#g" -e "s#@ETC@#$HERE/etc#g" -e "s#@PORT@#$GLANCE_PORT#g" -e "s#@FLAVOR@#$flavor#g" \
    "$HERE/etc/glance-api.conf.in" > "$CONF"
}
