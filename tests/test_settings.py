"""Settings read from the environment: bad values stop start-up with a clear message."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_rate

NAME = "DIRECTORY_TEST_FLAG"

PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "directory.example.org",
    "DJANGO_DEBUG": "false",
    # Without SMTP, mail goes to the console, which the deployment checks rightly
    # call an error (mail.E001): password resets would never arrive.
    "EMAIL_HOST": "smtp.example.org",
}


@pytest.mark.parametrize(
    "raw", ["true", "TRUE", "True", "tRuE", "1", "yes", "YES", "Yes", " yes ", "on", "ON"]
)
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, False) is True


@pytest.mark.parametrize(
    "raw", ["false", "FALSE", "False", "fAlSe", "0", "no", "NO", "No", "\tno\n", "off", "OFF"]
)
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_uses_the_default_when_unset_or_blank(monkeypatch, default):
    monkeypatch.delenv(NAME, raising=False)
    assert env_bool(NAME, default) is default

    monkeypatch.setenv(NAME, "  ")
    assert env_bool(NAME, default) is default


@pytest.mark.parametrize(
    "raw", ["maybe", "2", "-1", "y", "n", "t", "f", "tru", "yes please", "enabled", "nope", "0.0"]
)
def test_env_bool_refuses_anything_else_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured) as error:
        env_bool(NAME, False)

    message = str(error.value)
    assert f"{NAME}={raw!r} is not a boolean" in message
    assert "true/false, 1/0, yes/no" in message
    assert "(any case)" in message


def test_env_int_refuses_a_value_that_is_not_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, "sixty")

    with pytest.raises(ImproperlyConfigured, match=rf"{NAME}='sixty' is not a whole number"):
        env_int(NAME, 60)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " directory.example.org, ,www.directory.example.org,")

    assert env_list(NAME) == ["directory.example.org", "www.directory.example.org"]


@pytest.fixture
def run(tmp_path):
    """Run Python in the project folder with environment changes (a value of None unsets)."""

    def run(args, **environment):
        # Only what each test says: no DJANGO_* from the test run itself (tests/browser
        # sets DJANGO_ALLOW_ASYNC_UNSAFE, which the deployment checks reject).
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"
        # Start-up needs no database, but on PostgreSQL Django's GeneratedField check
        # connects to DATABASE_URL, which a test run (CI) need not have created.
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'start-up.sqlite3'}"
        for name, value in environment.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return subprocess.run(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


SETUP = ["-c", "import django; django.setup()"]
CHECK = ["manage.py", "check"]


@pytest.mark.parametrize("command", [SETUP, CHECK], ids=["django.setup", "manage.py check"])
def test_start_up_stops_on_a_debug_value_that_is_not_a_boolean(run, command):
    result = run(command, DJANGO_DEBUG="maybe", DJANGO_SECRET_KEY="x")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_DEBUG='maybe' is not a boolean." in result.stderr
    assert "Use true/false, 1/0, yes/no" in result.stderr


def test_the_app_stops_without_a_secret_key_when_debug_is_unset(run):
    # What gunicorn does (config.wsgi): nothing is guessed for production.
    result = run(SETUP, DJANGO_DEBUG=None, DJANGO_SECRET_KEY=None)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set." in result.stderr
    assert "Set it to a long random value" in result.stderr


def test_local_commands_run_with_nothing_configured(run):
    # manage.py on a laptop (no secret key anywhere) runs as the local site does.
    result = run(CHECK, DJANGO_DEBUG=None, DJANGO_SECRET_KEY=None)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_start_up_stops_without_a_secret_key_when_debug_is_off(run):
    result = run(CHECK, DJANGO_DEBUG="false", DJANGO_SECRET_KEY="")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set." in result.stderr


def test_local_development_runs_without_a_secret_key(run):
    result = run(CHECK, DJANGO_DEBUG="true", DJANGO_SECRET_KEY=None)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deployment_checks_pass_with_production_settings(run):
    result = run([*CHECK, "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_expect_a_tls_terminating_proxy(run):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )

    result = run(["-c", script], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ['directory.example.org'] ('HTTP_X_FORWARDED_PROTO', 'https') True True True True"
    )


@pytest.mark.parametrize(
    "raw", ["5/h/ip", "30/m/ip,200/h/ip", "3/30s/key", " 20/h/user , 50/d/user "]
)
def test_env_rate_reads_rate_limits(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_rate(NAME, "1/m/ip") == raw.strip()


@pytest.mark.parametrize("raw", ["5", "5/h", "five/h/ip", "5/h/person", "5/w/ip", "5/h/ip;1/m/ip"])
def test_env_rate_refuses_anything_else_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(
        ImproperlyConfigured, match=r"is not a rate limit\. Write amount/period/per"
    ):
        env_rate(NAME, "1/m/ip")
