#!/usr/bin/env bash
# The Images API against the raw table floors under it: p50/p95 of create, show, PATCH, list, delete and concurrent
# shows over HTTP, and of an entity group transaction, point read and upserts straight to the same Azurite, interleaved
# in rounds (loopback only). Goals: create and PATCH p50 <= 2.5x the transaction's. Options: --reps N (default 200),
# --concurrency N (default 8). Ctrl-C stops it and removes its Azurite.
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
bench_prepare dotnet node
bench_build "the local host and the API benchmark" src/Glance.LocalHost bench/Glance.ApiBenchmark
bench_exec bench/Glance.ApiBenchmark "$@"
