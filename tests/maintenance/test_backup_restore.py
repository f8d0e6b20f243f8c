"""manage.py backup and restore (make backup / make restore).

A database with data is backed up, restored into a new empty database in
another process, and read back: the same rows. PostgreSQL runs use pg_dump and
pg_restore; SQLite runs use dumpdata and loaddata. Each run tests the vendor
it runs on (CI runs both).
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from organisations.models import Membership, ProblemReport
from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ServiceFactory,
)

ROOT = Path(__file__).resolve().parents[2]

# What a restore must bring back, read with plain SQL on either database.
SNAPSHOT = [
    "SELECT id, email, password, is_staff FROM accounts_user ORDER BY id",
    "SELECT id, gss_code, name FROM organisations_area ORDER BY id",
    "SELECT id, name, slug, status FROM organisations_organisation ORDER BY id",
    "SELECT organisation_id, area_id FROM organisations_organisation_areas ORDER BY 1, 2",
    "SELECT user_id, organisation_id, role FROM organisations_membership ORDER BY id",
    "SELECT id, name, history_type FROM organisations_historicalorganisation ORDER BY history_id",
    "SELECT id, name, organisation_id FROM partnerships_service ORDER BY id",
    "SELECT id, name FROM partnerships_partnership ORDER BY id",
    "SELECT id, kind, details FROM organisations_problemreport ORDER BY id",
]


def snapshot(cursor):
    rows = {}
    for query in SNAPSHOT:
        cursor.execute(query)
        rows[query] = [tuple(row) for row in cursor.fetchall()]
    return rows


@pytest.fixture
def directory_data(db):
    area = AreaFactory(name="Manchester", gss_code="E08000003")
    pantry = OrganisationFactory(name="Ancoats Community Pantry", areas=[area])
    MembershipFactory(organisation=pantry, role=Membership.Role.OWNER)
    ServiceFactory.create_batch(3, organisation=pantry)
    PartnershipFactory(name="Manchester Food Partnership")
    ProblemReport.objects.create(organisation=pantry, kind="contact", details="Wrong phone")
    pantry.name = "Ancoats Pantry"
    pantry.save()  # A second history record.
    with connection.cursor() as cursor:
        rows = snapshot(cursor)
    assert all(rows.values()), "every table in the snapshot should hold something"
    return rows


@pytest.fixture
def empty_database(tmp_path):
    """A new database of the vendor this run uses, and how to read it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    conf = connection.settings_dict
    server = {
        "host": conf["HOST"] or "127.0.0.1",
        "port": conf["PORT"] or 5432,
        "user": conf["USER"],
        "password": conf["PASSWORD"] or None,
    }
    name = f"{conf['NAME']}_restore"[:63]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    url = f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    try:
        yield url, lambda: psycopg.connect(dbname=name, **server)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(url, path, *extra):
    """manage.py restore in its own process, against the database at ``url``."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SECRET_KEY": "x"}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(path), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def read(connect):
    with connect() as database:
        cursor = database.cursor()
        return snapshot(cursor)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_rows(
    directory_data, empty_database, tmp_path, capsys
):
    url, connect = empty_database
    path = tmp_path / "directory.backup"

    call_command("backup", str(path))

    assert "Backed up the" in capsys.readouterr().out
    restored = restore(url, path)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert read(connect) == directory_data

    # A second restore would overwrite: refused with a clear message...
    again = restore(url, path)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert "add --force" in again.stderr
    # ...unless asked for, when the contents are replaced, not doubled.
    forced = restore(url, path, "--force")
    assert forced.returncode == 0, forced.stderr
    assert read(connect) == directory_data


@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_database_with_data_is_refused(directory_data, tmp_path):
    path = tmp_path / "directory.backup"
    call_command("backup", str(path))

    with pytest.raises(CommandError, match=r"is not empty.*add --force"):
        call_command("restore", str(path))


def test_a_missing_backup_file_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "nothing.dump"))


def test_without_a_file_name_the_backup_is_dated_under_backups(db, settings, tmp_path, capsys):
    settings.BASE_DIR = tmp_path

    call_command("backup")

    [made] = (tmp_path / "backups").iterdir()
    assert made.name.startswith("directory-20")
    assert made.suffix in {".dump", ".gz"}
    assert str(made) in capsys.readouterr().out
