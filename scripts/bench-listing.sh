#!/usr/bin/env bash
# Listing at scale: seeds 1k then 100k images across 100 projects and reports p50/p95 of the default list (first and
# 10th page, for a project and an admin) and a name filter, against the raw Azurite range-read floor, in one run
# (loopback only). Options: --images N (default 100000, at least 1000), --reps N (default 40). Ctrl-C stops it
# and removes its Azurite.
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
bench_prepare dotnet node
bench_build "the listing benchmark" bench/Glance.ListingBenchmark
bench_exec bench/Glance.ListingBenchmark "$@"
