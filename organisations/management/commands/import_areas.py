from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from organisations.areas import AreaFileError, import_areas


class Command(BaseCommand):
    help = (
        "Import UK local authorities from mySociety's uk_local_authorities CSV: "
        "each current council becomes an Area and a council Organisation. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the CSV file")

    def handle(self, *args, file, verbosity, **options):
        def progress(rows):
            return tqdm(rows, desc="Areas", unit="row", disable=verbosity < 1, file=self.stderr)

        try:
            result = import_areas(file, progress=progress)
        except AreaFileError as error:
            raise CommandError(str(error)) from None
        for line, reason in result.rejected:
            self.stderr.write(f"Line {line} rejected: {reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Areas: {result.created} created, {result.updated} updated; "
                f"{result.councils_created} council organisations created; "
                f"{result.not_current} former authorities skipped; "
                f"{len(result.rejected)} rows rejected."
            )
        )
