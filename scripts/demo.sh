#!/usr/bin/env bash
# The main job, end to end, on a fresh Debian 12 machine with the .NET SDK (as root):
# starts PostgreSQL (TLS, a CA of its own) and DynamoDB Local (tests/VisionDrive.Parking.TestServers), seeds a dataset, provisions
# the VisionDrive-Parking table, migrates and verifies (counts and checksums), then counts the items per entity type with the AWS
# CLI and runs a second, independent `vdp verify`. Stops the servers on exit.
#
#   bash scripts/demo.sh [dataset]      # dataset: guide (default, 356 rows), dirty (the guide's defects: exit 3), scale:N
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

if [[ ${1:-} != --with-servers ]]; then
  if ! command -v aws >/dev/null 2>&1; then
    echo "[demo] installing the AWS CLI (Debian package awscli) to check what was written" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  echo "[demo] building the vdp CLI" >&2
  dotnet build src/VisionDrive.Parking.Cli -c Release -nologo -v quiet >&2
  VDP_SERVICES="postgres dynamodb" exec bash scripts/services.sh --with-servers bash "$0" --with-servers "$@"
fi
shift
dataset=${1:-guide}
vdp() { dotnet "$root/src/VisionDrive.Parking.Cli/bin/Release/net10.0/vdp.dll" "$@"; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

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
t0=$EPOCHREALTIME
vdp migrate --state-dir "$work/state" --report "$work/report.json" || status=$?
t1=$EPOCHREALTIME
echo "[demo] migrate exited with $status in $(seconds "$t0" "$t1") s; report: $work/report.json" >&2

# One scan, only entityType projected, counted here: one line per entity type (items without one are counted as "None").
echo "[demo] what DynamoDB Local holds, by the AWS CLI (one scan):" >&2
aws dynamodb scan --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB" --table-name VisionDrive-Parking \
  --projection-expression entityType --query 'Items[].[entityType.S]' --output text \
  | tr '\t' '\n' | sed '/^$/d' | sort | uniq -c | awk '{ printf "  %-7s %s\n", $2, $1; total += $1 } END { printf "  %-7s %s\n", "total", total + 0 }'
t2=$EPOCHREALTIME
echo "[demo] AWS CLI check took $(seconds "$t1" "$t2") s (migration: $(seconds "$t0" "$t1") s)" >&2

echo "[demo] vdp verify (a fresh process)" >&2
verify=0
vdp verify --report "$work/verify.json" || verify=$?
echo "[demo] done: migrate exit $status, verify exit $verify (exit 0: verified; exit 3: rejected rows or differences, listed in $work)" >&2
if ((status == 0)); then
  exit "$verify"
fi
exit "$status"
