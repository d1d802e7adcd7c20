#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need first, if it is missing:
#   - Azurite (npm ci), which the integration tests start themselves on free loopback ports;
#   - Debian's OpenStack clients, the reference Glance and qemu-utils (via ../shared/glance-ref/setup.sh,
#     needs root for apt), which the client, differential and format-inspection tests use;
#   - Debian's Keystone and uwsgi (via ../shared/keystone-ref/setup.sh, root for apt), which the keystone-mode
#     tests start on a free port with their own state.
# Results: TestResults/*.trx; the last line is "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

glance_ref="${GLANCE_REF_DIR:-$root/../shared/glance-ref}"
if ! command -v openstack >/dev/null || ! command -v glance >/dev/null || ! command -v qemu-img >/dev/null \
   || ! /usr/bin/python3 -c 'import glance' 2>/dev/null; then
  [ -x "$glance_ref/setup.sh" ] || [ -f "$glance_ref/setup.sh" ] || { echo "missing $glance_ref/setup.sh (set GLANCE_REF_DIR)" >&2; exit 1; }
  # setup.sh installs the packages and a database in a scratch folder; the tests set up their own.
  GLANCE_REF_RUN="$(mktemp -d)" bash "$glance_ref/setup.sh"
fi
export GLANCE_REF_DIR="$glance_ref"

keystone_ref="${KEYSTONE_REF_DIR:-$root/../shared/keystone-ref}"
if ! command -v uwsgi >/dev/null || ! command -v keystone-manage >/dev/null || ! /usr/bin/python3 -c 'import keystone' 2>/dev/null; then
  [ -f "$keystone_ref/setup.sh" ] || { echo "missing $keystone_ref/setup.sh (set KEYSTONE_REF_DIR)" >&2; exit 1; }
  # setup.sh installs the packages and bootstraps Keystone in a scratch folder; the tests set up their own.
  scratch="$(mktemp -d)"
  KEYSTONE_REF_RUN="$scratch" bash "$keystone_ref/setup.sh"
  rm -rf "$scratch"
fi
export KEYSTONE_REF_DIR="$keystone_ref"

rm -rf TestResults
status=0
dotnet test GlanceFunctions.sln -c Release --logger "trx" --results-directory TestResults "$@" || status=$?

TEST_STATUS=$status python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
passed = failed = 0
for path in glob.glob("TestResults/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
import os
if int(os.environ["TEST_STATUS"]) != 0 and failed == 0:
    # A build error or a crashed test host records no failed test; it must not read as a clean run.
    print("dotnet test failed without a failed test result (build error or test host crash): counted as 1 failure")
    failed = 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
