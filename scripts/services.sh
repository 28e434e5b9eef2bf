# shellcheck shell=bash
# scripts/services.sh: what the tests and the demo need to start their servers, installed; their settings exported.
#
#   bash scripts/services.sh                 # install only
#   bash scripts/services.sh CMD [ARGS...]   # install, then run CMD with the settings exported (e.g. dotnet test ...)
#   bash scripts/services.sh --with-servers CMD [ARGS...]   # the same, with the servers up for CMD (the demo, the benchmarks):
#                                            # tests/VisionDrive.Parking.TestServers starts them, exports VDP_TEST_*, stops them after
#   source scripts/services.sh               # install, and export the settings into this shell
#
# Installs, only what is missing (Debian 12, as root; apt-get update at most once): PostgreSQL 15 (postgresql-15), Java
# (openjdk-17-jre-headless) and DynamoDB Local (the jar of the npm package amplify-dynamodb-simulator@2.9.30, unpacked once into
# ${VDP_CACHE_DIR:-<repo>/.cache}/dynamodb-local), mosquitto, and s3rver@3.7.1 (npm, into <cache>/s3rver-3.7.1: an S3-compatible
# server the upload tests start, exported as VDP_S3RVER_JS). VDP_SERVICES="postgres dynamodb mqtt s3" (the default) picks a subset.
#
# The servers themselves are started by the test processes (tests/VisionDrive.Parking.TestSupport/Servers: PostgreSQL with TLS
# from a CA made in C#, DynamoDB Local, mosquitto, each on a free loopback port, stopped when the process ends), unless
# VDP_TEST_POSTGRES, VDP_TEST_DYNAMODB_URL or VDP_TEST_MQTT points at a server of yours. Exported here: VDP_PG_BIN,
# VDP_DYNAMODB_JAR_DIR, and dummy AWS credentials and region (DynamoDB Local accepts any), each only if not set.

__vdp_services_install() {
  local repo cache jar pkgs=() s log
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cache=${VDP_CACHE_DIR:-$repo/.cache}
  jar=$cache/dynamodb-local
  for s in ${VDP_SERVICES:-postgres dynamodb mqtt s3}; do
    case $s in
      postgres) [[ -x /usr/lib/postgresql/15/bin/initdb ]] || pkgs+=(postgresql-15) ;;
      dynamodb)
        command -v java >/dev/null || pkgs+=(openjdk-17-jre-headless)
        [[ -f $jar/DynamoDBLocal.jar ]] || command -v npm >/dev/null || pkgs+=(npm)
        ;;
      mqtt) command -v mosquitto >/dev/null || [[ -x /usr/sbin/mosquitto ]] || pkgs+=(mosquitto) ;;
      s3) [[ -f $cache/s3rver-3.7.1/node_modules/s3rver/bin/s3rver.js ]] || command -v npm >/dev/null || pkgs+=(npm) ;;
      *) echo "[services] unknown service '$s' (known: postgres dynamodb mqtt s3)" >&2; return 1 ;;
    esac
  done
  if ((${#pkgs[@]} > 0)); then
    if [[ $(id -u) != 0 ]]; then
      echo "[services] missing: ${pkgs[*]}; run as root, or: sudo apt-get install ${pkgs[*]}" >&2
      return 1
    fi
    log=$(mktemp /tmp/vdp-apt.XXXXXX.log)
    echo "[services] installing ${pkgs[*]} (apt-get; log $log)" >&2
    if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${pkgs[@]}"; } >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      echo "[services] apt-get install ${pkgs[*]} failed; read $log" >&2
      return 1
    fi
  fi
  if [[ " ${VDP_SERVICES:-dynamodb} " == *" dynamodb "* && ! -f $jar/DynamoDBLocal.jar ]]; then
    local tmp
    tmp=$(mktemp -d /tmp/vdp-ddb.XXXXXX)
    echo "[services] fetching DynamoDB Local (npm amplify-dynamodb-simulator@2.9.30) into $jar" >&2
    if ! (cd "$tmp" && npm pack --silent amplify-dynamodb-simulator@2.9.30 >npm.log 2>&1 && tar -xzf ./*.tgz package/emulator) ||
      [[ ! -f $tmp/package/emulator/DynamoDBLocal.jar ]]; then
      cat "$tmp/npm.log" >&2 2>/dev/null
      echo "[services] npm pack amplify-dynamodb-simulator@2.9.30 gave no emulator/DynamoDBLocal.jar" >&2
      rm -rf -- "$tmp"
      return 1
    fi
    mkdir -p "$cache" && rm -rf -- "$jar" && mv -T "$tmp/package/emulator" "$jar"
    rm -rf -- "$tmp"
  fi
  local s3=$cache/s3rver-3.7.1
  if [[ " ${VDP_SERVICES:-s3} " == *" s3 "* && ! -f $s3/node_modules/s3rver/bin/s3rver.js ]]; then
    local tmp3
    mkdir -p "$cache" && tmp3=$(mktemp -d "$cache/.s3rver.XXXXXX")
    echo "[services] fetching s3rver@3.7.1 (npm) into $s3" >&2
    if ! npm install --silent --no-audit --no-fund --omit=dev --prefix "$tmp3" s3rver@3.7.1 >"$tmp3/npm.log" 2>&1 ||
      [[ ! -f $tmp3/node_modules/s3rver/bin/s3rver.js ]]; then
      tail -n 20 "$tmp3/npm.log" >&2
      echo "[services] npm install s3rver@3.7.1 failed" >&2
      rm -rf -- "$tmp3"
      return 1
    fi
    rm -rf -- "$s3" && mv -T "$tmp3" "$s3"
  fi
  [[ -f $s3/node_modules/s3rver/bin/s3rver.js ]] && export VDP_S3RVER_JS=${VDP_S3RVER_JS:-$s3/node_modules/s3rver/bin/s3rver.js}
  export VDP_PG_BIN=${VDP_PG_BIN:-/usr/lib/postgresql/15/bin}
  [[ -f $jar/DynamoDBLocal.jar ]] && export VDP_DYNAMODB_JAR_DIR=${VDP_DYNAMODB_JAR_DIR:-$jar}
  export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-vdplocal} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-vdplocalsecret}
  export AWS_REGION=${AWS_REGION:-me-central-1} AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-${AWS_REGION:-me-central-1}}
  export AWS_EC2_METADATA_DISABLED=${AWS_EC2_METADATA_DISABLED:-true}
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  __vdp_services_install || exit 1
  if [[ ${1:-} == --with-servers ]]; then
  shift
  (($# > 0)) || { echo "usage: bash scripts/services.sh --with-servers CMD [ARGS...]" >&2; exit 2; }
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  dotnet build "$repo/tests/VisionDrive.Parking.TestServers" -c Release -nologo -v quiet >&2
  # shellcheck disable=SC2086 # the list of servers
  exec dotnet "$repo/tests/VisionDrive.Parking.TestServers/bin/Release/net10.0/vdp-test-servers.dll" ${VDP_SERVICES:-} -- "$@"
  fi
  (($# == 0)) || exec "$@"
else
  __vdp_services_install || return 1
fi
