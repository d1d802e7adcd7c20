#!/usr/bin/env bash
# The event outbox's cost on the request path: p50/p95 of POST /v2/images and PATCH with notifications on and
# off, in one run against one Azurite (loopback only). Argument: requests per kind, a multiple of 10 (default 400).
# Ctrl-C stops it and removes its Azurite.
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
bench_prepare dotnet node
bench_build "the events benchmark" bench/Glance.EventsBenchmark
bench_exec bench/Glance.EventsBenchmark "$@"
