#!/usr/bin/env bash
# Checks that the PostgreSQL server of the Go tests answers; says how to
# start it when it does not.
set -euo pipefail
url="${1:?database URL}"
for i in 1 2 3 4 5; do
	if psql "$url" -Atqc 'select 1' >/dev/null 2>&1; then exit 0; fi
	sleep 1
done
cat >&2 <<MSG
PostgreSQL does not answer at $url.
The Go tests run on PostgreSQL too. Start it, for example with
  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
or point BIRGE_TEST_DATABASE_URL at a server where the user may create databases.
MSG
exit 1
