#!/usr/bin/env bash
# Soak and fault test: 60 s of mixed traffic at 32 connections against gunicorn on
# PostgreSQL, counted by status (see benchmarks/README.md, "Soak and faults").
#
#   bash benchmarks/soak.sh                      # steady soak + cached/uncached list page
#   bash benchmarks/soak.sh --restart-postgres   # PostgreSQL stopped for ~5 s at 20 s
#   bash benchmarks/soak.sh --help               # every option
#
# Settings (environment): SOAK_DATABASE (default directory_soak), SOAK_PORT (8865),
# SOAK_PG_CLUSTER ("15 main", for pg_ctlcluster), WEB_CONCURRENCY (5 workers),
# PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres). --restart-postgres stops the
# whole PostgreSQL cluster: run it only where nothing else depends on it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v psql >/dev/null || { echo "soak: psql is not installed (apt-get install postgresql-client)" >&2; exit 1; }
[ -x .venv/bin/gunicorn ] || { echo "soak: no .venv with gunicorn: run 'make install' first" >&2; exit 1; }
[ -f static/build/main.css ] || { echo "soak: static/build is missing: run 'make install'" >&2; exit 1; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
unset REDIS_URL || true
exec timeout 3600 .venv/bin/python benchmarks/soak.py --write-results "$@"
