#!/usr/bin/env bash
# The event outbox's cost on the request path: p50/p95 of POST /v2/images and PATCH with notifications on and
# off, in one run against one Azurite (loopback only). Argument: requests per kind (default 400).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet run --project bench/Glance.EventsBenchmark -c Release -- "$@"
