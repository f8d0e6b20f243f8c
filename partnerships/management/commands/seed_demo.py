import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from organisations.models import Organisation
from partnerships.demo import DemoSeeder
from partnerships.models import Partnership, Service


class Command(BaseCommand):
    help = (
        "Fill the directory with believable demo data: councils, community groups, "
        "partnerships, Covid-19 services with categories, outcomes and funding. "
        "The same --seed always gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations",
            type=int,
            default=400,
            help="How many organisations, councils included (default 400)",
        )
        parser.add_argument("--seed", type=int, default=2020, help="Random seed (default 2020)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the directory already has organisations",
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete existing organisations, partnerships and services first",
        )

    def handle(self, *args, organisations, seed, if_empty, flush, verbosity, **options):
        if organisations < 1:
            raise CommandError("--organisations must be at least 1.")
        existing = Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL).count()
        if existing and if_empty:
            self.stdout.write(f"The directory already has {existing} organisations: not seeding.")
            return
        if existing and not flush:
            raise CommandError(
                f"The directory already has {existing} organisations. "
                "Use --flush to replace them, or --if-empty to leave them."
            )
        if flush:
            Service.objects.all().delete()
            Partnership.objects.all().delete()
            Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL).delete()

        def progress(total, desc):
            return tqdm(total=total, desc=desc, unit="row", disable=verbosity < 1, file=self.stderr)

        started = time.monotonic()
        summary = DemoSeeder(organisations, seed, progress=progress).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded in {time.monotonic() - started:.1f}s: {summary.areas} council areas, "
                f"{summary.organisations} organisations, {summary.services} services, "
                f"{summary.partnerships} partnerships, {summary.outcomes} outcome records, "
                f"{summary.funding} funding awards (seed {seed})."
            )
        )
