"""Helpers for benchmarks/run.sh: choose the scenario URLs, probe them, write RESULTS.md.

    python benchmarks/bench.py prepare OUT   # facts.json, scenarios.tsv, explain/*.txt in OUT
    python benchmarks/bench.py report OUT    # benchmarks/RESULTS.md from OUT

``prepare`` needs the same environment as the server (DATABASE_URL and friends);
run.sh sets it. Nothing in the project imports this file.
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
MARKER = "<!-- run.sh regenerates everything above this line; it keeps everything below it. -->"

P95_TARGET_MS = 150.0
THROUGHPUT_TARGET = 0.3
# Queries slower than this (milliseconds, single request) get an EXPLAIN ANALYZE file.
EXPLAIN_OVER_MS = 10.0

# name, label, group. "list" and "search" carry the targets; the others are for context.
SCENARIOS = [
    ("baseline", "Baseline: no database", "baseline"),
    ("organisations", "Organisation list", "list"),
    ("search_rare", "Search, rare word", "search"),
    ("search_common", "Search, common word", "search"),
    ("services_filtered", "Services, category and area filter", "list"),
    ("deep_page", "Organisation list, deep page", "list"),
    ("organisation_detail", "Organisation page", "detail"),
    ("partnerships", "Partnership list", "list"),
    ("services", "Service list", "list"),
    ("home", "Home page (three counts)", "page"),
    ("insights", "Insights, one council", "page"),
    ("insights_national", "Insights, national", "page"),
    ("oruk_services", "ORUK API: services, 50 a page", "api"),
]


# --- prepare ------------------------------------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import logging

    import django

    django.setup()
    # A failing page is recorded by its status; its traceback is not needed here.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)


def _urls(facts):
    rare = quote_plus(facts["rare_word"])
    common = quote_plus(facts["common_word"])
    return {
        "baseline": "/baseline",
        "organisations": "/organisations/",
        "search_rare": f"/organisations/?q={rare}",
        "search_common": f"/organisations/?q={common}",
        "services_filtered": "/services/?category=food-and-essentials&area=E08000003",
        "deep_page": f"/organisations/?page={facts['deep_page']}",
        "organisation_detail": f"/organisations/{facts['detail_slug']}/",
        "partnerships": "/partnerships/",
        "services": "/services/",
        "home": "/",
        "insights": "/insights/?area=E08000003",
        "insights_national": "/insights/",
        "oruk_services": "/api/oruk/services?per_page=50",
    }


def _row_counts():
    from django.db import connection

    tables = {
        "organisations": "organisations_organisation",
        "areas": "organisations_area",
        "services": "partnerships_service",
        "partnerships": "partnerships_partnership",
        "partnership members": "partnerships_partnershipmember",
        "outcome records": "partnerships_outcome",
        "funding awards": "partnerships_funding",
    }
    counts = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[label] = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return counts, version


def _detail_slug():
    from organisations.models import ModerationStatus, Organisation

    chosen = os.environ.get("BENCH_DETAIL_SLUG")
    if chosen:
        return chosen
    # A typical published group with services and at least one partnership: the first by id.
    return (
        Organisation.objects.published()
        .exclude(kind=Organisation.Kind.COUNCIL)
        .filter(
            services__status=ModerationStatus.PUBLISHED,
            partnership_roles__partnership__status=ModerationStatus.PUBLISHED,
        )
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    ) or Organisation.objects.published().order_by("pk").values_list("slug", flat=True).first()


def _probe(url, explain_dir, name):
    """Serve ``url`` in-process: status, wall time, and the queries it ran."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A page that fails is recorded with its status, not raised: the run goes on.
    client = Client(
        HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False
    )
    client.get(url)  # warm caches and connections
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    slow = sorted(queries, key=lambda q: -q[0])
    explained = []
    for i, (ms, sql) in enumerate(q for q in slow if q[0] >= EXPLAIN_OVER_MS):
        path = explain_dir / f"{name}-{i + 1}.txt"
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        path.write_text(f"-- {url}: {ms:.1f} ms in the probe\n{sql}\n\n{plan}\n")
        explained.append(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "single_ms": round(statistics.median(times), 1),
        "queries": len(queries),
        "db_ms": round(sum(ms for ms, _ in queries), 1),
        "slowest_ms": round(slow[0][0], 1) if slow else 0.0,
        "slowest_sql": slow[0][1][:400] if slow else "",
        "explain": explained,
    }


def prepare(out):
    _django()
    from organisations.models import Organisation
    from partnerships.models import Service

    out.mkdir(parents=True, exist_ok=True)
    explain_dir = out / "explain"
    explain_dir.mkdir(exist_ok=True)
    for old in explain_dir.glob("*.txt"):
        old.unlink()

    counts, pg_version = _row_counts()
    published = Organisation.objects.published()
    rare = os.environ.get("BENCH_RARE_WORD", "Ordsall")
    common = os.environ.get("BENCH_COMMON_WORD", "volunteers")
    published_count = published.count()
    pages = max(1, -(-published_count // 20))
    facts = {
        "row_counts": counts,
        "published_organisations": published_count,
        "published_services": Service.objects.published().count(),
        "postgresql": pg_version,
        "rare_word": rare,
        "rare_word_matches": published.search(rare).count(),
        "common_word": common,
        "common_word_matches": common and published.search(common).count(),
        "deep_page": int(os.environ.get("BENCH_DEEP_PAGE", "2500")),
        "organisation_pages": pages,
        "detail_slug": _detail_slug(),
    }
    from partnerships.filters import ServiceFilter

    filtered = ServiceFilter(
        {"category": "food-and-essentials", "area": "E08000003"},
        queryset=Service.objects.published(),
    )
    facts["filtered_services_matches"] = filtered.qs.count() if filtered.is_valid() else None
    if facts["deep_page"] > pages:
        print(
            f"warning: page {facts['deep_page']} is past the last page ({pages}); "
            "the deep-page scenario measures the last page instead",
            file=sys.stderr,
        )

    urls = _urls(facts)
    facts["urls"] = urls
    facts["probe"] = {}
    for name, _label, _group in SCENARIOS:
        probe = _probe(urls[name], explain_dir, name)
        facts["probe"][name] = probe
        print(
            f"  probe {name:20} {probe['status']}  {probe['single_ms']:7.1f} ms  "
            f"{probe['queries']:2} queries  {probe['db_ms']:7.1f} ms in the database",
            file=sys.stderr,
        )
    (out / "facts.json").write_text(json.dumps(facts, indent=2))
    (out / "scenarios.tsv").write_text(
        "".join(f"{name}\t{urls[name]}\n" for name, _label, _group in SCENARIOS)
    )


# --- CPU accounting ---------------------------------------------------------------


def _ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks


def cpu_snapshot(gunicorn_pid, database, path):
    """CPU ticks so far of each gunicorn worker and each client backend of ``database``."""
    workers = _read(f"/proc/{gunicorn_pid}/task/{gunicorn_pid}/children").split()
    backends = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-Atqc",
            "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' "
            f"AND datname = '{database}' AND pid <> pg_backend_pid()",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    snapshot = {
        group: {pid: t for pid in pids if (t := _ticks(pid)) is not None}
        for group, pids in (("web", workers), ("db", backends))
    }
    Path(path).write_text(json.dumps(snapshot))


def cpu_delta(before, after):
    """``BENCH_CPU web_ms=... db_ms=...``: CPU the server used between two snapshots.

    A process that ended in between (a database connection past its CONN_MAX_AGE)
    loses its share; one that started counts in full. PostgreSQL's parallel workers
    are separate, short-lived processes and are not counted at all.
    """
    first, second = (json.loads(Path(p).read_text()) for p in (before, after))
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    used = {
        group: sum(t - first[group].get(pid, 0) for pid, t in second[group].items()) * tick_ms
        for group in ("web", "db")
    }
    print(f"BENCH_CPU web_ms={used['web']:.0f} db_ms={used['db']:.0f}")


# --- report -------------------------------------------------------------------


def _wrk_result(path):
    if not path.exists():
        return None
    result = {}
    for line in path.read_text().splitlines():
        if line.startswith(("BENCH_RESULT ", "BENCH_LOAD ", "BENCH_CPU ")):
            prefix = {"BENCH_RESULT": "", "BENCH_LOAD": "load_", "BENCH_CPU": "cpu_"}[
                line.split()[0]
            ]
            result.update(
                (prefix + key, float(value))
                for key, value in (kv.split("=", 1) for kv in line.split()[1:])
            )
    return result if "requests" in result else None


def _read(path, default=""):
    try:
        return Path(path).read_text()
    except OSError:
        return default


def _machine(env):
    cpuinfo = _read("/proc/cpuinfo")
    model = re.search(r"^(?:model name|Model|Hardware)\s*:\s*(.+)$", cpuinfo, re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    try:
        wrk = subprocess.run(
            [env.get("WRK", "wrk"), "--version"], capture_output=True, text=True, check=False
        ).stdout.split(" Copyright")[0]
    except OSError:
        wrk = "unknown"
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": model.group(1).strip() if model else platform.processor() or "unknown",
        "memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": wrk.strip() or "unknown",
    }


def _load(result):
    if "load_before" not in result:
        return ""
    return f"{result['load_before']:.1f} to {result['load_after']:.1f}"


def _fmt(value, digits=1):
    return "-" if value is None else f"{value:,.{digits}f}"


def report(out):
    env = os.environ
    facts = json.loads((out / "facts.json").read_text())
    results = {name: _wrk_result(out / f"wrk-{name}.txt") for name, _l, _g in SCENARIOS}
    machine = _machine(env)
    baseline = results.get("baseline")
    base_rps = baseline["rps"] if baseline else None
    versions = env.get("BENCH_VERSIONS", "")

    lines = [
        "# Load benchmark results",
        "",
        "Written by `bash benchmarks/run.sh` (`make benchmark`); see benchmarks/README.md.",
        "",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory']} memory, "
        f"Linux {machine['kernel']}",
        f"- Software: PostgreSQL {facts['postgresql']}, Python {machine['python']}"
        + (f", {versions}" if versions else "")
        + f", {machine['wrk']}",
        f"- Server: gunicorn, {env.get('BENCH_WORKERS', '?')} sync workers, "
        "DJANGO_DEBUG=false, access log off, database "
        f"`{env.get('BENCH_DATABASE', '?')}`; wrk, PostgreSQL and gunicorn share the machine"
        + (f"; PGOPTIONS=`{env['PGOPTIONS']}`" if env.get("PGOPTIONS") else ""),
        f"- Load: wrk, {env.get('BENCH_CONNECTIONS', '?')} connections, "
        f"{env.get('BENCH_THREADS', '?')} threads, {env.get('BENCH_DURATION', '?')} s a scenario "
        f"after a {env.get('BENCH_WARMUP', '?')} s warm-up; every request sends "
        "`X-Forwarded-Proto: https`",
        "",
        "## Data",
        "",
        "| table | rows |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {count:,} |" for label, count in facts["row_counts"].items()]
    lines += [
        "",
        f"Published: {facts['published_organisations']:,} organisations "
        f"({facts['organisation_pages']:,} list pages of 20), "
        f"{facts['published_services']:,} services. "
        f"Search words: “{facts['rare_word']}” matches {facts['rare_word_matches']:,} "
        f"published organisations, “{facts['common_word']}” matches "
        f"{facts['common_word_matches']:,}. The filtered service list matches "
        f"{_fmt(facts['filtered_services_matches'], 0)} services. "
        f"Organisation page: `{facts['detail_slug']}`.",
        "",
        "## Under load",
        "",
        "Latency in milliseconds as wrk saw it (queueing for a free worker included); "
        "requests still unanswered when a run ends are not in the percentiles, so a scenario "
        "with few requests reads better than it is. “load” is the machine's 1-minute load "
        f"average before and after the run ({machine['cpus']} CPUs: above that, processes "
        "were waiting for a CPU). "
        "“x baseline” is requests/s over the baseline's. Targets: p95 under "
        f"{P95_TARGET_MS:.0f} ms for lists and searches; list throughput at least "
        f"{THROUGHPUT_TARGET} x baseline.",
        "",
        "| scenario | URL | p50 | p95 | p99 | req/s | x baseline | non-2xx | target | load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    verdicts = []
    for name, label, group in SCENARIOS:
        url = facts["urls"][name]
        r = results[name]
        if r is None or not r["requests"]:
            lines.append(f"| {label} | `{url}` | - | - | - | - | - | - | **no result** | |")
            verdicts.append(
                f"- **{label}: no completed request** (see benchmarks/out/wrk-{name}.txt)."
            )
            continue
        ratio = r["rps"] / base_rps if base_rps else None
        errors = int(r["non2xx"] + r["connect_errors"] + r["read_errors"] + r["write_errors"])
        errors += int(r["timeouts"])
        notes = []
        if group in ("list", "search"):
            if r["p95_ms"] >= P95_TARGET_MS:
                notes.append(f"p95 {r['p95_ms']:.0f} ms ≥ {P95_TARGET_MS:.0f}")
            if group == "list" and ratio is not None and ratio < THROUGHPUT_TARGET:
                notes.append(f"{ratio:.2f} x baseline < {THROUGHPUT_TARGET}")
        if errors:
            notes.append(f"{errors} errors")
        if group in ("list", "search"):
            target = "**misses**: " + "; ".join(notes) if notes else "meets"
        else:
            target = "**errors**" if errors else "(no target)"
        non2xx = int(r["non2xx"])
        socket = f" (+{errors - non2xx} socket errors)" if errors > non2xx else ""
        lines.append(
            f"| {label} | `{url}` | {_fmt(r['p50_ms'])} | {_fmt(r['p95_ms'])} | "
            f"{_fmt(r['p99_ms'])} | {_fmt(r['rps'], 0)} | {_fmt(ratio, 2)} | "
            f"{non2xx}{socket} | {target} | {_load(r)} |"
        )
        if notes:
            verdicts.append(f"- **{label}**: " + "; ".join(notes) + ".")
    connections = int(env.get("BENCH_CONNECTIONS", "0") or 0)
    cpus = machine["cpus"]
    lines += [
        "",
        "## CPU per request",
        "",
        "What each request cost the server in CPU time during its run, whatever else the "
        "machine was doing: gunicorn workers (Python) and the PostgreSQL connections serving "
        f"them, over the requests served (wrk's count plus the {connections} in flight when it "
        "stopped, which are served before the next run). PostgreSQL's parallel workers are not "
        f"counted. “Capacity” is {cpus} CPUs divided by that cost: the requests/s this machine "
        "could serve with nothing else running, wrk included, so it overstates real throughput, "
        "the baseline's most (wrk costs as much CPU as a trivial request).",
        "",
        "| scenario | web CPU ms | DB CPU ms | total ms | capacity req/s | x baseline |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    capacities = {}
    for name, _label, _group in SCENARIOS:
        r = results[name]
        if r and r["requests"] and "cpu_web_ms" in r:
            served = r["requests"] + connections
            cost = (r["cpu_web_ms"] + r["cpu_db_ms"]) / served
            capacities[name] = (r["cpu_web_ms"] / served, r["cpu_db_ms"] / served, cost)
    base_capacity = None
    if "baseline" in capacities and capacities["baseline"][2]:
        base_capacity = cpus * 1000 / capacities["baseline"][2]
    for name, label, _group in SCENARIOS:
        if name not in capacities:
            lines.append(f"| {label} | - | - | - | - | - |")
            continue
        web, db, cost = capacities[name]
        capacity = cpus * 1000 / cost if cost else None
        ratio = capacity / base_capacity if capacity and base_capacity else None
        lines.append(
            f"| {label} | {_fmt(web, 2)} | {_fmt(db, 2)} | {_fmt(cost, 2)} | "
            f"{_fmt(capacity, 0)} | {_fmt(ratio, 3)} |"
        )
    lines += [
        "",
        "## One request at a time",
        "",
        "Each page served once in-process (Django test client, same settings and database), "
        "median of three: the cost of the page itself, with no queueing. Plans of every query "
        f"over {EXPLAIN_OVER_MS:.0f} ms are in benchmarks/out/explain/ after a run.",
        "",
        "| scenario | status | time ms | queries | DB ms | slowest query ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, label, _group in SCENARIOS:
        p = facts["probe"][name]
        lines.append(
            f"| {label} | {p['status']} | {_fmt(p['single_ms'])} | {p['queries']} | "
            f"{_fmt(p['db_ms'])} | {_fmt(p['slowest_ms'])} |"
        )
    lines += ["", "## Against the targets (automatic)", ""]
    lines += verdicts or ["- Every list and search scenario meets both targets, with no errors."]
    lines += ["", MARKER, ""]

    kept = ""
    old = _read(RESULTS)
    if MARKER in old:
        kept = old.split(MARKER, 1)[1].lstrip("\n")
    if not kept.strip():
        kept = "## Analysis\n\n(Write the analysis of these figures here; run.sh keeps it.)\n"
    RESULTS.write_text("\n".join(lines) + "\n" + kept)
    print(f"Wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    commands = {
        "prepare": (prepare, 1),
        "report": (report, 1),
        "cpu-snapshot": (cpu_snapshot, 3),
        "cpu-delta": (cpu_delta, 2),
    }
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in commands or len(sys.argv) != 2 + commands[name][1]:
        sys.exit(
            f"usage: {sys.argv[0]} prepare|report OUT_DIR | cpu-snapshot PID DATABASE FILE"
            " | cpu-delta BEFORE AFTER"
        )
    function, _ = commands[name]
    function(*(Path(a) if name in ("prepare", "report") else a for a in sys.argv[2:]))
