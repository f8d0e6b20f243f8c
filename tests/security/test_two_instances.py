"""Two app instances behind one proxy share sessions, lockouts and rate limits.

Two gunicorn processes run with production settings (debug off) on two ports,
sharing one PostgreSQL database (made for this test and migrated) and one Redis
database (flushed first). Real HTTP shows that nothing that matters lives in
one instance's memory: a session made on A works on B, a lockout earned on A
holds on B, and a rate limit counted on A is enforced on B.

The requests carry ``X-Forwarded-Proto: https``, as the TLS-terminating proxy
in front of production does, so the instances run exactly as configured for
production (HTTPS redirect, Secure cookies) over plain HTTP on loopback. The
test keeps cookies itself: an HTTP client would not send Secure cookies over
http://.

It needs PostgreSQL (SQLite cannot be shared by two servers the way production
shares its database) and Redis (TEST_REDIS_URL, default
redis://127.0.0.1:6379/9). Without them it is skipped, unless CI asked for
PostgreSQL (EXPECT_DATABASE_VENDOR=postgresql), when it fails.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
PASSWORD = "a sturdy long passphrase"
REQUIRED = os.environ.get("EXPECT_DATABASE_VENDOR") == "postgresql"

SETUP = """
from allauth.account.models import EmailAddress
from accounts.models import User
from organisations.models import Membership, Organisation

def person(email):
    user = User.objects.create_user(email=email, password={password!r})
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

pantry = Organisation.objects.create(
    name="Ancoats Community Pantry", slug="ancoats-community-pantry", status="published"
)
Membership.objects.create(user=person("sam@example.org"), organisation=pantry, role="owner")
person("alex@example.org")
"""


def unavailable(reason):
    if REQUIRED:
        pytest.fail(f"{reason} (EXPECT_DATABASE_VENDOR=postgresql: this test must run)")
    print(f"\nSkipping the two-instance test: {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: keeps cookies across instances, sends forms with their
    CSRF token, and follows nothing, so each answer can be checked."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, form=None):
        headers = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{port}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, port, path):
        return self.request(port, "GET", path)

    def submit(self, port, path, data):
        """Open the page on ``port`` and post its form there, as a person would."""
        page = self.get(port, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        return self.request(port, "POST", path, {"csrfmiddlewaretoken": token, **data})

    def sign_in(self, port, email, password):
        return self.submit(port, "/accounts/login/", {"login": email, "password": password})


@pytest.fixture(scope="module")
def instances():
    """Two gunicorn instances on one fresh PostgreSQL database and one Redis database."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        unavailable("it needs PostgreSQL (set DATABASE_URL); this run uses SQLite")
    try:
        shared_cache = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        shared_cache.ping()
    except redis.RedisError as error:
        unavailable(f"Redis at {REDIS_URL} is not reachable ({error})")
    shared_cache.flushdb()

    name = f"{default['NAME']}_two_instances"[:63]
    server = {
        "host": default["HOST"] or "127.0.0.1",
        "port": default["PORT"] or 5432,
        "user": default["USER"],
        "password": default["PASSWORD"] or None,
    }
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **server)
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL is not reachable ({error})")
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')

    password = f":{server['password']}" if server["password"] else ""
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
        ),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    for variable in ("EMAIL_HOST", "DJANGO_TRUSTED_PROXY_COUNT"):
        env.pop(variable, None)  # Email to the console; the client is REMOTE_ADDR.

    def manage(*args, **kwargs):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)

    processes = []
    try:
        manage("migrate", "--noinput", stdout=subprocess.DEVNULL)
        manage("shell", "-c", SETUP.format(password=PASSWORD))
        # Debug off serves hashed static files, which need collecting once.
        manage("collectstatic", "--noinput", stdout=subprocess.DEVNULL)
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        for port, process in zip(ports, processes, strict=True):
            wait_until_serving(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        shared_cache.flushdb()


def wait_until_serving(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn on port {port} stopped (exit {process.returncode})")
        try:
            if Browser().get(port, "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"gunicorn on port {port} did not answer /healthz in {seconds} s")


def test_a_session_made_on_one_instance_is_honoured_on_the_other(instances):
    a, b = instances
    person = Browser()

    signed_in = person.sign_in(a, "sam@example.org", PASSWORD)
    assert signed_in.status == 302
    assert signed_in.getheader("Location") == "/manage/"

    dashboard = person.get(b, "/manage/")
    assert dashboard.status == 200
    assert "Your organisations" in dashboard.text
    assert "Ancoats Community Pantry" in dashboard.text

    # Signing out on B ends the session on A too.
    assert person.submit(b, "/accounts/logout/", {}).status == 302
    after = person.get(a, "/manage/")
    assert after.status == 302
    assert after.getheader("Location").startswith("/accounts/login/")


def test_a_lockout_earned_on_one_instance_holds_on_the_other(instances):
    a, b = instances
    attacker = Browser()
    for _ in range(4):
        assert attacker.sign_in(a, "alex@example.org", "wrong password").status == 200

    locked = attacker.sign_in(a, "alex@example.org", "wrong password")
    assert locked.status == 429

    # The right password on the other instance is refused too.
    elsewhere = Browser().sign_in(b, "alex@example.org", PASSWORD)
    assert elsewhere.status == 429
    assert "Too many attempts to sign in" in elsewhere.text


def test_a_rate_limit_counted_on_one_instance_is_enforced_on_the_other(instances):
    a, b = instances
    report = "/organisations/ancoats-community-pantry/report/"
    visitor = Browser()
    for _ in range(5):  # RATE_LIMIT_PROBLEM_REPORTS: 5 an hour from one address
        response = visitor.submit(a, report, {"kind": "contact"})
        assert response.status == 302

    refused = Browser().get(b, report)

    assert refused.status == 429
    assert int(refused.getheader("Retry-After")) > 3500
    assert "You can try again after" in refused.text
