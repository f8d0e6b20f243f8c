"""python manage.py import_oruk SOURCE: another directory's Open Referral UK feed, into this one."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from openreferral import sources
from openreferral.importer import Importer


class Command(BaseCommand):
    help = (
        "Import organisations, services, locations and taxonomy terms from an Open Referral UK "
        "feed: an API base URL (https://example.org/api/oruk), a JSON file of services, or a "
        "folder holding the profile's CSV datapackage. Running it again updates what it wrote."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="API base URL, JSON file or CSV folder.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report, then write nothing.",
        )
        parser.add_argument(
            "--feed-name",
            help="What ids that are not UUIDs are scoped by (default: the URL or the file's "
            "full path). Keep it the same from run to run.",
        )

    def handle(self, *args, source, dry_run, feed_name, verbosity, **options):
        stream = getattr(self.stderr, "_out", None)

        def progress(items, desc):
            return tqdm(items, desc=desc, unit="", file=stream, disable=None if verbosity else True)

        try:
            feed = sources.read(source, progress=progress)
        except sources.SourceError as exc:
            raise CommandError(f"Nothing imported. {exc}") from None
        if feed_name:
            feed.name = feed_name
        report = Importer(feed, progress=progress).run(dry_run=dry_run)

        write = self.stdout.write
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        write(
            f"{verb} {source}: {len(feed.services)} services, "
            f"{len(feed.organizations)} organisations read."
        )
        for kind in ["organisations", "services", "locations"]:
            write(f"  {kind}: {report.created[kind]} new, {report.updated[kind]} updated")
        write(
            f"  taxonomy terms: {report.created['taxonomy terms']} new, "
            f"{report.updated['taxonomy terms']} matched to existing categories"
        )
        if report.skipped:
            write(self.style.WARNING(f"Skipped {len(report.skipped)}:"))
            for line in report.skipped:
                write(f"  {line}")
        if report.notes and verbosity:
            write(f"Left out or changed ({len(report.notes)}):")
            for line in report.notes:
                write(f"  {line}")
