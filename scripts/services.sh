# shellcheck shell=bash disable=SC2119,SC2120
# scripts/services.sh: local test servers for VisionDrive.Parking.Data.
#
#   source scripts/services.sh            # starts PostgreSQL, DynamoDB Local and mosquitto
#   VDP_SERVICES="postgres mqtt" source scripts/services.sh      # a subset
#   VDP_SERVICES_NO_AUTOSTART=1 source scripts/services.sh; vdp_services_start [SERVICES...]
#   bash scripts/services.sh CMD [ARGS...]   # run one command with the servers up
#
# Meant to be SOURCED by bash, as root, on Debian 12. Idempotent: installs missing Debian
# packages (apt-get update at most once, only when something is missing), fetches
# DynamoDB Local once into a cache, and starts each server on a free 127.0.0.1 port. On
# failure it prints what failed and which log to read, stops what it had started, and
# returns 1 (it never `exit`s the caller). Progress/ready lines go to stderr.
#
# Services and what they export (a service whose VDP_TEST_* variable is already set on entry
# is NOT started: the external server is used as is and nothing else is exported for it):
#
# postgres   own PostgreSQL 15 instance (never the system cluster), fresh data dir each run
#            (a copy of an initdb output cached in <cache>/postgres-template), TLS on (local
#            CA), TCP only `hostssl ... scram-sha-256`, max_connections 200, fsync off.
#   VDP_TEST_POSTGRES        Npgsql connection string for role vdp (password random per run):
#                            Host=127.0.0.1;Port=P;Database=vdp;Username=vdp;Password=...;
#                            SSL Mode=VerifyFull;Root Certificate=<run>/tls/ca.crt
#   VDP_TEST_POSTGRES_CA     the CA certificate (ca.crt) that signed the server certificate
#                            (CN=localhost, SAN DNS:localhost, IP:127.0.0.1)
#   VDP_TEST_POSTGRES_ADMIN  Npgsql connection string for the superuser `postgres` over the unix
#                            socket (peer auth, mapped for OS users root and postgres; no
#                            password): Host=<run>/pg/socket;Port=P;Database=vdp;Username=postgres
#   VDP_PG_ADMIN_CONNINFO    the same for libpq/psql:  psql "$VDP_PG_ADMIN_CONNINFO" -c '...'
#                            (equivalently: psql -h "$VDP_PG_SOCKET_DIR" -p "$VDP_PG_PORT" -U postgres)
#   VDP_PG_CONNINFO          libpq conninfo for role vdp over TLS verify-full (has the password)
#   VDP_PG_PORT, VDP_PG_SOCKET_DIR, VDP_PG_DATA, VDP_PG_BIN, VDP_PG_LOG
#                            port, socket dir, data dir, bin dir, server log. pg_ctl refuses
#                            to run as root: use `runuser -u postgres -- "$VDP_PG_BIN/pg_ctl"
#                            -D "$VDP_PG_DATA" -l "$VDP_PG_LOG" ...`, or "$VDP_SERVICES_CTL".
#                            The port is in postgresql.conf, so a restart keeps it.
# dynamodb   DynamoDB Local 1.25.1 (npm amplify-dynamodb-simulator@2.9.30, cached in
#            ${VDP_CACHE_DIR:-<repo>/.cache}/dynamodb-local), -inMemory -sharedDb, or
#            -dbPath "$VDP_DYNAMODB_DBPATH" when that is set. Heap: VDP_DYNAMODB_XMX (2g);
#            extra JVM flags: VDP_DYNAMODB_JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1, ~1 s faster
#            start). Requests need some AWS credentials (any value); -sharedDb ignores them.
#   VDP_TEST_DYNAMODB_URL    http://127.0.0.1:P
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (me-central-1), AWS_DEFAULT_REGION,
#   AWS_EC2_METADATA_DISABLED (true)   dummy values, each only if not already set
#   VDP_DYNAMODB_JAR_DIR     folder with DynamoDBLocal.jar; VDP_DYNAMODB_PID the java pid
#   VDP_DYNAMODB_PORT, VDP_DYNAMODB_LOG
# s3         s3rver 3.7.1 (npm), an S3-compatible server, fetched into <cache>/s3rver-3.7.1 (not started:
#            the upload tests start their own on a free port, see scripts/lib/vdp-s3rver.sh)
#   VDP_S3RVER_JS            the server's CLI script (node "$VDP_S3RVER_JS" --address 127.0.0.1 --port P --directory D)
# mqtt       mosquitto broker, anonymous, persistence in the run dir (QoS 1 queues survive a restart), 127.0.0.1 only.
#   VDP_TEST_MQTT            mqtt://127.0.0.1:P
#   VDP_MQTT_PORT, VDP_MQTT_LOG
# all
#   VDP_SERVICES_RUN_DIR     the run dir in use: $VDP_RUN_DIR if set on entry, else
#                            /tmp/vdp-services, or, when another live shell owns that one,
#                            a private /tmp/vdp-services.<pid> (deleted on stop). An explicit
#                            VDP_RUN_DIR owned by another live shell is an error. Certificates
#                            in <run>/tls are reused across runs; the rest is redone.
#   VDP_SERVICES_CTL         scripts/lib/vdp-ctl.sh: `$VDP_SERVICES_CTL postgres|dynamodb|mqtt
#                            stop|kill|start|restart|status`, for fault-injection tests.
#
# Stopping: vdp_services_stop stops exactly what this shell started (pg_ctl stop -m fast,
# SIGTERM to java and mosquitto, then SIGKILL if needed) and unsets what it exported. It is
# registered as an EXIT trap; an EXIT trap that was set BEFORE sourcing is kept and runs
# after the servers stop, with the original $?. If you set your own EXIT trap
# AFTER sourcing, call vdp_services_stop in it. In any case a small watchdog process stops the
# servers within ~1 s once the sourcing shell is gone (even after kill -9).
# Other knobs: VDP_SERVICES_TIMEOUT (seconds to wait for each server, default 60),
# VDP_CACHE_DIR (default <repo>/.cache), VDP_PG_BIN (default /usr/lib/postgresql/15/bin).

if [ -z "${BASH_VERSION:-}" ]; then
  echo "[services] ERROR: scripts/services.sh needs bash" >&2
  # shellcheck disable=SC2317
  return 1 2>/dev/null || exit 1
fi

# shellcheck source=scripts/lib/vdp-services-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/vdp-services-lib.sh" || return 1 2>/dev/null || exit 1
# shellcheck source=scripts/lib/vdp-s3rver.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/vdp-s3rver.sh" || return 1 2>/dev/null || exit 1

__VDP_STARTED=${__VDP_STARTED:-}
__VDP_EXPORTED=${__VDP_EXPORTED:-}

# __vdp_export NAME VALUE: export, remembering NAME if it was unset before (so that
# vdp_services_stop unsets only what this script added).
__vdp_export() {
  if [[ -z ${!1+set} ]]; then
    case " $__VDP_EXPORTED " in *" $1 "*) ;; *) __VDP_EXPORTED+=" $1" ;; esac
  fi
  export "$1=$2"
}

# __vdp_export_default NAME VALUE: only when NAME is unset or empty.
__vdp_export_default() {
  [[ -n ${!1:-} ]] && return 0
  [[ -n ${!1+set} ]] && unset "$1"
  __vdp_export "$1" "$2"
}

__vdp_register_exit_trap() {
  [[ ${__VDP_TRAP_OWNER:-} == "$BASHPID" ]] && return 0
  local prev=''
  # `trap -p EXIT` prints a quoted command line; re-parse it to get the handler text.
  eval "set -- $(trap -p EXIT)"
  prev=${3:-}
  if [[ $prev == *vdp_services_stop* ]]; then
    :
  elif [[ -n $prev ]]; then
    # shellcheck disable=SC2064,SC2154 # $prev is meant to be expanded now
    trap "__vdp_exit_rc=\$?; set +e; vdp_services_stop; (exit \$__vdp_exit_rc)
$prev" EXIT
  else
    trap '__vdp_exit_rc=$?; set +e; vdp_services_stop; (exit $__vdp_exit_rc)' EXIT
  fi
  __VDP_TRAP_OWNER=$BASHPID
  return 0
}

# Make this shell the owner of the run dir: stops leftovers of a previous owner that died,
# refuses a run dir whose owner is still alive, and starts the watchdog.
__vdp_claim_run_dir() {
  local me=$BASHPID mestart opid='' ostart='' wpid
  mestart=$(__vdp_pid_starttime "$me") || mestart=''
  if ! mkdir -p "$__VDP_RUN" || ! chmod 755 "$__VDP_RUN"; then
    __vdp_err "cannot create $__VDP_RUN"
    return 1
  fi
  __vdp_owner_is "$me" "$mestart" && return 0
  if [[ -f $__VDP_RUN/owner ]]; then
    read -r opid ostart <"$__VDP_RUN/owner" 2>/dev/null || true
    if __vdp_pid_alive "$opid" && [[ $(__vdp_pid_starttime "$opid" || true) == "$ostart" ]]; then
      if [[ -z ${VDP_RUN_DIR:-} && -z ${__VDP_RUN_EPHEMERAL:-} ]]; then
        # default run dir busy (another shell's servers): use a private one, removed on stop
        __vdp_say "$__VDP_RUN is in use by process $opid; using $__VDP_RUN.$me for this shell"
        __vdp_init_paths "$__VDP_RUN.$me" || return 1
        __VDP_RUN_EPHEMERAL=$__VDP_RUN
        __vdp_claim_run_dir
        return
      fi
      __vdp_err "$__VDP_RUN is in use by live process $opid ($(tr '\0' ' ' <"/proc/$opid/cmdline" 2>/dev/null | cut -c1-100)); set VDP_RUN_DIR to another directory to run a second set of servers"
      return 1
    fi
  fi
  # leftovers of a dead owner: its watchdog first, then its servers
  wpid=$(__vdp_read_pidfile "$__VDP_RUN/watchdog.pid")
  __vdp_kill_wait "$wpid" "vdp-ctl.sh __watchdog" 5 || true
  __vdp_stop_recorded
  rm -f -- "$__VDP_RUN/owner" "$__VDP_RUN/watchdog.pid"
  if ! (set -C && printf '%s %s\n' "$me" "$mestart" >"$__VDP_RUN/owner") 2>/dev/null; then
    __vdp_err "could not claim $__VDP_RUN (another process claimed it at the same time?)"
    return 1
  fi
  if ! __vdp_spawn "$__VDP_RUN/watchdog.pid" "$__VDP_RUN/watchdog.log" / \
    env VDP_RUN_DIR="$__VDP_RUN" VDP_PG_BIN="$__VDP_PG_BIN" VDP_CACHE_DIR="${__VDP_DDB_JAR_DIR%/*}" \
    __VDP_RUN_EPHEMERAL="${__VDP_RUN_EPHEMERAL:-}" bash "$__VDP_LIB_DIR/vdp-ctl.sh" __watchdog "$me" "$mestart"; then
    __vdp_err "could not start the watchdog"
    rm -f -- "$__VDP_RUN/owner"
    return 1
  fi
  return 0
}

__vdp_release_run_dir() {
  local wpid
  wpid=$(__vdp_read_pidfile "$__VDP_RUN/watchdog.pid")
  __vdp_kill_wait "$wpid" "vdp-ctl.sh __watchdog" 5 || true
  rm -f -- "$__VDP_RUN/owner" "$__VDP_RUN/watchdog.pid"
  if [[ -n ${__VDP_RUN_EPHEMERAL:-} && $__VDP_RUN_EPHEMERAL == "$__VDP_RUN" ]]; then
    rm -rf -- "$__VDP_RUN"
    unset __VDP_RUN_EPHEMERAL
  fi
}

__vdp_stop_service() {
  case $1 in
    postgres) __vdp_pg_stop fast ;;
    dynamodb) __vdp_ddb_stop TERM ;;
    mqtt) __vdp_mqtt_stop TERM ;;
  esac
}

# exports collected by vdp_services_start, applied once every server is ready
__vdp_later() { later+=(set "$1" "$2"); }
__vdp_later_default() { later+=(default "$1" "$2"); }

# vdp_services_start [SERVICES...]: start the given services (default: $VDP_SERVICES, or
# "postgres dynamodb mqtt"), skipping those already available. Returns 1 on failure.
vdp_services_start() {
  local -a want=() todo=() launched=() ports=() ready=() later=()
  local s list=${*:-${VDP_SERVICES:-postgres dynamodb mqtt s3}} t0=${EPOCHREALTIME:-$SECONDS}
  for s in $list; do
    case $s in
      postgres | postgresql | pg) want+=(postgres) ;;
      dynamodb | ddb | dynamo) want+=(dynamodb) ;;
      mqtt | mosquitto) want+=(mqtt) ;;
      s3 | s3rver)
        # fetched only: the tests start their own s3rver (scripts/lib/vdp-s3rver.sh)
        if [[ -z ${VDP_S3RVER_JS:-} ]]; then
          __vdp_init_paths && __vdp_s3rver_fetch || return 1
          __vdp_export VDP_S3RVER_JS "$(__vdp_s3rver_dir)/node_modules/s3rver/bin/s3rver.js"
        fi
        ;;
      *)
        __vdp_err "unknown service '$s' (known: postgres dynamodb mqtt s3)"
        return 1
        ;;
    esac
  done
  for s in "${want[@]}"; do
    case $s in
      postgres) [[ -n ${VDP_TEST_POSTGRES:-} ]] && { [[ " $__VDP_STARTED " == *" postgres "* ]] || __vdp_say "postgres: using VDP_TEST_POSTGRES from the environment"; continue; } ;;
      dynamodb) [[ -n ${VDP_TEST_DYNAMODB_URL:-} ]] && { [[ " $__VDP_STARTED " == *" dynamodb "* ]] || __vdp_say "dynamodb: using VDP_TEST_DYNAMODB_URL=$VDP_TEST_DYNAMODB_URL from the environment"; continue; } ;;
      mqtt) [[ -n ${VDP_TEST_MQTT:-} ]] && { [[ " $__VDP_STARTED " == *" mqtt "* ]] || __vdp_say "mqtt: using VDP_TEST_MQTT=$VDP_TEST_MQTT from the environment"; continue; } ;;
    esac
    [[ " ${todo[*]:-} " == *" $s "* ]] || todo+=("$s")
  done
  ((${#todo[@]} > 0)) || return 0
  local want_pg='' want_ddb='' want_mq=''
  [[ " ${todo[*]} " == *" postgres "* ]] && want_pg=1
  [[ " ${todo[*]} " == *" dynamodb "* ]] && want_ddb=1
  [[ " ${todo[*]} " == *" mqtt "* ]] && want_mq=1

  __vdp_init_paths || return 1
  __vdp_ensure_packages "${todo[@]}" || return 1
  if [[ -n $want_ddb ]]; then __vdp_ddb_fetch || return 1; fi
  __vdp_claim_run_dir || return 1
  __vdp_register_exit_trap

  # on failure: stop what this call launched, release the run dir if nothing else runs
  __vdp_start_failed() {
    local x
    for x in "${launched[@]}"; do __vdp_stop_service "$x" || true; done
    [[ -n ${__VDP_STARTED// /} ]] || __vdp_release_run_dir
    return 1
  }

  mapfile -t ports < <(__vdp_free_ports 3)
  if ((${#ports[@]} != 3)); then
    __vdp_err "could not find free TCP ports"
    __vdp_start_failed
    return 1
  fi
  local pg_port=${ports[0]} ddb_port=${ports[1]} mq_port=${ports[2]}

  # launch everything first (DynamoDB Local's JVM is the slowest), then wait for each
  if [[ -n $want_ddb ]]; then
    local dbpath=${VDP_DYNAMODB_DBPATH:-}
    [[ -z $dbpath || $dbpath == /* ]] || dbpath=$PWD/$dbpath
    launched+=(dynamodb)
    if ! mkdir -p "$__VDP_DDB_DIR" || ! : >"$__VDP_DDB_DIR/dynamodb.log" ||
      ! __vdp_ddb_write_state "$ddb_port" "$dbpath" || ! __vdp_ddb_launch; then
      __vdp_start_failed
      return 1
    fi
  fi
  if [[ -n $want_mq ]]; then
    launched+=(mqtt)
    if ! __vdp_mqtt_write_conf "$mq_port" || ! __vdp_mqtt_launch; then
      __vdp_start_failed
      return 1
    fi
  fi
  if [[ -n $want_pg ]]; then
    launched+=(postgres)
    if ! __vdp_pg_launch "$pg_port"; then
      __vdp_start_failed
      return 1
    fi
  fi

  if [[ -n $want_pg ]]; then
    local pw ca=$__VDP_TLS_DIR/ca.crt
    pw=$(openssl rand -hex 24) || pw=''
    if [[ ${#pw} != 48 ]]; then
      __vdp_err "openssl rand failed"
      __vdp_start_failed
      return 1
    fi
    if ! __vdp_wait_ready postgres "$__VDP_PG_LOG" __vdp_pg_alive_starting __vdp_pg_ping "$pg_port" ||
      ! __vdp_pg_setup "$pg_port" "$pw"; then
      __vdp_start_failed
      return 1
    fi
    __vdp_later VDP_TEST_POSTGRES "Host=127.0.0.1;Port=$pg_port;Database=vdp;Username=vdp;Password=$pw;SSL Mode=VerifyFull;Root Certificate=$ca"
    __vdp_later VDP_TEST_POSTGRES_CA "$ca"
    __vdp_later VDP_TEST_POSTGRES_ADMIN "Host=$__VDP_PG_SOCK;Port=$pg_port;Database=vdp;Username=postgres"
    __vdp_later VDP_PG_ADMIN_CONNINFO "host=$__VDP_PG_SOCK port=$pg_port dbname=vdp user=postgres"
    __vdp_later VDP_PG_CONNINFO "host=127.0.0.1 port=$pg_port dbname=vdp user=vdp password=$pw sslmode=verify-full sslrootcert=$ca"
    __vdp_later VDP_PG_PORT "$pg_port"
    __vdp_later VDP_PG_SOCKET_DIR "$__VDP_PG_SOCK"
    __vdp_later VDP_PG_DATA "$__VDP_PG_DATA"
    __vdp_later VDP_PG_BIN "$__VDP_PG_BIN"
    __vdp_later VDP_PG_LOG "$__VDP_PG_LOG"
    ready+=(postgres)
    __vdp_say "postgres ready on 127.0.0.1:$pg_port (TLS verify-full, CA $ca; log $__VDP_PG_LOG)"
  fi
  if [[ -n $want_ddb ]]; then
    if ! __vdp_wait_ready "DynamoDB Local" "$__VDP_DDB_DIR/dynamodb.log" __vdp_ddb_alive __vdp_ddb_ping "$ddb_port"; then
      __vdp_start_failed
      return 1
    fi
    __vdp_later VDP_TEST_DYNAMODB_URL "http://127.0.0.1:$ddb_port"
    __vdp_later_default AWS_ACCESS_KEY_ID vdplocal
    __vdp_later_default AWS_SECRET_ACCESS_KEY vdplocalsecret
    __vdp_later_default AWS_REGION me-central-1
    __vdp_later_default AWS_DEFAULT_REGION "${AWS_REGION:-me-central-1}"
    __vdp_later_default AWS_EC2_METADATA_DISABLED true
    __vdp_later VDP_DYNAMODB_JAR_DIR "$__VDP_DDB_JAR_DIR"
    __vdp_later VDP_DYNAMODB_PID "$(__vdp_read_pidfile "$__VDP_DDB_DIR/pid")"
    __vdp_later VDP_DYNAMODB_PORT "$ddb_port"
    __vdp_later VDP_DYNAMODB_LOG "$__VDP_DDB_DIR/dynamodb.log"
    ready+=(dynamodb)
    local mode=in-memory
    [[ -z $dbpath ]] || mode="dbPath $dbpath"
    __vdp_say "dynamodb-local ready on http://127.0.0.1:$ddb_port ($mode; log $__VDP_DDB_DIR/dynamodb.log)"
  fi
  if [[ -n $want_mq ]]; then
    if ! __vdp_wait_ready mosquitto "$__VDP_MQTT_DIR/mosquitto.log" __vdp_mqtt_alive __vdp_mqtt_ping "$mq_port"; then
      __vdp_start_failed
      return 1
    fi
    __vdp_later VDP_TEST_MQTT "mqtt://127.0.0.1:$mq_port"
    __vdp_later VDP_MQTT_PORT "$mq_port"
    __vdp_later VDP_MQTT_LOG "$__VDP_MQTT_DIR/mosquitto.log"
    ready+=(mqtt)
    __vdp_say "mosquitto ready on mqtt://127.0.0.1:$mq_port (log $__VDP_MQTT_DIR/mosquitto.log)"
  fi
  # all ready: only now export anything (a failed start leaves the environment untouched)
  local i
  for ((i = 0; i < ${#later[@]}; i += 3)); do
    if [[ ${later[i]} == default ]]; then
      __vdp_export_default "${later[i + 1]}" "${later[i + 2]}"
    else
      __vdp_export "${later[i + 1]}" "${later[i + 2]}"
    fi
  done
  __VDP_STARTED+=" ${ready[*]}"
  __vdp_export VDP_SERVICES_RUN_DIR "$__VDP_RUN"
  __vdp_export VDP_SERVICES_CTL "$__VDP_LIB_DIR/vdp-ctl.sh"
  local t1=${EPOCHREALTIME:-$SECONDS}
  __vdp_say "ready in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')s: ${todo[*]} (run dir $__VDP_RUN)"
  return 0
}

# vdp_services_stop: stop what this shell started and unset what it exported. Safe to call
# more than once, and a no-op in any other process (a subshell, a child script).
vdp_services_stop() {
  [[ -n ${__VDP_RUN:-} ]] || return 0
  local me=$BASHPID mestart v
  mestart=$(__vdp_pid_starttime "$me") || mestart=''
  __vdp_owner_is "$me" "$mestart" || return 0
  # everything recorded in the run dir, i.e. also instances restarted via $VDP_SERVICES_CTL
  __vdp_stop_recorded
  __vdp_release_run_dir
  for v in $__VDP_EXPORTED; do unset "$v"; done
  [[ -n ${__VDP_STARTED// /} ]] && __vdp_say "stopped:$__VDP_STARTED"
  __VDP_EXPORTED=''
  __VDP_STARTED=''
  return 0
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  # executed, not sourced: run one command with the servers up
  if (($# == 0)); then
    echo "usage: source scripts/services.sh   |   bash scripts/services.sh CMD [ARGS...]" >&2
    exit 2
  fi
  vdp_services_start || exit 1
  "$@"
  exit $?
fi

if [[ ${VDP_SERVICES_NO_AUTOSTART:-0} != 1 ]]; then
  vdp_services_start || return 1
fi
