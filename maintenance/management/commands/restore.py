"""Load a backup made by ``manage.py backup`` into an empty database.

It refuses a database that already holds data, unless --force, which replaces
that data with the backup's.
"""

import subprocess
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from maintenance.database import libpq_environment, program, rows_kept, table_names

GZIP = b"\x1f\x8b"  # SQLite backups are gzipped JSON; pg_dump's start with PGDMP.


class Command(BaseCommand):
    help = "Restore the backup FILE into this (empty) database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace whatever the database holds now with the backup",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, force=False, database=DEFAULT_DB_ALIAS, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no backup file at {path}.")
        connection = connections[database]
        holding = rows_kept(connection)
        if holding and not force:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} is not empty (it holds "
                f"{', '.join(holding[:3])}{' and more' if len(holding) > 3 else ''}). Restore "
                "into a new, empty database, or add --force to replace its contents with the "
                "backup."
            )
        with path.open("rb") as backup:
            start = backup.read(5)
        if connection.vendor == "postgresql" and start == b"PGDMP":
            self.pg_restore(connection, path, clean=bool(table_names(connection)))
        elif connection.vendor == "sqlite" and start[:2] == GZIP:
            self.load(database, path, flush=bool(holding))
        else:
            raise CommandError(
                f"{path} is not a {connection.vendor} backup. PostgreSQL backups (pg_dump) "
                "restore into PostgreSQL, SQLite backups (JSON) into SQLite."
            )
        self.stdout.write(f"Restored {path} into {connection.settings_dict['NAME']}.")

    def pg_restore(self, connection, path, clean):
        connection.close()  # pg_restore --clean must be able to drop the tables.
        command = [program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if clean:
            command += ["--clean", "--if-exists"]
        env = libpq_environment(connection)
        result = subprocess.run(
            [*command, "--single-transaction", "--dbname", env["PGDATABASE"], path],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")

    def load(self, database, path, flush):
        call_command("migrate", database=database, interactive=False, verbosity=0)
        if flush:
            call_command("flush", database=database, interactive=False, verbosity=0)
        # loaddata reads the format from the name; the backup may have any name.
        with tempfile.TemporaryDirectory() as folder:
            named = Path(folder) / "backup.json.gz"
            named.symlink_to(path.resolve())
            call_command("loaddata", str(named), database=database, verbosity=0)
