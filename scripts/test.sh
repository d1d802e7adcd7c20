#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need first, if it is missing:
#   - Azurite (npm ci), which the tests start themselves on free loopback ports;
#   - Debian's OpenStack clients, the reference Glance and qemu-utils (tests/reference/glance/setup.sh, needs
#     root for apt), which the client, differential and format-inspection tests use;
#   - Debian's Keystone and uwsgi (tests/reference/keystone/setup.sh, root for apt), which the keystone-mode
#     tests start on a free port with their own state.
# scripts/test.sh --fast runs only the projects that need neither root, apt nor the reference services (Azurite
# still, from npm): domain, format inspection, functions, functions host, upload and infra; fuzz targets get 5 s
# unless GLANCE_FUZZ_SECONDS says otherwise, and without qemu-img the tests that need its images are left out.
# Results: TestResults/*.trx; the last line is "N passed, N failed". Other arguments go to dotnet test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The reference services' setup installs what is missing (root only then) and creates a scratch state that the
# tests do not use: each test fixture sets up its own, on a free port.
reference="$root/tests/reference"
if ! $fast && { ! command -v openstack >/dev/null || ! command -v glance >/dev/null || ! command -v qemu-img >/dev/null \
   || ! /usr/bin/python3 -c 'import glance' 2>/dev/null; }; then
  scratch="$(mktemp -d)"; GLANCE_REF_RUN="$scratch" bash "$reference/glance/setup.sh"; rm -rf "$scratch"
fi
if ! $fast && { ! command -v uwsgi >/dev/null || ! command -v keystone-manage >/dev/null \
   || ! /usr/bin/python3 -c 'import keystone' 2>/dev/null; }; then
  scratch="$(mktemp -d)"; KEYSTONE_REF_RUN="$scratch" bash "$reference/keystone/setup.sh"; rm -rf "$scratch"
fi

rm -rf TestResults
status=0
if $fast; then
  export GLANCE_FUZZ_SECONDS="${GLANCE_FUZZ_SECONDS:-5}"
  inspection=()
  if ! command -v qemu-img >/dev/null; then
    echo "qemu-img not found: QemuImgImageTests and FuzzTests of Glance.FormatInspection.Tests are left out" \
      "(install qemu-utils to run them)." >&2
    inspection=(--filter "FullyQualifiedName!~.QemuImgImageTests&FullyQualifiedName!~.FuzzTests")
  fi
  for project in Glance.Domain.Tests Glance.FormatInspection.Tests Glance.Functions.Tests Glance.FunctionsHost.Tests \
                 Glance.Upload.Tests Glance.Infra.Tests; do
    extra=()
    [ "$project" = Glance.FormatInspection.Tests ] && extra=("${inspection[@]}")
    dotnet test "tests/$project" -c Release --logger "trx;LogFileName=$project.trx" --results-directory TestResults \
      "${extra[@]}" "$@" || status=$?
  done
else
  dotnet test GlanceFunctions.sln -c Release --logger "trx" --results-directory TestResults "$@" || status=$?
fi

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
