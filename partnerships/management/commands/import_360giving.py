"""python manage.py import_360giving FILE: a funder's grants in the 360Giving Data Standard."""

import re

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from partnerships import giving360


class Command(BaseCommand):
    help = (
        "Import grants published in the 360Giving Data Standard (a JSON package or the flat "
        "CSV). Recipients are matched to listings by charity or company number, or created as "
        "unclaimed listings; beneficiary locations are linked to areas by GSS code. Running it "
        "again updates the grants it imported (matched by their Identifier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A 360Giving JSON package or CSV file.")
        parser.add_argument(
            "--economic-development",
            action="store_true",
            help="Every grant in the file is economic development money (e.g. a file of one "
            "council's economic development grants).",
        )
        parser.add_argument(
            "--economic-development-programme",
            metavar="PATTERN",
            help="Grants whose Grant Programme:Title or a Classifications:Title matches this "
            "regular expression (case ignored) are economic development money.",
        )

    def handle(self, *args, file, economic_development, economic_development_programme, **opts):
        stream = getattr(self.stderr, "_out", None)
        verbosity = opts["verbosity"]

        def progress(rows, **kwargs):
            return tqdm(rows, file=stream, disable=None if verbosity else True, **kwargs)

        try:
            grants = giving360.read(file)
            importer = giving360.Importer(
                grants,
                economic_development=economic_development,
                programme=economic_development_programme,
                progress=progress,
            )
        except giving360.BadFile as exc:
            raise CommandError(f"Nothing imported. {exc}") from None
        except re.error as exc:
            raise CommandError(
                f"Nothing imported. The programme pattern is not valid: {exc}."
            ) from None
        report = importer.run()

        write = self.stdout.write
        grants_count = report.grants
        write(f"Imported {file}: {len(grants):,} grants read.")
        write(
            f"  grants: {grants_count['created']:,} new, {grants_count['updated']:,} updated, "
            f"{grants_count['unchanged']:,} unchanged"
        )
        write(
            f"  recipients: {len(report.organisations_matched):,} matched to listings, "
            f"{report.organisations_created:,} new unclaimed listings created"
        )
        write(
            f"  funders: {len(report.funders_matched):,} matched to listings, "
            f"{len(report.funders_by_name):,} kept by name"
        )
        if report.unknown_places:
            codes = ", ".join(sorted(report.unknown_places)[:10])
            write(
                f"  beneficiary locations not in the directory's areas (left out): "
                f"{len(report.unknown_places):,} codes, e.g. {codes}"
            )
        if report.rejected:
            write(self.style.WARNING(f"Rejected {len(report.rejected):,}:"))
            for where, reason in report.rejected:
                write(f"  {where}: {reason}")
