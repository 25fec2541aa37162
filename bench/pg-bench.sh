#!/usr/bin/env bash
# Compares PostgreSQL reached directly, through SchemaGate and through PgBouncer (session mode).
#
#   bench/pg-bench.sh [tps|rss|all]
#
# tps: pgbench select-only (-S) and TPC-B-like loads with 1, 8 and 32 clients against each target,
#      alternating targets cell by cell, printing TPS, the ratio to direct, mean latency and the
#      proxy's own CPU time per transaction (utime+stime from /proc/PID/stat, before and after).
# rss: resident memory (VmRSS) of the gateway and of PgBouncer holding IDLE_CLIENTS idle clients.
#
# Settings (environment):
#   DURATION=10        seconds per cell          CLIENTS="1 8 32"     client counts
#   LOADS="select tpcb"                          ROUNDS=1             repeat the whole grid
#   PROTOCOL=simple    pgbench -M (simple|extended|prepared)
#   SCALE=10           pgbench -i scale factor   PG=127.0.0.1:5432    the server (trust auth for PGUSER)
#   PGUSER=postgres    GW_PORT=16432  BOUNCER_PORT=16433
#   IDLE_CLIENTS=1000  IDLE_MODE=tcp (connect only; both proxies drop such clients after 60 s, which
#                      the measurement does not wait for) | login (full sessions; the server needs
#                      max_connections above IDLE_CLIENTS for the gateway, which holds one server
#                      connection per client, while PgBouncer holds none for an idle client)
#   JAR=gateway/target/schemagate.jar (build it with: mvn -B package -DskipTests)
#   GW_JAVA_OPTS=      extra JVM options for the gateway, e.g. "-Xmx512m"
#   WARMUP=5           seconds of unmeasured load of each kind through each proxy first (JIT warm-up)
#   BENCH_DB=sgbench   KEEP_DB=0 (1 keeps the pgbench database afterwards)
# Run it on a quiet machine: the numbers mean nothing while other work shares the cores.
set -euo pipefail

mode="${1:-tps}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

DURATION="${DURATION:-10}"
CLIENTS="${CLIENTS:-1 8 32}"
LOADS="${LOADS:-select tpcb}"
ROUNDS="${ROUNDS:-1}"
PROTOCOL="${PROTOCOL:-simple}"
SCALE="${SCALE:-10}"
PG="${PG:-127.0.0.1:5432}"
PGUSER="${PGUSER:-postgres}"
GW_PORT="${GW_PORT:-16432}"
BOUNCER_PORT="${BOUNCER_PORT:-16433}"
IDLE_CLIENTS="${IDLE_CLIENTS:-1000}"
IDLE_MODE="${IDLE_MODE:-tcp}"
JAR="${JAR:-$root/gateway/target/schemagate.jar}"
BENCH_DB="${BENCH_DB:-sgbench}"
KEEP_DB="${KEEP_DB:-0}"
GW_JAVA_OPTS="${GW_JAVA_OPTS:-}"
WARMUP="${WARMUP:-5}"
export PGUSER
# Each idle client is a socket in the proxy (two for the gateway in login mode).
ulimit -n "$((2 * IDLE_CLIENTS + 1024))" 2>/dev/null || true

pg_host="${PG%:*}"
pg_port="${PG##*:}"
tick="$(getconf CLK_TCK)"
work="$(mktemp -d /tmp/sg-bench.XXXXXX)"
gw_pid=""
bouncer_pid=""

die() { echo "pg-bench: $*" >&2; exit 1; }

cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ -n "$bouncer_pid" ] && kill "$bouncer_pid" 2>/dev/null || true
  if [ "$KEEP_DB" != 1 ] && [ "$mode" != rss ]; then
    PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 100); do
    pg_isready -q -h 127.0.0.1 -p "$1" && return 0
    sleep 0.1
  done
  die "nothing answers on port $1 (see $work/*.log)"
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command name
# in field 2 may contain spaces, so count from the closing parenthesis).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

start_gateway() {
  [ -f "$JAR" ] || die "$JAR not found; build it with: mvn -B package -DskipTests"
  port_free "$GW_PORT" || die "port $GW_PORT is taken; set GW_PORT"
  cat > "$work/gateway.yaml" <<YAML
postgres:
  listen: 127.0.0.1:$GW_PORT
  upstream: $PG
mysql:
  enabled: false
admin:
  enabled: false
audit:
  file: $work/audit.jsonl
state:
  dir: $work/state
YAML
  # setsid: its own session, as a service or a daemonized PgBouncer has. With the kernel's autogroup
  # scheduling a process sharing the session of pgbench would share pgbench's CPU share as well.
  SCHEMAGATE_LOG_LEVEL=WARN setsid java $GW_JAVA_OPTS -jar "$JAR" serve --config "$work/gateway.yaml" > "$work/gateway.log" 2>&1 &
  gw_pid=$!
  wait_port "$GW_PORT"
}

start_bouncer() {
  command -v pgbouncer >/dev/null || die "pgbouncer is not installed (apt-get install pgbouncer)"
  port_free "$BOUNCER_PORT" || die "port $BOUNCER_PORT is taken; set BOUNCER_PORT"
  chmod 755 "$work"
  printf '"%s" ""\n' "$PGUSER" > "$work/userlist.txt"
  cat > "$work/pgbouncer.ini" <<INI
[databases]
* = host=$pg_host port=$pg_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = session
max_client_conn = $((IDLE_CLIENTS + 100))
default_pool_size = 64
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
  if [ "$(id -u)" = 0 ]; then
    # PgBouncer refuses to run as root; -u drops to the postgres user after opening its files.
    chown -R postgres "$work"
    pgbouncer -d -u postgres "$work/pgbouncer.ini"
  else
    pgbouncer -d "$work/pgbouncer.ini"
  fi
  wait_port "$BOUNCER_PORT"
  bouncer_pid="$(cat "$work/pgbouncer.pid")"
}

port_of() { case "$1" in direct) echo "$pg_port" ;; gateway) echo "$GW_PORT" ;; pgbouncer) echo "$BOUNCER_PORT" ;; esac; }
host_of() { case "$1" in direct) echo "$pg_host" ;; *) echo 127.0.0.1 ;; esac; }
pid_of() { case "$1" in gateway) echo "$gw_pid" ;; pgbouncer) echo "$bouncer_pid" ;; *) echo "" ;; esac; }

run_tps() {
  command -v pgbench >/dev/null || die "pgbench is not installed (postgresql-contrib / postgresql-client)"
  PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
  psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "CREATE DATABASE $BENCH_DB" >/dev/null
  pgbench -h "$pg_host" -p "$pg_port" -i -q -s "$SCALE" "$BENCH_DB" > "$work/init.log" 2>&1 || die "pgbench -i failed: $(tail -3 "$work/init.log")"
  start_gateway
  start_bouncer
  local cores; cores="$(nproc)"
  if [ "$WARMUP" -gt 0 ]; then
    # Let the JIT compile the gateway's hot path for every load before anything is measured.
    for load in $LOADS; do
      local wflag=""; [ "$load" = select ] && wflag="-S"
      for target in gateway pgbouncer; do
        pgbench -h 127.0.0.1 -p "$(port_of "$target")" $wflag -M "$PROTOCOL" -c 8 -j "$cores" -T "$WARMUP" -n "$BENCH_DB" \
          > "$work/warmup-$target.log" 2>&1 || die "warm-up against $target failed: $(tail -3 "$work/warmup-$target.log")"
      done
    done
  fi
  printf '%-7s %7s %-10s %10s %8s %11s %14s\n' load clients target tps ratio latency_ms proxy_cpu_us/tx
  for round in $(seq 1 "$ROUNDS"); do
    for load in $LOADS; do
      for c in $CLIENTS; do
        local direct_tps=""
        for target in direct gateway pgbouncer; do
          local flag=""; [ "$load" = select ] && flag="-S"
          local pid; pid="$(pid_of "$target")"
          local before=0; [ -n "$pid" ] && before="$(cpu_ticks "$pid")"
          local out="$work/run-$round-$load-$c-$target.log"
          pgbench -h "$(host_of "$target")" -p "$(port_of "$target")" $flag -M "$PROTOCOL" -c "$c" \
            -j "$(( c < cores ? c : cores ))" -T "$DURATION" -n "$BENCH_DB" > "$out" 2>&1 \
            || die "pgbench against $target failed: $(tail -3 "$out")"
          local after=0; [ -n "$pid" ] && after="$(cpu_ticks "$pid")"
          local tps lat tx
          tps="$(awk -F'= ' '/^tps = / { split($2, a, " "); print a[1]; exit }' "$out")"
          lat="$(awk -F'= ' '/^latency average/ { split($2, a, " "); print a[1]; exit }' "$out")"
          tx="$(awk -F': ' '/number of transactions actually processed/ { split($2, a, "/"); print a[1]; exit }' "$out")"
          [ "$target" = direct ] && direct_tps="$tps"
          local ratio cpu="-"
          ratio="$(awk -v a="$tps" -v b="$direct_tps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
          if [ -n "$pid" ] && [ "${tx:-0}" -gt 0 ]; then
            cpu="$(awk -v t="$((after - before))" -v hz="$tick" -v n="$tx" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
          fi
          printf '%-7s %7s %-10s %10.1f %8s %11s %14s\n' "$load" "$c" "$target" "$tps" "$ratio" "$lat" "$cpu"
        done
      done
    done
  done
}

run_rss() {
  start_gateway
  start_bouncer
  printf '%-10s %8s %12s %12s %12s\n' target clients rss_idle_kb rss_held_kb kb_per_client
  for target in gateway pgbouncer; do
    local pid; pid="$(pid_of "$target")"
    local idle; idle="$(rss_kb "$pid")"
    local fifo="$work/hold-$target"
    mkfifo "$fifo"
    python3 "$here/idle-clients.py" "$(port_of "$target")" "$IDLE_CLIENTS" "$IDLE_MODE" "$PGUSER" postgres < "$fifo" > "$work/idle-$target.out" 2>&1 &
    local holder=$!
    exec 4> "$fifo"
    for _ in $(seq 1 600); do
      grep -q '^ready' "$work/idle-$target.out" 2>/dev/null && break
      kill -0 "$holder" 2>/dev/null || die "opening idle clients to $target failed: $(cat "$work/idle-$target.out")"
      sleep 0.1
    done
    grep -q '^ready' "$work/idle-$target.out" || die "idle clients to $target did not come up"
    sleep 1
    local held; held="$(rss_kb "$pid")"
    printf '%-10s %8s %12s %12s %12s\n' "$target" "$IDLE_CLIENTS" "$idle" "$held" \
      "$(awk -v a="$held" -v b="$idle" -v n="$IDLE_CLIENTS" 'BEGIN { printf "%.1f", (a - b) / n }')"
    exec 4>&-
    wait "$holder" || true
  done
}

case "$mode" in
  tps) run_tps ;;
  rss) run_rss ;;
  all) run_tps; run_rss ;;
  *) die "unknown mode '$mode': use tps, rss or all" ;;
esac
