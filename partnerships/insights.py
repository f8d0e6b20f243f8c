"""The evidence officers ask for, aggregated in the database: what was delivered, for how
many people, how partnerships were commissioned, and where economic development money went."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property

from .models import COMMUNITY_LED_FUNDING, Category, Funding, Outcome, Partnership, Service

# The report's ask: a quarter of economic development funding to community-led partnerships.
RING_FENCE = Decimal("0.25")
# Figures are kept until the data under them changes (see ``figures_changed``);
# the timeout only bounds how long a forgotten entry lingers.
CACHE_SECONDS = 6 * 60 * 60
VERSION_KEY = "insights:version"


def figures_changed(**kwargs):
    """Signal receiver: anything the insights count was saved or deleted; start afresh.

    Every cached set of figures is keyed by this version, so bumping it
    retires them all at once; the next visitor of each page recomputes it.
    Bumped once the change is committed: earlier, another request could still
    read the old rows and cache them under the new version.
    """
    transaction.on_commit(_bump_version)


def _bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value retires the old keys
        cache.set(VERSION_KEY, 1, None)


@dataclass
class Bar:
    label: str
    value: float
    share: float  # of the largest bar, 0-100, for drawing


def bars(rows):
    """(label, value) pairs -> Bars scaled to the largest value."""
    rows = list(rows)
    largest = max((value for _, value in rows), default=0) or 1
    return [Bar(label, value, round(100 * value / largest, 1)) for label, value in rows]


@dataclass
class FundingShare:
    economic_total: Decimal
    community_led_total: Decimal

    @property
    def share(self):
        if not self.economic_total:
            return None
        return self.community_led_total / self.economic_total

    @property
    def percent(self):
        return None if self.share is None else round(float(self.share) * 100, 1)

    @property
    def meets_ring_fence(self):
        return self.share is not None and self.share >= RING_FENCE


class Insights:
    """Figures for one area (and the areas below it), or the whole directory."""

    def __init__(self, area=None, crisis=None):
        self.area = area
        self.crisis = crisis

    # Built when first used: served from the cache, the page needs neither.
    @cached_property
    def services(self):
        services = Service.objects.published()
        if self.area is not None:
            services = services.in_area(self.area)
        if self.crisis is not None:
            services = services.filter(crisis=self.crisis)
        return services

    @cached_property
    def partnerships(self):
        partnerships = Partnership.objects.published()
        if self.area is not None:
            partnerships = partnerships.in_area(self.area)
        if self.crisis is not None:
            partnerships = partnerships.filter(crisis=self.crisis)
        return partnerships

    def services_by_category(self):
        """Services in each top-level category (a service in two categories counts in both).

        Counted from the service-category join table in one pass, grouped by the
        parent category; joining from categories to services per category made
        PostgreSQL test every service against the filter again for each one.
        """
        counts = dict(
            Service.categories.through.objects.filter(
                service__in=self.services.values("pk"), category__parent__isnull=False
            )
            .values("category__parent_id")
            .annotate(total=Count("service_id", distinct=True))
            .order_by()
            .values_list("category__parent_id", "total")
        )
        top = Category.objects.filter(parent__isnull=True).values_list("pk", "name", "position")
        rows = sorted(
            ((counts.get(pk, 0), position, name) for pk, name, position in top),
            key=lambda row: (-row[0], row[1]),
        )
        return bars((name, total) for total, _position, name in rows)

    def services_started_by_year(self):
        rows = (
            self.services.filter(started__isnull=False)
            .annotate(year=ExtractYear("started"))
            .values("year")
            .annotate(total=Count("pk"))
            .order_by("year")
            .values_list("year", "total")
        )
        return bars((str(year), total) for year, total in rows)

    @cached_property
    def outcomes_by_year(self):
        """Reported figures summed per year the period began: one scan of the outcomes
        serves both the people-reached chart and the totals."""
        return list(
            Outcome.objects.filter(service__in=self.services.values("pk"))
            .annotate(year=ExtractYear("period_start"))
            .values("year")
            .annotate(
                people_reached=Sum("people_reached"),
                volunteers=Sum("volunteers"),
                volunteer_hours=Sum("volunteer_hours"),
                items_delivered=Sum("items_delivered"),
            )
            .order_by("year")
        )

    def people_reached_by_year(self):
        return bars((str(row["year"]), row["people_reached"] or 0) for row in self.outcomes_by_year)

    def outcome_totals(self):
        figures = ("people_reached", "volunteers", "volunteer_hours", "items_delivered")
        rows = self.outcomes_by_year
        if not rows:
            return dict.fromkeys(figures)
        return {name: sum(row[name] or 0 for row in rows) for name in figures}

    def commissioning_by_year(self):
        """Rows of (year, {route label: count}) and the routes, for a table and stacked bars."""
        counts = (
            self.partnerships.filter(started__isnull=False)
            .annotate(year=ExtractYear("started"))
            .values("year", "commissioning")
            .annotate(total=Count("pk"))
            .order_by("year")
        )
        routes = Partnership.Commissioning
        years: dict[int, dict[str, int]] = {}
        for row in counts:
            years.setdefault(row["year"], {r.value: 0 for r in routes})[row["commissioning"]] = row[
                "total"
            ]
        largest = max((sum(v.values()) for v in years.values()), default=0) or 1
        table = []
        for year, by_route in years.items():
            total = sum(by_route.values())
            segments = []
            offset = 0.0
            for route in routes:
                width = 100 * by_route[route.value] / largest
                segments.append(
                    (route.label, by_route[route.value], round(offset, 2), round(width, 2))
                )
                offset += width
            table.append({"year": year, "total": total, "segments": segments})
        return {"routes": [r.label for r in routes], "years": table}

    def collaborative_share(self):
        """Share of partnerships commissioned without competitive tendering."""
        counts = self.partnerships.aggregate(
            total=Count("pk"),
            tendered=Count(
                "pk", filter=Q(commissioning=Partnership.Commissioning.COMPETITIVE_TENDER)
            ),
        )
        if not counts["total"]:
            return None
        return round(100 * (counts["total"] - counts["tendered"]) / counts["total"], 1)

    def funding_share(self):
        """Economic development money, and how much of it went to community-led work.

        Awards to partnerships count where the partnership works; awards
        straight to an organisation (most 360Giving grants) count where their
        beneficiary areas say, or else where the organisation works, and are
        community-led when the recipient is a community organisation. Awards
        carry no crisis, so a crisis filter keeps partnership awards only.
        """
        funding = Funding.objects.public().economic_development()
        if self.crisis is not None:
            funding = funding.filter(partnership__in=self.partnerships.values("pk"))
        elif self.area is not None:
            funding = funding.in_area(self.area, partnerships=self.partnerships)
        economic = funding.aggregate(
            total=Sum("amount"), community_led=Sum("amount", filter=COMMUNITY_LED_FUNDING)
        )
        return FundingShare(
            economic_total=economic["total"] or Decimal(0),
            community_led_total=economic["community_led"] or Decimal(0),
        )

    def figures(self):
        """Every figure the insights page shows, computed now."""
        return {
            "by_category": self.services_by_category(),
            "started_by_year": self.services_started_by_year(),
            "people_by_year": self.people_reached_by_year(),
            "totals": self.outcome_totals(),
            "commissioning": self.commissioning_by_year(),
            "collaborative_share": self.collaborative_share(),
            "funding": self.funding_share(),
        }

    def cached_figures(self):
        """``figures()``, kept per area and crisis until the data under them changes."""
        version = cache.get_or_set(VERSION_KEY, 1, None)
        area = self.area.pk if self.area is not None else "all"
        crisis = self.crisis.pk if self.crisis is not None else "all"
        key = f"insights:{version}:{area}:{crisis}"
        figures = cache.get(key)
        if figures is None:
            figures = self.figures()
            cache.set(key, figures, CACHE_SECONDS)
        return figures
