#!/usr/bin/env bash
# The load benchmark: 100,000 organisations in PostgreSQL, gunicorn with
# production settings, wrk at 32 connections. Writes benchmarks/RESULTS.md.
#
#   bash benchmarks/run.sh [--reseed] [--duration SECONDS] [--help]
#
# Settings (environment):
#   BENCH_DATABASE      database name (default directory_bench); created if missing
#   BENCH_ORGANISATIONS organisations to seed (default 100000)
#   BENCH_SEED          seed_demo --seed (default 2020)
#   BENCH_DURATION      seconds of measured load a scenario (default 20)
#   BENCH_WARMUP        seconds of unmeasured load before each scenario (default 3)
#   BENCH_CONNECTIONS   wrk connections (default 32); BENCH_THREADS wrk threads (default 2)
#   BENCH_PORT          first port to try (default 8765; the next free one is used if taken)
#   WEB_CONCURRENCY     gunicorn workers (default 5)
#   BENCH_RARE_WORD     default Ordsall; BENCH_COMMON_WORD default volunteers
#   BENCH_DETAIL_SLUG   organisation page to load (default: chosen from the database)
#   BENCH_QUIET_WAIT    seconds to wait for a busy machine to settle before the load (default 300)
#   PGOPTIONS           passed to the server's database connections, and recorded in RESULTS.md
#   PGHOST, PGPORT, PGUSER  default 127.0.0.1, 5432, postgres (no password)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; }
die() { echo "benchmark: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

RESEED=0
while [ $# -gt 0 ]; do
    case "$1" in
        --reseed) RESEED=1 ;;
        --duration) [ $# -ge 2 ] || die "--duration needs a number of seconds"; BENCH_DURATION=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
done

export BENCH_DATABASE=${BENCH_DATABASE:-directory_bench}
export BENCH_ORGANISATIONS=${BENCH_ORGANISATIONS:-100000}
export BENCH_SEED=${BENCH_SEED:-2020}
export BENCH_DURATION=${BENCH_DURATION:-20}
export BENCH_WARMUP=${BENCH_WARMUP:-3}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
export BENCH_THREADS=${BENCH_THREADS:-2}
export BENCH_WORKERS=${WEB_CONCURRENCY:-5}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGCONNECT_TIMEOUT=5
BENCH_PORT=${BENCH_PORT:-8765}
SEED_TIMEOUT=${BENCH_SEED_TIMEOUT:-3600}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
OUT=$ROOT/benchmarks/out
PY=$ROOT/.venv/bin/python
WRK=${WRK:-$(command -v wrk || echo /usr/bin/wrk)}
export WRK

for n in BENCH_ORGANISATIONS BENCH_SEED BENCH_DURATION BENCH_WARMUP BENCH_CONNECTIONS \
         BENCH_THREADS BENCH_WORKERS BENCH_PORT SEED_TIMEOUT QUIET_WAIT; do
    [[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a whole number, not '${!n}'"
done
[[ $BENCH_DATABASE =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] \
    || die "BENCH_DATABASE must be letters, digits and underscores, not '$BENCH_DATABASE'"

# --- What the benchmark needs --------------------------------------------------

[ -x "$WRK" ] || die "wrk is not installed (looked for $WRK). Install it: sudo apt-get install wrk (Debian/Ubuntu), brew install wrk (macOS); or set WRK=/path/to/wrk."
command -v psql >/dev/null || die "the PostgreSQL client psql is not installed. Install it: sudo apt-get install postgresql-client."
command -v curl >/dev/null || die "curl is not installed: sudo apt-get install curl."
command -v timeout >/dev/null || die "timeout (GNU coreutils) is not installed."
[ -x .venv/bin/gunicorn ] && [ -x "$PY" ] || die "no .venv with gunicorn: run 'make install' first."
[ -f static/build/main.css ] || die "static/build is missing: run 'make install' (it builds the CSS and JS)."
psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1 \
    || die "PostgreSQL does not answer at $PGHOST:$PGPORT as user $PGUSER (no password). Start it, e.g. 'sudo service postgresql start', or set PGHOST/PGPORT/PGUSER."

sql() { psql -d "$BENCH_DATABASE" -v ON_ERROR_STOP=1 -Atqc "$1"; }

mkdir -p "$OUT"
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$BENCH_DATABASE"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="benchmark-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export LOG_LEVEL=WARNING
unset REDIS_URL || true

# --- Database: create, migrate, seed -------------------------------------------

if [ -z "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DATABASE'")" ]; then
    say "Creating database $BENCH_DATABASE"
    psql -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$BENCH_DATABASE\"" >/dev/null
fi

# A seed that is still writing (another shell, an earlier run) holds one long transaction.
waited=0
while true; do
    busy=$(psql -d postgres -Atqc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$BENCH_DATABASE' AND pid <> pg_backend_pid() AND xact_start < now() - interval '5 seconds'")
    [ "$busy" = 0 ] && break
    [ $waited -ge 1800 ] && die "another session has held a transaction open in $BENCH_DATABASE for over 30 minutes; is a seed stuck?"
    [ $waited = 0 ] && say "Another session is writing to $BENCH_DATABASE (a seed in progress?): waiting for it, up to 30 minutes"
    sleep 10
    waited=$((waited + 10))
done

say "Migrating $BENCH_DATABASE"
timeout 900 "$PY" manage.py migrate --noinput -v0

count=$(sql "SELECT count(*) FROM organisations_organisation")
if [ "$RESEED" = 1 ] || [ "$count" -lt "$BENCH_ORGANISATIONS" ]; then
    others=$(sql "SELECT count(*) FROM organisations_organisation WHERE kind <> 'council'")
    flush=()
    if [ "$RESEED" = 1 ] || [ "$others" -gt 0 ]; then flush=(--flush); fi
    say "Seeding $BENCH_ORGANISATIONS organisations (seed $BENCH_SEED${flush:+, replacing $others}); this takes a few minutes"
    timeout "$SEED_TIMEOUT" "$PY" manage.py seed_demo --organisations "$BENCH_ORGANISATIONS" \
        --seed "$BENCH_SEED" "${flush[@]}" \
        || die "seeding failed or took over $SEED_TIMEOUT s"
    say "VACUUM ANALYZE after the bulk load (autovacuum would get there too, later)"
    sql "VACUUM (ANALYZE)"
else
    say "$BENCH_DATABASE already has $count organisations: not seeding (--reseed to redo)"
    sql "ANALYZE"
fi

say "Collecting static files"
timeout 300 "$PY" manage.py collectstatic --noinput -v0 \
    || die "collectstatic failed (message above): with debug off the site cannot serve its static files, so there is nothing fair to measure. Fix the static build (make install) and run again."

say "Choosing scenario URLs and probing each page once (queries, plans)"
timeout 600 "$PY" benchmarks/bench.py prepare "$OUT" \
    || die "could not prepare the scenarios (message above)"

# --- Server ----------------------------------------------------------------------

PORT=$("$PY" - "$BENCH_PORT" <<'EOF'
import socket, sys
first = int(sys.argv[1])
for port in [*range(first, first + 50), 0]:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break
EOF
)
BASE=http://127.0.0.1:$PORT

GUNICORN_PID=
stop_server() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true  # graceful: in-flight requests finish
        for _ in $(seq 1 75); do
            kill -0 "$GUNICORN_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "Starting gunicorn: $BENCH_WORKERS workers on $BASE"
: > "$OUT/gunicorn.log"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers "$BENCH_WORKERS" \
    --error-logfile "$OUT/gunicorn.log" --log-level warning --timeout 60 \
    >>"$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!

for i in $(seq 1 120); do
    if ! kill -0 "$GUNICORN_PID" 2>/dev/null; then
        tail -n 30 "$OUT/gunicorn.log" >&2
        die "gunicorn stopped while starting (log above, in benchmarks/out/gunicorn.log)"
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)" = 200 ] && break
    [ "$i" = 120 ] && die "/healthz did not answer 200 within 60 s (see benchmarks/out/gunicorn.log)"
    sleep 0.5
done

# --- Load ------------------------------------------------------------------------

# wrk, gunicorn and PostgreSQL share this machine: anything else running skews every figure.
# Wait (bounded) for the machine to settle, and record the load average with each scenario.
load1() { cut -d' ' -f1 /proc/loadavg; }
quiet_limit=$(awk -v n="$(nproc)" 'BEGIN { print n / 2 }')
waited=0
while awk -v l="$(load1)" -v q="$quiet_limit" 'BEGIN { exit !(l > q) }'; do
    if [ "$waited" -ge "$QUIET_WAIT" ]; then
        say "warning: the machine is still busy (load average $(load1) on $(nproc) CPUs); measuring anyway, figures will be low"
        break
    fi
    [ "$waited" = 0 ] && say "Waiting up to $QUIET_WAIT s for the machine to settle (load average $(load1), want <= $quiet_limit)"
    sleep 10
    waited=$((waited + 10))
done

# Requests still queued when wrk stops are served anyway (a sync worker cannot tell the
# client has gone). Let them drain before the next run, so no run inherits a backlog.
drain() {
    curl -s -o /dev/null --max-time 120 -H 'X-Forwarded-Proto: https' "$BASE/healthz" || true
}

rm -f "$OUT"/wrk-*.txt
while IFS=$'\t' read -r name path; do
    url=$BASE$path
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 \
        -H 'X-Forwarded-Proto: https' "$url" || true)
    say "$name: $path (answers $status)"
    [ "$status" = 200 ] || echo "    warning: $path answered $status, not 200" >&2
    timeout $((BENCH_WARMUP + 60)) "$WRK" -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" \
        -d"${BENCH_WARMUP}s" --timeout 30s -s benchmarks/report.lua "$url" >/dev/null 2>&1 || true
    drain
    before=$(load1)
    "$PY" benchmarks/bench.py cpu-snapshot "$GUNICORN_PID" "$BENCH_DATABASE" "$OUT/cpu-before.json"
    if ! timeout $((BENCH_DURATION + 60)) "$WRK" -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" \
        -d"${BENCH_DURATION}s" --timeout 30s --latency -s benchmarks/report.lua "$url" \
        >"$OUT/wrk-$name.txt" 2>&1; then
        echo "    warning: wrk failed or overran for $name (benchmarks/out/wrk-$name.txt)" >&2
    fi
    echo "BENCH_LOAD before=$before after=$(load1)" >>"$OUT/wrk-$name.txt"
    drain  # the requests in flight when wrk stopped are served now: count their CPU too
    "$PY" benchmarks/bench.py cpu-snapshot "$GUNICORN_PID" "$BENCH_DATABASE" "$OUT/cpu-after.json"
    "$PY" benchmarks/bench.py cpu-delta "$OUT/cpu-before.json" "$OUT/cpu-after.json" \
        >>"$OUT/wrk-$name.txt" || true
    grep '^BENCH_' "$OUT/wrk-$name.txt" | sed 's/^BENCH_[A-Z]* /    /' >&2 || true
done < "$OUT/scenarios.tsv"

stop_server

BENCH_VERSIONS="Django $("$PY" -c 'import django; print(django.get_version())'), gunicorn $(.venv/bin/gunicorn --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1)" \
    "$PY" benchmarks/bench.py report "$OUT"
