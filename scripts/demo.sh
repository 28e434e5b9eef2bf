#!/usr/bin/env bash
# The main job, end to end, on a fresh Debian 12 machine with the .NET SDK (as root):
# starts PostgreSQL (TLS, local CA) and DynamoDB Local, seeds the migration guide's dataset (356 rows), provisions the
# VisionDrive-Parking table, migrates and verifies (counts and checksums), then checks with the AWS CLI and a second,
# independent `vdp verify` run. Stops the servers on exit.
#
#   bash scripts/demo.sh [dataset]      # dataset: guide (default), dirty, scale:N
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
dataset=${1:-guide}

if ! command -v aws >/dev/null 2>&1; then
  echo "[demo] installing the AWS CLI (Debian package awscli) to check what was written" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi

export VDP_SERVICES="postgres dynamodb"
# shellcheck source=scripts/services.sh
source scripts/services.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "[demo] building the vdp CLI" >&2
dotnet build src/VisionDrive.Parking.Cli -c Release -nologo -v quiet
vdp() { dotnet "$root/src/VisionDrive.Parking.Cli/bin/Release/net10.0/vdp.dll" "$@"; }

# The source: the connection string with verified TLS comes from the environment, never from the command line.
export VDP_SOURCE="$VDP_TEST_POSTGRES"
export AWS_ENDPOINT_URL_DYNAMODB="$VDP_TEST_DYNAMODB_URL"
work=$(mktemp -d /tmp/vdp-demo.XXXXXX)
# The datasets are dated January 2026. With the default retention (400 days) their events would be refused as already
# expired from February 2027 on (the expired-TTL guard, by design), so the demo counts the retention from today: the
# oldest event keeps at least 400 days. A real migration keeps the default or sets its own policy (--retention-days).
if [[ -z ${VDP_RETENTION_DAYS:-} ]]; then
  # 400 days plus the days since 2026-01-01 rounded up to whole years (as the tests' TestDates): stable for a year.
  days=$(( ( $(date -u +%s) - $(date -u -d 2026-01-01 +%s) ) / 86400 + 1 ))
  (( days > 0 )) || days=0
  VDP_RETENTION_DAYS=$(( 400 + 365 * ( (days + 364) / 365 ) ))
  export VDP_RETENTION_DAYS
fi
echo "[demo] event retention: $VDP_RETENTION_DAYS days (VDP_RETENTION_DAYS)" >&2

echo "[demo] vdp seed $dataset" >&2
vdp seed "$dataset"
echo "[demo] vdp provision" >&2
vdp provision
echo "[demo] vdp migrate" >&2
status=0
vdp migrate --state-dir "$work/state" --report "$work/report.json" || status=$?
echo "[demo] migrate exited with $status; report: $work/report.json" >&2

echo "[demo] what DynamoDB Local holds, by the AWS CLI:" >&2
aws dynamodb scan --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB" --table-name VisionDrive-Parking --select COUNT --output json \
  | grep -E '"(Count|ScannedCount)"'
for type in TENANT SITE ZONE BAY SENSOR EVENT ALERT; do
  n=$(aws dynamodb scan --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB" --table-name VisionDrive-Parking --select COUNT \
        --filter-expression "entityType = :t" --expression-attribute-values "{\":t\":{\"S\":\"$type\"}}" \
        --query Count --output text)
  printf '  %-7s %s\n' "$type" "$n"
done

echo "[demo] vdp verify (a fresh process)" >&2
vdp verify --report "$work/verify.json"
echo "[demo] done: migrate exit $status, verify exit 0" >&2
exit "$status"
