#!/usr/bin/env bash
# sysbench through the MySQL relay versus straight to the server, alternating in one run.
#
# For each workload (oltp_point_select, oltp_read_write) and thread count (1, 8, 32) it runs sysbench
# directly against the server, then through a gateway started from gateway/target/schemagate.jar on a
# spare port, and prints QPS, the ratio to direct, average and 95th-percentile latency, and the
# gateway's CPU time per query from /proc/PID/stat before and after, divided by queries: user time
# (utime, the gateway's own work), system time (stime, the kernel's socket work on its behalf) and both.
# Before measuring, WARMUP seconds of each workload go through the gateway unmeasured (JIT warm-up).
#
# Usage: bench/mysql-bench.sh            (short smoke run, 5 s per step)
#        DURATION=60 THREADS="1 8 32" TABLE_SIZE=100000 bench/mysql-bench.sh
# Environment: MYSQL_HOST (127.0.0.1), MYSQL_PORT (3306), MYSQL_USER (root), MYSQL_PASSWORD (empty),
#              DURATION (5), THREADS ("1 8 32"), WORKLOADS ("oltp_point_select oltp_read_write"),
#              TABLES (1), TABLE_SIZE (10000), GATEWAY_PORT (a free port), JAVA_OPTS, WARMUP (5),
#              JAR (gateway/target/schemagate.jar).
# Needs: sysbench, java 17, the mariadb client, and a built jar (mvn -B -DskipTests package).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$here/gateway/target/schemagate.jar}"
host="${MYSQL_HOST:-127.0.0.1}"
port="${MYSQL_PORT:-3306}"
user="${MYSQL_USER:-root}"
password="${MYSQL_PASSWORD:-}"
duration="${DURATION:-5}"
threads_list="${THREADS:-1 8 32}"
workloads="${WORKLOADS:-oltp_point_select oltp_read_write}"
tables="${TABLES:-1}"
table_size="${TABLE_SIZE:-10000}"
warmup="${WARMUP:-5}"
db="sbtest_schemagate"

for tool in sysbench java mariadb; do
  command -v "$tool" >/dev/null || { echo "mysql-bench: $tool is not installed" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "mysql-bench: $jar is missing; build it with: mvn -B -DskipTests package" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
gw_port="${GATEWAY_PORT:-$(free_port)}"
work="$(mktemp -d)"
gw_pid=""

cleanup() {
  if [ -n "$gw_pid" ] && kill -0 "$gw_pid" 2>/dev/null; then
    kill "$gw_pid"
    wait "$gw_pid" 2>/dev/null || true
  fi
  mariadb --protocol=tcp -h "$host" -P "$port" -u "$user" ${password:+-p"$password"} -e "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/schemagate.yaml" <<YAML
postgres:
  enabled: false
admin:
  enabled: false
mysql:
  listen: 127.0.0.1:$gw_port
  upstream: $host:$port
audit:
  file: $work/audit.jsonl
state:
  dir: $work/state
YAML

# setsid: its own session, as a service (or the server) has. With the kernel's autogroup scheduling a
# process sharing the session of sysbench would share sysbench's CPU share as well.
setsid java ${JAVA_OPTS:-} -jar "$jar" serve --config "$work/schemagate.yaml" 2>"$work/gateway.log" &
gw_pid=$!
for _ in $(seq 1 100); do
  if mariadb --protocol=tcp -h 127.0.0.1 -P "$gw_port" -u "$user" ${password:+-p"$password"} --skip-ssl -e "SELECT 1" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$gw_pid" 2>/dev/null || { echo "mysql-bench: the gateway exited; its log:" >&2; cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.2
done

mariadb --protocol=tcp -h "$host" -P "$port" -u "$user" ${password:+-p"$password"} -e "CREATE DATABASE IF NOT EXISTS $db"

sb() { # sb PORT WORKLOAD THREADS COMMAND
  sysbench "$2" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user="$user" \
    --mysql-password="$password" --mysql-db="$db" --mysql-ssl=off --tables="$tables" --table-size="$table_size" \
    --threads="$3" --time="$duration" --report-interval=0 --percentile=95 "$4"
}

cpu_ticks() { awk '{print $14, $15}' "/proc/$gw_pid/stat"; }
hz="$(getconf CLK_TCK)"

sb "$port" oltp_read_write 1 prepare >/dev/null
if [ "$warmup" -gt 0 ]; then
  for w in $workloads; do
    duration="$warmup" sb "$gw_port" "$w" 8 run >/dev/null
  done
fi

printf '%-18s %4s %-8s %10s %7s %9s %9s %8s %8s %8s\n' workload thr path qps ratio avg_ms p95_ms usr_us/q sys_us/q cpu_us/q
for w in $workloads; do
  for t in $threads_list; do
    direct_qps=""
    for path in direct gateway; do
      p="$port"; [ "$path" = gateway ] && p="$gw_port"
      before="$(cpu_ticks)"
      out="$(sb "$p" "$w" "$t" run)"
      after="$(cpu_ticks)"
      queries="$(awk '/queries:/ {print $2; exit}' <<<"$out")"
      qps="$(awk '/queries:/ {gsub(/\(/,"",$3); print $3; exit}' <<<"$out")"
      avg="$(awk '/avg:/ {print $2; exit}' <<<"$out")"
      p95="$(awk '/95th percentile:/ {print $3; exit}' <<<"$out")"
      if [ "$path" = direct ]; then
        direct_qps="$qps"; ratio="1.00"; usr="-"; sys="-"; cpu="-"
      else
        ratio="$(awk -v a="$qps" -v b="$direct_qps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
        read -r usr sys cpu < <(awk -v b="$before" -v a="$after" -v hz="$hz" -v q="$queries" 'BEGIN {
          split(b, x, " "); split(a, y, " "); k = (q > 0 ? 1e6 / hz / q : 0)
          printf "%.1f %.1f %.1f\n", (y[1] - x[1]) * k, (y[2] - x[2]) * k, (y[1] - x[1] + y[2] - x[2]) * k }')
      fi
      printf '%-18s %4s %-8s %10s %7s %9s %9s %8s %8s %8s\n' "$w" "$t" "$path" "$qps" "$ratio" "$avg" "$p95" "$usr" "$sys" "$cpu"
    done
  done
done

sb "$port" oltp_read_write 1 cleanup >/dev/null
