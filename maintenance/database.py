"""What the backup and restore commands need to know about the database they work on."""

import datetime
import os
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError

# Rebuilt by migrate (content types, permissions) or not worth keeping (sessions).
NOT_BACKED_UP = ["contenttypes", "auth.permission", "sessions"]


def default_file(vendor):
    """backups/directory-20250314-093000.dump (PostgreSQL) or ….json.gz (SQLite)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = ".dump" if vendor == "postgresql" else ".json.gz"
    return Path(settings.BASE_DIR) / "backups" / f"directory-{stamp}{suffix}"


def program(name):
    """The path of a PostgreSQL client program, or a clear error if it is missing."""
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"{name} was not found. Install the PostgreSQL client programs "
            "(Debian and Ubuntu: apt install postgresql-client) in the same major version "
            "as the server."
        )
    return path


def libpq_environment(connection):
    """The connection's settings as libpq environment variables, so no password appears
    on a command line."""
    conf = connection.settings_dict
    env = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if conf.get(key):
            env[variable] = str(conf[key])
    env["PGDATABASE"] = conf["NAME"]
    return env


def table_names(connection):
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def rows_kept(connection):
    """Models in the database that hold rows a backup would keep (so it is not empty)."""
    tables = table_names(connection)
    skip = {"contenttypes", "sessions"}
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in skip or meta.label_lower == "auth.permission":
            continue
        if meta.db_table in tables and model._base_manager.using(connection.alias).exists():
            found.append(meta.label)
    return found
