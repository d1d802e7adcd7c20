#!/usr/bin/env bash
# Runs the image service locally: Azurite (data in .azurite/) and the local host on
# http://127.0.0.1:${GLANCE_PORT:-9292}. Ctrl-C stops both. Needs the .NET 10 SDK and Node.js.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

port="${GLANCE_PORT:-9292}"
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js is required (for Azurite)." >&2; exit 1; }

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund >/dev/null
fi

settings=src/Glance.Functions/local.settings.json
[ -f "$settings" ] || cp local.settings.sample.json "$settings"

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --skipApiVersionCheck --disableTelemetry --silent \
  --location .azurite --debug .azurite/debug.log \
  --blobHost 127.0.0.1 --blobPort "$blob_port" \
  --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && break
  kill -0 "$azurite_pid" 2>/dev/null || { echo "Azurite did not start (ports $blob_port-$table_port in use?)." >&2; exit 1; }
  sleep 0.1
done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

echo "Azurite on 127.0.0.1:$blob_port-$table_port (data in .azurite/)"
echo "Glance endpoint: http://127.0.0.1:$port  (try: openstack --os-auth-type none --os-endpoint http://127.0.0.1:$port image list)"
dotnet run --project src/Glance.LocalHost -c Release -- \
  --urls "http://127.0.0.1:$port" --LocalSettings "$root/$settings" \
  --GlanceStorage "$connection" --AzureWebJobsStorage "$connection"
