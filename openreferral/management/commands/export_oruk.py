"""python manage.py export_oruk FOLDER: the published directory as Open Referral UK CSV files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from openreferral.export import export
from openreferral.records import Links


class Command(BaseCommand):
    help = (
        "Write the published organisations, services, locations and categories as the Open "
        "Referral UK profile's CSV datapackage (one CSV per table and a datapackage.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Where to write the files (created if need be).")
        parser.add_argument(
            "--base-url",
            help="The site's address, e.g. https://directory.example.org, for the links "
            "to its pages in the uri columns (left empty without it).",
        )

    def handle(self, *args, folder, base_url, verbosity, **options):
        path = Path(folder)
        if path.exists() and not path.is_dir():
            raise CommandError(f"{folder} is a file, not a folder.")
        stream = getattr(self.stderr, "_out", None)

        def progress(items, **kwargs):
            return tqdm(items, file=stream, disable=None if verbosity else True, **kwargs)

        counts = export(path, Links(base_url), progress=progress)
        self.stdout.write(
            f"Wrote {counts['service']} services, {counts['organization']} organisations, "
            f"{counts['location']} locations and {counts['taxonomy_term']} taxonomy terms "
            f"to {path}."
        )
