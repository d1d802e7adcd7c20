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
#     and, to tell the hashing from the service's path, the same read-and-hash code run in the benchmark process
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
source "$(dirname "$0")/bench-common.sh"
bench_prepare dotnet node sha512sum
bench_build "the local host and the benchmark" src/Glance.LocalHost bench/Glance.Benchmarks
bench_exec bench/Glance.Benchmarks --repo "$root" "$@"
