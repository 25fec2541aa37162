#!/usr/bin/env bash
# Starts the local PostgreSQL and MariaDB servers if they are down and waits until they answer.
# Honours SCHEMAGATE_TEST_PG / SCHEMAGATE_TEST_MYSQL (host:port) when they point elsewhere.
set -euo pipefail

pg="${SCHEMAGATE_TEST_PG:-127.0.0.1:5432}"
my="${SCHEMAGATE_TEST_MYSQL:-127.0.0.1:3306}"

pg_up() { pg_isready -q -h "${pg%:*}" -p "${pg##*:}"; }
my_up() { mariadb-admin --protocol=tcp -h "${my%:*}" -P "${my##*:}" -u "${SCHEMAGATE_TEST_MYSQL_USER:-root}" ping >/dev/null 2>&1; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  fi
fi
if ! my_up; then
  if [ -x /usr/sbin/mariadbd ]; then
    echo "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  fi
fi

for i in $(seq 1 60); do
  if pg_up && my_up; then
    echo "PostgreSQL at $pg and MariaDB at $my are up"
    exit 0
  fi
  sleep 1
done
pg_up || echo "PostgreSQL at $pg did not come up" >&2
my_up || echo "MariaDB at $my did not come up" >&2
exit 1
