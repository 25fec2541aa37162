#!/usr/bin/env bash
# Staged migration cost on PostgreSQL: the gateway's backfill against a hand-written batched UPDATE
# loop on the same table, and the latency of a concurrent writer while
#   ALTER TABLE bench_orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int
# runs through the gateway (staged) and directly (a table rewrite under ACCESS EXCLUSIVE).
#
#   bench/backfill-bench.sh
#
# Settings (environment): ROWS=1000000  BATCH=1000 (hand-written loop)  WRITER_CLIENTS=2
#   WRITER_SECONDS=30 (how long the writer runs; it must outlast the migration)
#   PG=127.0.0.1:5432  PGUSER=postgres  GW_PORT=16442  ADMIN_PORT=19642  BENCH_DB=sgbackfill
#   JAR=gateway/target/schemagate.jar (build it with: mvn -B package -DskipTests)
# The writer is pgbench with a script that inserts a row and updates another, its per-transaction
# latencies logged (-l) and summarised as p50 / p99 / max. Run it on a quiet machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
ROWS="${ROWS:-1000000}"
BATCH="${BATCH:-1000}"
WRITER_CLIENTS="${WRITER_CLIENTS:-2}"
WRITER_SECONDS="${WRITER_SECONDS:-30}"
PG="${PG:-127.0.0.1:5432}"
PGUSER="${PGUSER:-postgres}"
GW_PORT="${GW_PORT:-16442}"
ADMIN_PORT="${ADMIN_PORT:-19642}"
BENCH_DB="${BENCH_DB:-sgbackfill}"
JAR="${JAR:-$root/gateway/target/schemagate.jar}"
export PGUSER
pg_host="${PG%:*}"
pg_port="${PG##*:}"
work="$(mktemp -d /tmp/sg-backfill.XXXXXX)"
gw_pid=""

die() { echo "backfill-bench: $*" >&2; exit 1; }
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$JAR" ] || die "$JAR not found; build it with: mvn -B package -DskipTests"

sql() { psql -h "$pg_host" -p "$pg_port" -d "$BENCH_DB" -qAtX -c "$1"; }
now() { date +%s.%N; }

fresh_table() {
  sql "DROP TABLE IF EXISTS bench_orders"
  sql "CREATE TABLE bench_orders (id bigint PRIMARY KEY, qty int NOT NULL)"
  sql "INSERT INTO bench_orders SELECT g, g % 7 FROM generate_series(1, $ROWS) g"
  sql "VACUUM ANALYZE bench_orders"
}

# The concurrent writer: inserts a new row and updates an existing one per transaction.
cat > "$work/writer.sql" <<SQL
\set id random(1, $ROWS)
INSERT INTO bench_orders (id, qty) VALUES ((:client_id + 1) * 100000000 + :id, 1) ON CONFLICT (id) DO NOTHING;
UPDATE bench_orders SET qty = qty + 1 WHERE id = :id;
SQL

start_writer() {
  rm -f "$work"/pgbench_log.*
  # pgbench writes its per-transaction log when it ends, so it runs for a fixed time.
  (cd "$work" && pgbench -h "$pg_host" -p "$pg_port" -n -c "$WRITER_CLIENTS" -T "$WRITER_SECONDS" -l -f writer.sql "$BENCH_DB" \
    >"$work/writer.out" 2>&1) &
  writer_pid=$!
  sleep 1
}

stop_writer() {
  wait "$writer_pid" 2>/dev/null || true
  grep -h "number of failed transactions" "$work/writer.out" | tr '\n' ' '
  # pgbench -l: field 3 is the latency in microseconds, fields 5 and 6 the end time (s, µs); only
  # transactions that ended while the schema change ran (from $1 to $2) count.
  cat "$work"/pgbench_log.* 2>/dev/null | awk -v from="$1" -v to="$2" '{ t = $5 + $6 / 1e6; if (t >= from && t <= to) print $3 }' \
    | sort -n | awk '
    { v[NR] = $1 } END {
      if (NR == 0) { print "no transactions"; exit }
      printf "(%d tx logged) p50 %.2f ms, p99 %.2f ms, max %.1f ms\n", NR, v[int(NR*0.5)+1]/1000, v[int(NR*0.99)]/1000, v[NR]/1000 }'
}

psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
psql -h "$pg_host" -p "$pg_port" -d postgres -qAtc "CREATE DATABASE $BENCH_DB" >/dev/null

echo "== hand-written batched UPDATE loop ($ROWS rows, $BATCH per batch, each its own transaction)"
fresh_table
sql "ALTER TABLE bench_orders ADD COLUMN c int"
# One session, one statement per batch in autocommit: each batch is its own transaction.
awk -v rows="$ROWS" -v batch="$BATCH" 'BEGIN { for (lo = 0; lo < rows; lo += batch)
  printf "UPDATE bench_orders SET c = (random()*100)::int WHERE id > %d AND id <= %d AND c IS NULL;\n", lo, lo + batch }' \
  > "$work/loop.sql"
t0=$(now)
psql -h "$pg_host" -p "$pg_port" -d "$BENCH_DB" -qAtX -f "$work/loop.sql" >/dev/null
t1=$(now)
awk -v r="$ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "hand-written loop: %.1f s, %.0f rows/s\n", b - a, r / (b - a) }'

cat > "$work/gateway.yaml" <<YAML
postgres:
  listen: 127.0.0.1:$GW_PORT
  upstream: $PG
mysql:
  enabled: false
admin:
  listen: 127.0.0.1:$ADMIN_PORT
audit:
  file: $work/audit.jsonl
state:
  dir: $work/state
executor:
  postgres: {user: $PGUSER}
YAML
SCHEMAGATE_LOG_LEVEL=WARN java -jar "$JAR" serve --config "$work/gateway.yaml" >"$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$GW_PORT" && break; sleep 0.1; done

echo "== through the gateway, with the writer running"
fresh_table
filenode=$(sql "SELECT pg_relation_filenode('bench_orders')")
start_writer
t0=$(now)
psql -h 127.0.0.1 -p "$GW_PORT" -d "$BENCH_DB" -qAtX -c \
  "ALTER TABLE bench_orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int" 2>"$work/notice.txt"
mig=$(grep -o 'mig_[a-z0-9]*' "$work/notice.txt" | head -1)
[ -n "$mig" ] || die "no staged migration was announced: $(cat "$work/notice.txt")"
until grep -qs '"state" : "completed"' "$work/state/migrations/$mig.json"; do
  grep -qs '"state" : "failed"' "$work/state/migrations/$mig.json" && die "migration $mig failed"
  sleep 0.2
done
t1=$(now)
echo -n "writer during the staged migration: "; stop_writer "$t0" "$t1"
rows_per_s=$(python3 -c "import json,sys; m=json.load(open('$work/state/migrations/$mig.json')); print(next((o['rows'] for o in m['outcomes'] if o['rows']), 0))")
backfill_s=$(python3 -c "
import json, datetime
m = json.load(open('$work/state/migrations/$mig.json'))
o = next(o for o in m['outcomes'] if o['rows'])
f = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
print((f(o['finished_at']) - f(o['started_at'])).total_seconds())")
awk -v r="$rows_per_s" -v s="$backfill_s" -v a="$t0" -v b="$t1" \
  'BEGIN { printf "gateway backfill: %d rows in %.1f s, %.0f rows/s; whole migration %.1f s\n", r, s, r / s, b - a }'
echo "table rewritten: $([ "$filenode" = "$(sql "SELECT pg_relation_filenode('bench_orders')")" ] && echo no || echo yes)"

echo "== the same statement sent directly, with the writer running"
fresh_table
filenode=$(sql "SELECT pg_relation_filenode('bench_orders')")
start_writer
t0=$(now)
sql "ALTER TABLE bench_orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int"
t1=$(now)
echo -n "writer during the direct statement: "; stop_writer "$t0" "$(awk -v t="$t1" 'BEGIN { printf "%.6f", t + 1 }')"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "direct statement: %.1f s under ACCESS EXCLUSIVE\n", b - a }'
echo "table rewritten: $([ "$filenode" = "$(sql "SELECT pg_relation_filenode('bench_orders')")" ] && echo no || echo yes)"
