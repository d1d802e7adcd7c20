#!/usr/bin/env bash
# Load test: concurrent clients doing a realistic mix against the local host, then an audit of everything they did.
#
#   scripts/load-test.sh [--clients N] [--minutes M | --seconds S] [--max-images N] [--max-kib N] [--seed N]
#
# Builds the local host and bench/Glance.LoadTest in Release, starts its own Azurite (on disk, in a temporary
# folder) and the local host (trusted-header mode, notifications to a webhook of the load test) on free loopback
# ports, runs N clients (default 8), each its own project, for M minutes (default 1): create, PATCH, list with
# filters, show, upload through PUT /file and through an upload URL (validated by the blob trigger), download,
# share (members add + accept), tags, delete, at most --max-images live images and --max-kib KiB per image per
# client. Then it audits: every image created exists with the expected state, metadata, members and bytes
# (sha512 and md5 of the download) or is gone if deleted; each project's listing holds exactly its live images;
# every committed change produced exactly its notifications (image.create/update/delete/prepare/upload/activate,
# image.member.create/update, per image); no 5xx. It prints requests/s, p50/p95 latency and unexpected answers by
# operation, the audit's findings and PASS or FAIL; exit code 0 on PASS, 1 on FAIL, 2 on bad arguments.
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
bench_prepare dotnet node
bench_build "the local host and the load test" src/Glance.LocalHost bench/Glance.LoadTest
bench_exec bench/Glance.LoadTest --repo "$root" "$@"
