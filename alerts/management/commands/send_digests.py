from django.core.management.base import BaseCommand

from alerts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Email each council officer what is new or changed in their saved searches since "
        "their last digest. Run it weekly (cron); a search is sent at most every six days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the links in the emails (e.g. https://directory.example.org)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sent; send nothing and change nothing.",
        )

    def handle(self, *args, base_url, dry_run, **options):
        summary = send_digests(base_url, dry_run=dry_run)
        prefix = "Dry run (nothing sent). " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}"))
        if summary.failed:
            self.stderr.write(f"Could not email {len(summary.failed)} people; see the log.")
