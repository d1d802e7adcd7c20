# The reference Glance's settings (sourced). GLANCE_REF_RUN: state folder; GLANCE_PORT; GLANCE_AUTH: trusted
# (Glance's context middleware reads the identity headers keystonemiddleware would set: X-Identity-Status,
# X-Project-Id, X-User-Id, X-Roles) or noauth (every request an admin with no project). GLANCE_STORES: file stores
# for multistore (enabled_backends), e.g. "cheap,fast", each with its own folder under $RUN/stores/;
# GLANCE_DEFAULT_STORE names the default (default: the last listed). Unset: the single file store, as before.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../common.sh"
RUN="${GLANCE_REF_RUN:-${TMPDIR:-/tmp}/glance-reference}"
GLANCE_PORT="${GLANCE_PORT:-9292}"
GLANCE_AUTH="${GLANCE_AUTH:-trusted}"
GLANCE_STORES="${GLANCE_STORES:-}"
CONF="$RUN/etc/glance-api.conf"

write_config() {
  local flavor
  case "$GLANCE_AUTH" in trusted) flavor=trusted ;; noauth) flavor="" ;; *) echo "GLANCE_AUTH must be trusted or noauth" >&2; return 1 ;; esac
  mkdir -p "$RUN"/{etc,log,pids,images,staging,work,lock,image-cache}
  sed -e "s#@RUN@#$RUN#g" -e "s#@ETC@#$HERE/etc#g" -e "s#@PORT@#$GLANCE_PORT#g" -e "s#@FLAVOR@#$flavor#g" \
    "$HERE/etc/glance-api.conf.in" > "$CONF"
  [ -n "$GLANCE_STORES" ] && write_stores
  return 0
}

# Appends multistore to the configuration: oslo.config merges a section named twice, so the [DEFAULT] and
# [glance_store] options below join the template's.
write_stores() {
  local store backends="" default="${GLANCE_DEFAULT_STORE:-${GLANCE_STORES##*,}}"
  for store in ${GLANCE_STORES//,/ }; do backends="${backends:+$backends, }$store:file"; done
  {
    printf '\n[DEFAULT]\nenabled_backends = %s\n\n[glance_store]\ndefault_backend = %s\n' "$backends" "$default"
    printf '\n[os_glance_staging_store]\nfilesystem_store_datadir = %s/staging/\n' "$RUN"
    printf '\n[os_glance_tasks_store]\nfilesystem_store_datadir = %s/work/\n' "$RUN"
    for store in ${GLANCE_STORES//,/ }; do
      mkdir -p "$RUN/stores/$store"
      printf '\n[%s]\nfilesystem_store_datadir = %s/stores/%s/\nstore_description = %s store\n' "$store" "$RUN" "$store" "$store"
    done
  } >> "$CONF"
}
