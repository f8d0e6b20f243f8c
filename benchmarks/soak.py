"""Soak test: mixed real-HTTP traffic against gunicorn on PostgreSQL, counted by status.

    python benchmarks/soak.py                     # 60 s soak + cached/uncached list comparison
    python benchmarks/soak.py --restart-postgres  # 60 s soak, PostgreSQL stopped at 20 s for ~5 s

Browsing (lists, detail pages), searches with varied words, and signed-in
edits (sign in through the real form with its CSRF token, then post the
organisation profile form) run from --connections threads for --duration
seconds. Every response is counted by kind and status; any 5xx other than a
503 fails the run, and so does a 503 outside the database outage. After the
run, every edited listing is checked: each edit writes a description that
says how many areas it set, in the same save as the areas, so a half-applied
edit shows as a mismatch. See benchmarks/README.md.
"""

import argparse
import contextlib
import datetime
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WORDS = [
    "food", "pantry", "volunteers", "befriending", "mental health", "Ordsall", "larder",
    "digital", "housing", "advice", "prescriptions", "older people", "youth", "church",
    "mutual aid", "foodbank", "zzqx", "Manchester", "café", "help",
]  # fmt: skip
EDIT = re.compile(r"^soak edit (?P<user>\d+)-(?P<n>\d+) areas=(?P<k>\d)$")


def say(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def free_port(first):
    for port in [*range(first, first + 50), 0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise SystemExit("no free port")


def manage(*args, env, timeout=1800, capture=False):
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        text=True,
        capture_output=capture,
    )


PREPARE = r"""
import json, sys
from allauth.account.models import EmailAddress
from accounts.models import User
from organisations.models import Area, Membership, ModerationStatus, Organisation
from partnerships.models import Service

users = int(sys.argv[-1])
areas = list(Area.objects.councils().order_by("pk").values_list("pk", flat=True)[:2])
orgs = list(
    Organisation.objects.filter(status=ModerationStatus.PUBLISHED)
    .exclude(kind="council").order_by("pk")[:users]
)
editors = []
for i, org in enumerate(orgs):
    user, _ = User.objects.get_or_create(email=f"soak-{i}@example.org")
    user.set_password("soak passphrase 2020")
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": "owner"})
    if not (org.email or org.website or org.phone):
        org.email = f"soak-{i}@example.org"
        org.save()
    editors.append({
        "email": user.email, "slug": org.slug, "name": org.name, "kind": org.kind,
        "charity_number": org.charity_number, "company_number": org.company_number,
        "website": org.website, "org_email": org.email, "phone": org.phone,
        "address": org.address, "postcode": org.postcode, "areas": areas,
    })
print(json.dumps({
    "editors": editors,
    "organisations": list(Organisation.objects.filter(status="published").order_by("?")
                          .values_list("slug", flat=True)[:300]),
    "services": list(Service.objects.published().order_by("?")
                     .values_list("slug", flat=True)[:300]),
    "areas": list(Area.objects.councils().values_list("gss_code", flat=True)),
}))
"""

VERIFY = r"""
import json, sys
from organisations.models import Organisation
slugs = json.loads(sys.argv[-1])
rows = {o.slug: {"description": o.description, "areas": o.areas.count()}
        for o in Organisation.objects.filter(slug__in=slugs).prefetch_related("areas")}
print(json.dumps(rows))
"""


class Server:
    """gunicorn with production settings on 127.0.0.1, stopped on exit."""

    def __init__(self, env, port, workers, log):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--timeout", "60",
             "--error-logfile", str(self.log), "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=open(self.log, "a"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{self.port}"
        for _ in range(240):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped while starting: see {self.log}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    return base
            time.sleep(0.5)
        raise SystemExit(f"/healthz did not answer within 2 minutes: see {self.log}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Client:
    """One connection's worth of a visitor, with cookies kept by hand.

    The site runs as in production behind a TLS proxy: requests say
    X-Forwarded-Proto: https, and the secure cookies are sent back although
    the loopback hop is plain HTTP.
    """

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.cookies = {}
        self.origin = base.replace("http://", "https://")

    def request(self, method, path, data=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method, self.base + path, data=data, headers=headers,
            allow_redirects=False, timeout=30,
        )  # fmt: skip
        self.cookies.update(response.cookies.get_dict())
        self.http.cookies.clear()
        return response


class Recorder:
    def __init__(self, start):
        self.start = start
        self.lock = threading.Lock()
        self.by_kind = defaultdict(Counter)
        self.latency = defaultdict(list)
        self.events = []  # (seconds since start, kind, status): 5xx and no answer at all
        self.bodies = {}  # one body per unexpected status, to show what the visitor saw
        self.edits_sent = defaultdict(list)  # user -> [(n, status)]

    def add(self, kind, status, seconds, body=""):
        now = time.monotonic() - self.start
        with self.lock:
            self.by_kind[kind][status] += 1
            self.latency[kind].append(seconds)
            if not (isinstance(status, int) and status < 500):
                self.events.append((round(now, 2), kind, status))
                if status not in self.bodies:
                    self.bodies[status] = body[:2000]


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(recorder, kind, call):
    began = time.monotonic()
    try:
        response = call()
    except requests.RequestException as error:
        recorder.add(kind, f"error:{type(error).__name__}", time.monotonic() - began)
        return None
    body = response.text if response.status_code >= 500 else ""
    recorder.add(kind, response.status_code, time.monotonic() - began, body)
    return response


def anonymous_visitor(client, data, recorder, rng):
    choice = rng.random()
    if choice < 0.35:
        path = rng.choice(["/organisations/", "/services/", "/partnerships/"])
        query = rng.choice(
            [
                "",
                f"?page={rng.randint(1, 5)}",
                f"?area={rng.choice(data['areas'])}",
                "?sort=updated",
            ]
        )
        timed(recorder, "list", lambda: client.request("GET", path + query))
    elif choice < 0.65:
        path = rng.choice(
            [f"/organisations/{s}/" for s in data["organisations"][:100]]
            + [f"/services/{s}/" for s in data["services"][:100]]
        )
        timed(recorder, "detail", lambda: client.request("GET", path))
    elif choice < 0.95:
        word = rng.choice(WORDS) + ("" if rng.random() < 0.5 else f" {rng.choice(WORDS)}")
        path = rng.choice(["/organisations/", "/services/"])
        url = f"{path}?{urlencode({'q': word})}"
        timed(recorder, "search", lambda: client.request("GET", url))
    else:
        timed(recorder, "home", lambda: client.request("GET", "/"))


def sign_in(client, editor, recorder):
    page = timed(recorder, "sign-in", lambda: client.request("GET", "/accounts/login/"))
    if page is None or page.status_code != 200:
        return False
    token = CSRF.search(page.text)[1]
    response = timed(
        recorder,
        "sign-in",
        lambda: client.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token,
                "login": editor["email"],
                "password": "soak passphrase 2020",
            },
        ),
    )
    return response is not None and response.status_code == 302


def edit(client, index, editor, n, recorder):
    """Open the profile form, then save a description that names the areas it sets."""
    path = f"/manage/organisations/{editor['slug']}/edit/"
    page = timed(recorder, "edit", lambda: client.request("GET", path))
    if page is None or page.status_code != 200:
        return
    k = 1 + n % 2
    data = {
        "csrfmiddlewaretoken": CSRF.search(page.text)[1],
        "name": editor["name"], "kind": editor["kind"],
        "description": f"soak edit {index}-{n} areas={k}",
        "charity_number": editor["charity_number"], "company_number": editor["company_number"],
        "website": editor["website"], "email": editor["org_email"], "phone": editor["phone"],
        "address": editor["address"], "postcode": editor["postcode"],
        "areas": editor["areas"][:k],
    }  # fmt: skip
    response = timed(recorder, "edit", lambda: client.request("POST", path, data))
    with recorder.lock:
        recorder.edits_sent[index].append((n, response.status_code if response else "error"))


def run_load(base, data, seconds, connections, recorder, editors, seed):
    stop = time.monotonic() + seconds
    editors = editors[:connections]

    def worker(i):
        rng = random.Random(seed * 1000 + i)
        client = Client(base)
        editor = editors[i] if i < len(editors) else None
        signed_in = False
        n = 0
        while time.monotonic() < stop:
            if editor is not None:
                if not signed_in:
                    signed_in = sign_in(client, editor, recorder)
                    if not signed_in:
                        time.sleep(0.5)
                        continue
                if rng.random() < 0.5:
                    n += 1
                    edit(client, i, editor, n, recorder)
                    continue
            anonymous_visitor(client, data, recorder, rng)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def hammer(base, path, seconds, connections):
    """Only ``path``, anonymously, as in a spike: requests per second and latency."""
    recorder = Recorder(time.monotonic())
    stop = time.monotonic() + seconds

    def worker():
        client = Client(base)
        while time.monotonic() < stop:
            timed(recorder, "list", lambda: client.request("GET", path))

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = sum(recorder.by_kind["list"].values())
    return {
        "requests": total,
        "rps": total / seconds,
        "p50_ms": percentile(recorder.latency["list"], 50) * 1000,
        "p95_ms": percentile(recorder.latency["list"], 95) * 1000,
        "statuses": dict(recorder.by_kind["list"]),
    }


def psql(database, sql):
    subprocess.run(
        ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U", "postgres", "-d", "postgres",
         "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
        check=True, timeout=60, capture_output=True,
    )  # fmt: skip


def restart_postgres(fault, cluster, database, down_seconds, log):
    """Take PostgreSQL away for ``down_seconds``, then bring it back.

    ``cluster``: stop the cluster (fast: open sessions are ended) and start it
    again, as a restart does. ``database``: end every session on the soak
    database and refuse new ones, which the site sees the same way (its
    connections break, new ones fail) without touching other databases on a
    shared server.
    """
    version, name = cluster.split()
    marks = {"stop_begin": time.monotonic()}
    if fault == "cluster":
        subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "fast"], check=True,
                       timeout=60)  # fmt: skip
    else:
        psql(database, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")  # fmt: skip
    marks["stopped"] = time.monotonic()
    time.sleep(down_seconds)
    marks["start_begin"] = time.monotonic()
    if fault == "cluster":
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True, timeout=120)
    else:
        psql(database, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    marks["started"] = time.monotonic()
    log.update(marks)


def verify_edits(env, editors, recorder):
    """Every edited listing holds a whole edit: its description's area count is its areas'."""
    rows = _verify_rows(env, [e["slug"] for e in editors])
    problems, checked = [], 0
    for index, editor in enumerate(editors):
        row = rows.get(editor["slug"])
        sent = recorder.edits_sent.get(index, [])
        if not sent or row is None:
            continue
        match = EDIT.match(row["description"])
        acknowledged = [n for n, status in sent if status == 302]
        if match is None:
            if acknowledged:
                problems.append(f"{editor['slug']}: an acknowledged edit is missing")
            continue
        checked += 1
        if int(match["k"]) != row["areas"]:
            problems.append(
                f"{editor['slug']}: description says {match['k']} areas, listing has {row['areas']}"
            )
        if acknowledged and int(match["n"]) < max(acknowledged):
            problems.append(f"{editor['slug']}: edit {max(acknowledged)} was acknowledged, lost")
    return checked, problems


def _verify_rows(env, slugs):
    script = VERIFY.replace("json.loads(sys.argv[-1])", repr(slugs))
    out = manage("shell", "-c", script, env=env, capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def summary(recorder, seconds):
    kinds = {}
    for kind, counts in sorted(recorder.by_kind.items()):
        lat = recorder.latency[kind]
        kinds[kind] = {
            "requests": sum(counts.values()),
            "statuses": {str(k): v for k, v in sorted(counts.items(), key=str)},
            "p50_ms": round(percentile(lat, 50) * 1000, 1),
            "p95_ms": round(percentile(lat, 95) * 1000, 1),
            "p99_ms": round(percentile(lat, 99) * 1000, 1),
        }
    every = [x for lat in recorder.latency.values() for x in lat]
    statuses = Counter()
    for counts in recorder.by_kind.values():
        statuses.update(counts)
    return {
        "requests": len(every),
        "rps": round(len(every) / seconds, 1),
        "p50_ms": round(percentile(every, 50) * 1000, 1),
        "p95_ms": round(percentile(every, 95) * 1000, 1),
        "p99_ms": round(percentile(every, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(every) * 1000, 1) if every else 0,
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        "kinds": kinds,
    }


def markdown(report):
    lines = []
    s = report["soak"]
    lines.append(
        f"Run {report['date']} on {report['machine']}; {report['organisations']} organisations "
        f"in PostgreSQL; gunicorn {report['workers']} sync workers, production settings; "
        f"{report['connections']} connections for {report['duration']} s "
        f"({len(report['editors'])} of them signed-in editors). Load average before: "
        f"{report['load_before']}."
    )
    lines.append("")
    lines.append(
        f"All: **{s['requests']} requests, {s['rps']} req/s, p50 {s['p50_ms']} ms, "
        f"p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms**; by status: "
        + ", ".join(f"{k}: {v}" for k, v in s["statuses"].items())
    )
    lines.append("")
    lines.append("| kind | requests | by status | p50 ms | p95 ms | p99 ms |")
    lines.append("|---|---:|---|---:|---:|---:|")
    for kind, k in s["kinds"].items():
        statuses = ", ".join(f"{code}: {n}" for code, n in k["statuses"].items())
        lines.append(
            f"| {kind} | {k['requests']} | {statuses} | {k['p50_ms']} | {k['p95_ms']} | "
            f"{k['p99_ms']} |"
        )
    lines.append("")
    e = report["edits"]
    lines.append(
        f"Edits: {e['sent']} saved-or-tried, {e['acknowledged']} acknowledged (302); "
        f"{e['checked']} listings checked afterwards, half-applied or lost: "
        f"{len(e['problems'])}{' (' + '; '.join(e['problems']) + ')' if e['problems'] else ''}."
    )
    if "fault" in report:
        f = report["fault"]
        lines.append("")
        lines.append(
            f"Fault: {report['fault_kind']}. PostgreSQL taken away at {f['stop_begin']} s "
            f"(down from {f['stopped']} s), started "
            f"again at {f['start_begin']} s, accepting connections at {f['started']} s. "
            f"5xx or no answer: first at {f['first_bad']} s, last at {f['last_bad']} s "
            f"(**{f['bad_window']} s window; recovered {f['recovery']} s after PostgreSQL was "
            f"back**). By status: {f['bad_statuses']}. 5xx other than 503: "
            f"{f['other_5xx']}; 503s outside the outage (+{f['grace']} s): {f['stray_503']}."
        )
    if "cache" in report:
        c = report["cache"]
        lines.append("")
        lines.append(f"Anonymous list page `{c['path']}`, {c['seconds']} s each, "
                     f"{report['connections']} connections:")  # fmt: skip
        lines.append("")
        lines.append("| page cache | req/s | p50 ms | p95 ms | statuses |")
        lines.append("|---|---:|---:|---:|---|")
        for label in ("cached", "uncached"):
            r = c[label]
            lines.append(
                f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                f"{r['statuses']} |"
            )
    lines.append("")
    lines.append(f"Verdict: **{'pass' if report['ok'] else 'FAIL'}**"
                 + ("" if report["ok"] else f" ({'; '.join(report['failures'])})"))  # fmt: skip
    return "\n".join(lines)


def write_results(mode, text):
    """Put this run's figures between its own markers in RESULTS.md (below run.sh's marker,
    so the load benchmark keeps them)."""
    start, end = f"<!-- soak:{mode}:start -->", f"<!-- soak:{mode}:end -->"
    block = f"{start}\n{text}\n{end}"
    current = RESULTS.read_text()
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(current)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--restart-postgres",
        action="store_true",
        help="stop PostgreSQL at --restart-at seconds for --down seconds",
    )
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--editors", type=int, default=8, help="signed-in connections")
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--database", default=os.environ.get("SOAK_DATABASE", "directory_soak"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 5)))
    parser.add_argument("--restart-at", type=float, default=20)
    parser.add_argument("--down", type=float, default=5)
    parser.add_argument(
        "--grace",
        type=float,
        default=5,
        help="seconds after PostgreSQL is back in which 503s still count as clean",
    )
    parser.add_argument(
        "--fault",
        choices=["cluster", "database"],
        default="cluster",
        help="cluster: pg_ctlcluster stop, then start; database: end the soak database's "
        "sessions and refuse new ones (spares the other databases on a shared server)",
    )
    parser.add_argument(
        "--cluster",
        default=os.environ.get("SOAK_PG_CLUSTER", "15 main"),
        help="pg_ctlcluster version and name",
    )
    parser.add_argument(
        "--cache-seconds",
        type=int,
        default=15,
        help="seconds for each of the cached and uncached list runs (0: skip)",
    )
    parser.add_argument(
        "--write-results", action="store_true", help="put the figures into benchmarks/RESULTS.md"
    )
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()  # fmt: skip
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", args.database):
        raise SystemExit("--database: letters, digits and underscores only")

    OUT.mkdir(exist_ok=True)
    host = os.environ.get("PGHOST", "127.0.0.1")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{os.environ.get('PGUSER', 'postgres')}@{host}:"
        f"{os.environ.get('PGPORT', '5432')}/{args.database}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "soak-only-" + secrets.token_urlsafe(24),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "PGCONNECT_TIMEOUT": "5",
    }
    created = subprocess.run(
        ["psql", "-h", host, "-U", "postgres", "-d", "postgres", "-Atqc",
         f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not created:
        say(f"Creating database {args.database}")
        subprocess.run(["psql", "-h", host, "-U", "postgres", "-d", "postgres", "-qc",
                        f'CREATE DATABASE "{args.database}"'], check=True)  # fmt: skip
    say(f"Migrating {args.database}")
    manage("migrate", "--noinput", "-v0", env=env)
    count = int(
        manage("shell", "-c", "from organisations.models import Organisation as O;"
               "print(O.objects.count())", env=env, capture=True)
        .stdout.strip().splitlines()[-1]
    )  # fmt: skip
    if count < args.organisations:
        say(f"Seeding {args.organisations} organisations")
        manage("seed_demo", "--organisations", str(args.organisations), "--seed",
               str(args.seed), *(["--flush"] if count else []), env=env)  # fmt: skip
    say("Preparing signed-in editors and the pages to visit")
    script = PREPARE.replace("int(sys.argv[-1])", str(args.editors))
    data = json.loads(
        manage("shell", "-c", script, env=env, capture=True).stdout.strip().splitlines()[-1]
    )
    manage("collectstatic", "--noinput", "-v0", env=env, timeout=300)

    report = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} CPUs",
        "organisations": count if count >= args.organisations else args.organisations,
        "workers": args.workers,
        "connections": args.connections,
        "duration": args.duration,
        "editors": [e["slug"] for e in data["editors"]],
        "fault_kind": {
            "cluster": "pg_ctlcluster stop -m fast, then start",
            "database": "soak database's sessions ended, new ones refused",
        }[args.fault],
        "load_before": Path("/proc/loadavg").read_text().split()[0],
    }
    failures = []
    port = free_port(int(os.environ.get("SOAK_PORT", 8865)))
    log = OUT / "soak-gunicorn.log"
    log.write_text("")
    with Server({**env, "PUBLIC_PAGE_CACHE_SECONDS": "60"}, port, args.workers, log) as base:
        say(f"Soak: {args.duration} s, {args.connections} connections on {base}")
        start = time.monotonic()
        recorder = Recorder(start)
        marks = {}
        restarter = None
        if args.restart_postgres:

            def later():
                time.sleep(args.restart_at)
                say("Stopping PostgreSQL")
                restart_postgres(args.fault, args.cluster, args.database, args.down, marks)
                say("PostgreSQL started again")

            restarter = threading.Thread(target=later)
            restarter.start()
        run_load(base, data, args.duration, args.connections, recorder, data["editors"], args.seed)
        if restarter:
            restarter.join()
        report["soak"] = summary(recorder, args.duration)

        other_5xx = sum(
            n for k in recorder.by_kind.values() for code, n in k.items()
            if isinstance(code, int) and code >= 500 and code != 503
        )  # fmt: skip
        if other_5xx:
            failures.append(f"{other_5xx} responses 5xx other than 503")
        bad = recorder.events
        if args.restart_postgres:
            rel = {k: round(v - start, 2) for k, v in marks.items()}
            window = (rel["stop_begin"] - 1, rel["started"] + args.grace)
            stray = [e for e in bad if e[2] == 503 and not window[0] <= e[0] <= window[1]]
            errors = [e for e in bad if not isinstance(e[2], int)]
            report["fault"] = {
                **rel,
                "first_bad": bad[0][0] if bad else None,
                "last_bad": bad[-1][0] if bad else None,
                "bad_window": round(bad[-1][0] - bad[0][0], 2) if bad else 0,
                "recovery": round(max(0, bad[-1][0] - rel["started"]), 2) if bad else 0,
                "bad_statuses": dict(Counter(str(e[2]) for e in bad)),
                "other_5xx": other_5xx,
                "stray_503": len(stray),
                "grace": args.grace,
                "connection_errors": len(errors),
            }
            if stray:
                failures.append(f"{len(stray)} 503s outside the outage")
            if errors:
                failures.append(f"{len(errors)} requests got no HTTP answer")
        elif bad:
            failures.append(f"{len(bad)} responses 5xx or unanswered without any fault")
        for status, body in recorder.bodies.items():
            if isinstance(status, int) and status >= 500 and "Traceback" in body:
                failures.append(f"a traceback in a {status} page")
        checked, problems = verify_edits(env, data["editors"], recorder)
        sent = sum(len(v) for v in recorder.edits_sent.values())
        acknowledged = sum(1 for v in recorder.edits_sent.values() for _, s in v if s == 302)
        report["edits"] = {"sent": sent, "acknowledged": acknowledged, "checked": checked,
                           "problems": problems}  # fmt: skip
        if problems:
            failures.append(f"{len(problems)} edits half-applied or lost")
        if not acknowledged:
            failures.append("no edit was saved")
        report["samples"] = {str(k): v[:500] for k, v in recorder.bodies.items()}

    if args.cache_seconds and not args.restart_postgres:
        # A busy search page: what a crisis spike asks for again and again.
        path = "/organisations/?q=food"
        report["cache"] = {"path": path, "seconds": args.cache_seconds}
        for label, seconds in (("cached", "60"), ("uncached", "0")):
            with Server({**env, "PUBLIC_PAGE_CACHE_SECONDS": seconds}, port, args.workers,
                        log) as base:  # fmt: skip
                say(f"List page, page cache {label}: {args.cache_seconds} s")
                hammer(base, path, 3, args.connections)  # warm-up
                report["cache"][label] = hammer(base, path, args.cache_seconds, args.connections)

    report["ok"] = not failures
    report["failures"] = failures
    mode = "fault" if args.restart_postgres else "steady"
    (OUT / f"soak-{mode}.json").write_text(json.dumps(report, indent=2, default=str))
    text = markdown(report)
    (OUT / f"soak-{mode}.md").write_text(text + "\n")
    print(text)
    if args.write_results:
        write_results(mode, text)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
