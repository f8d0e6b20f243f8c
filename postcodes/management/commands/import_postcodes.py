from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from postcodes.importer import PostcodeFileError, import_postcodes


class Command(BaseCommand):
    help = (
        "Load postcode centroids from the ONS National Statistics Postcode Lookup or ONS "
        "Postcode Directory CSV (columns pcds or pcd, lat, long and the local authority code). "
        "Safe to run again: postcodes are updated in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the CSV file")

    def handle(self, *args, file, verbosity, **options):
        bar = tqdm(desc="Postcodes", unit="row", disable=verbosity < 1, file=self.stderr)
        try:
            result = import_postcodes(file, progress=bar.update)
        except PostcodeFileError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        for line, reason in result.rejected[:100]:
            self.stderr.write(f"Line {line} rejected: {reason}")
        if len(result.rejected) > 100:
            self.stderr.write(f"… and {len(result.rejected) - 100} more rejected rows")
        self.stdout.write(
            self.style.SUCCESS(
                f"Postcodes: {result.imported} imported ({result.terminated} terminated), "
                f"{result.without_location} without a location skipped, "
                f"{len(result.rejected)} rows rejected; {result.districts} postcode districts."
            )
        )
