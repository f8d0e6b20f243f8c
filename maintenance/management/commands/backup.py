"""Write a backup of the whole database to one file.

PostgreSQL: pg_dump's custom format (compressed; pg_restore reads it).
SQLite: dumpdata as gzipped JSON, with natural keys for content types and
permissions so it loads into a freshly migrated database.
"""

import subprocess
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from maintenance.database import NOT_BACKED_UP, default_file, libpq_environment, program


class Command(BaseCommand):
    help = "Back up the database to FILE (default: backups/directory-<date>-<time>.dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="where to write the backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file=None, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor not in ("postgresql", "sqlite"):
            raise CommandError(f"Backing up a {connection.vendor} database is not supported.")
        path = Path(file) if file else default_file(connection.vendor)
        path.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "postgresql":
            self.pg_dump(connection, path)
        else:
            # dumpdata picks gzip from the name; the file keeps whatever name was asked for.
            with tempfile.TemporaryDirectory(dir=path.parent) as folder:
                dumped = Path(folder) / "backup.json.gz"
                call_command(
                    "dumpdata",
                    database=database,
                    natural_foreign=True,
                    exclude=NOT_BACKED_UP,
                    output=str(dumped),
                    verbosity=0,
                )
                dumped.replace(path)
        size = path.stat().st_size
        self.stdout.write(f"Backed up the {connection.vendor} database to {path} ({size:,} bytes).")

    def pg_dump(self, connection, path):
        # Custom format, no owners or grants: restorable by any role into any database.
        result = subprocess.run(
            [
                program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                path,
            ],
            env=libpq_environment(connection),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            path.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
