#!/usr/bin/env bash
# Image data benchmark: our data paths against their raw floors, measured in one run on this machine.
#
#   scripts/bench-data.sh [--size-mib N] [--reps N] [--memory-sizes-mib A,B]
#
# Builds the local host and bench/Glance.Benchmarks in Release, then runs the benchmark. It starts its own Azurite
# (on disk, in a temporary folder) and the local host as a separate process on free loopback ports, writes test
# files of random bytes, and removes all of it at the end. It measures, with medians of --reps repetitions:
#   - SAS upload until `active` vs SDK upload + sha512sum of the same file             (goal <= 1.3x)
#   - validation throughput vs min(single-stream blob GET, in-memory SHA-512)          (goal >= 0.8x)
#   - PUT /file and GET /file throughput vs SDK upload and download of the same file   (goal >= 0.8x)
#   - the service's peak RSS during SAS upload + validation, GET /file and PUT /file, at two sizes
#     (default size/2 and size*2), on a fresh, warmed-up local host per size            (goal < 300 MB, flat)
#   - bytes the service exchanged with the client and with blob storage (counting proxies on both sides) and its
#     /proc/<pid>/io, to show the SAS path moves no image bytes from the client through the service
# and, to tell the code from the machine, the CPU time of the service, its JIT and GC threads and Azurite, and
# how long their threads waited for a CPU busy with other work.
# Defaults (--size-mib 1024, --reps 3, memory at 512 and 2048 MiB) take 7-10 minutes on 2 cores; e.g. --size-mib 256
# takes about 3. Progress goes to stderr, the table to stdout. Exit code 0 when everything was measured (even if a
# goal is missed), 1 on errors or when the service failed an operation, 2 on bad arguments. Needs the .NET 10 SDK,
# Node.js and sha512sum. If someone else's change breaks the build, the last build still runs:
#   dotnet bench/Glance.Benchmarks/bin/Release/net10.0/Glance.Benchmarks.dll --size-mib 256
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js is required (for Azurite)." >&2; exit 1; }
command -v sha512sum >/dev/null || { echo "sha512sum (coreutils) is required." >&2; exit 1; }

if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..." >&2
  npm ci --no-audit --no-fund >/dev/null
fi

build() {
  local log
  log="$(mktemp)"
  if ! dotnet build "$1" -c Release --nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "Building $1 failed." >&2
    exit 1
  fi
  rm -f "$log"
}
echo "Building the local host and the benchmark (Release)..." >&2
build src/Glance.LocalHost
build bench/Glance.Benchmarks

exec dotnet bench/Glance.Benchmarks/bin/Release/net10.0/Glance.Benchmarks.dll --repo "$root" "$@"
