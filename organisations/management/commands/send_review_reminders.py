from django.core.management.base import BaseCommand

from organisations.models import Organisation
from organisations.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the owners of listings not confirmed for 12 months a one-click 'still correct' "
        "link, and flag listings not confirmed for 18 months as possibly out of date. "
        "Run it daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the links in the emails (e.g. https://directory.example.org)",
        )

    def handle(self, *args, base_url, **options):
        listings, emails = send_review_reminders(base_url)
        flagged, cleared = Organisation.objects.mark_out_of_date()
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminders: {emails} emails about {listings} listings. "
                f"Out of date: {flagged} newly flagged, {cleared} cleared."
            )
        )
