#!/usr/bin/env bash
# Control the local test servers that scripts/services.sh started, for fault-injection
# tests (exported to them as $VDP_SERVICES_CTL; works from any process, e.g. a .NET test):
#
#   vdp-ctl.sh postgres  stop|kill|start|restart|status
#   vdp-ctl.sh dynamodb  stop|kill|start|restart|status
#   vdp-ctl.sh mqtt      stop|kill|start|restart|status
#
#   stop     graceful (postgres: pg_ctl stop -m fast; others: SIGTERM)
#   kill     abrupt   (postgres: pg_ctl stop -m immediate, i.e. crash recovery on next start;
#                      others: SIGKILL)
#   start    start again with the same port/config and wait until it answers
#   restart  stop + start
#   status   prints "running pid N" / "stopped"; exit 0 if running, 3 if not
#
# It acts on the run dir $VDP_SERVICES_RUN_DIR (else $VDP_RUN_DIR, else /tmp/vdp-services),
# only on servers that services.sh set up there; ports stay the same across restarts. A
# restarted DynamoDB Local gets a new pid ($VDP_DYNAMODB_PID is then stale; <run dir>/
# dynamodb/pid is kept current) and, with -inMemory, empty tables. vdp_services_stop (and
# the watchdog) stop the current instances, restarted or not.
set -uo pipefail

# shellcheck source=scripts/lib/vdp-services-lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/vdp-services-lib.sh" || exit 1
__vdp_init_paths "${VDP_SERVICES_RUN_DIR:-}" || exit 1

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# hidden: the watchdog that services.sh spawns; stops everything once OWNER_PID is gone
# (covers a caller killed with SIGKILL, or one that replaced services.sh's EXIT trap).
if [[ ${1:-} == __watchdog ]]; then
  opid=$2 ostart=$3
  while [[ $(__vdp_pid_starttime "$opid" 2>/dev/null || true) == "$ostart" ]] && __vdp_pid_alive "$opid"; do
    sleep 1
  done
  if __vdp_owner_is "$opid" "$ostart"; then
    __vdp_stop_recorded
    rm -f -- "$__VDP_RUN/owner" "$__VDP_RUN/watchdog.pid"
    [[ ${__VDP_RUN_EPHEMERAL:-} == "$__VDP_RUN" ]] && rm -rf -- "$__VDP_RUN"
  fi
  exit 0
fi

(($# == 2)) || usage
svc=$1 action=$2

case $svc in
  postgres | postgresql | pg) svc=postgres ;;
  dynamodb | ddb) svc=dynamodb ;;
  mqtt | mosquitto) svc=mqtt ;;
  *) usage ;;
esac

configured() {
  case $svc in
    postgres) [[ -f $__VDP_PG_DATA/postgresql.conf ]] ;;
    dynamodb) [[ -f $__VDP_DDB_DIR/state ]] ;;
    mqtt) [[ -f $__VDP_MQTT_DIR/state ]] ;;
  esac || {
    __vdp_err "$svc was not set up by scripts/services.sh in $__VDP_RUN"
    exit 1
  }
}

port_of() {
  case $svc in
    postgres) sed -n "s/^port = \([0-9]*\)$/\1/p" "$__VDP_PG_DATA/postgresql.conf" | tail -n 1 ;;
    dynamodb) __vdp_state_get "$__VDP_DDB_DIR/state" PORT ;;
    mqtt) __vdp_state_get "$__VDP_MQTT_DIR/state" PORT ;;
  esac
}

is_running() {
  case $svc in
    postgres) __vdp_pg_alive ;;
    dynamodb) __vdp_ddb_alive ;;
    mqtt) __vdp_mqtt_alive ;;
  esac
}

do_stop() { # TERM|KILL
  case $svc in
    postgres) if [[ $1 == KILL ]]; then __vdp_pg_stop immediate; else __vdp_pg_stop fast; fi ;;
    dynamodb) __vdp_ddb_stop "$1" ;;
    mqtt) __vdp_mqtt_stop "$1" ;;
  esac
}

do_start() {
  local port
  port=$(port_of)
  if is_running; then
    return 0
  fi
  case $svc in
    postgres)
      __VDP_PG_LAUNCHED_AT=$SECONDS
      __vdp_as_postgres "$__VDP_PG_BIN/pg_ctl" -D "$__VDP_PG_DATA" -l "$__VDP_PG_LOG" -W start \
        </dev/null >>"$__VDP_PG_DIR/setup.log" 2>&1 || { __vdp_err "pg_ctl start failed"; __vdp_tail_log "$__VDP_PG_LOG"; return 1; }
      __vdp_wait_ready postgres "$__VDP_PG_LOG" __vdp_pg_alive_starting __vdp_pg_ping "$port"
      ;;
    dynamodb)
      __vdp_ddb_launch || return 1
      __vdp_wait_ready "DynamoDB Local" "$__VDP_DDB_DIR/dynamodb.log" __vdp_ddb_alive __vdp_ddb_ping "$port"
      ;;
    mqtt)
      __vdp_mqtt_launch || return 1
      __vdp_wait_ready mosquitto "$__VDP_MQTT_DIR/mosquitto.log" __vdp_mqtt_alive __vdp_mqtt_ping "$port"
      ;;
  esac
}

configured
case $action in
  stop) do_stop TERM ;;
  kill) do_stop KILL ;;
  start) do_start ;;
  restart) do_stop TERM && do_start ;;
  status)
    if is_running; then
      case $svc in
        postgres) echo "running pid $(__vdp_pg_postmaster_pid) port $(port_of)" ;;
        dynamodb) echo "running pid $(__vdp_read_pidfile "$__VDP_DDB_DIR/pid") port $(port_of)" ;;
        mqtt) echo "running pid $(__vdp_read_pidfile "$__VDP_MQTT_DIR/pid") port $(port_of)" ;;
      esac
      exit 0
    fi
    echo stopped
    exit 3
    ;;
  *) usage ;;
esac
