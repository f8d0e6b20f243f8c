"""The evidence officers ask for, aggregated in the database: what was delivered, for how
many people, how partnerships were commissioned, and where economic development money went."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from .models import Category, Funding, Outcome, Partnership, Service

# The report's ask: a quarter of economic development funding to community-led partnerships.
RING_FENCE = Decimal("0.25")


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
        services = Service.objects.published()
        partnerships = Partnership.objects.published()
        if area is not None:
            services = services.in_area(area)
            partnerships = partnerships.in_area(area)
        if crisis is not None:
            services = services.filter(crisis=crisis)
            partnerships = partnerships.filter(crisis=crisis)
        self.services = services
        self.partnerships = partnerships

    def services_by_category(self):
        """Services in each top-level category (a service in two categories counts in both)."""
        rows = (
            Category.objects.filter(parent__isnull=True)
            .annotate(
                total=Count(
                    "children__services",
                    filter=Q(children__services__in=self.services.values("pk")),
                    distinct=True,
                )
            )
            .order_by("-total", "position")
            .values_list("name", "total")
        )
        return bars(rows)

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

    def people_reached_by_year(self):
        rows = (
            Outcome.objects.filter(service__in=self.services.values("pk"))
            .annotate(year=ExtractYear("period_start"))
            .values("year")
            .annotate(total=Sum("people_reached"))
            .order_by("year")
            .values_list("year", "total")
        )
        return bars((str(year), total or 0) for year, total in rows)

    def outcome_totals(self):
        return Outcome.objects.filter(service__in=self.services.values("pk")).aggregate(
            people_reached=Sum("people_reached"),
            volunteers=Sum("volunteers"),
            volunteer_hours=Sum("volunteer_hours"),
            items_delivered=Sum("items_delivered"),
        )

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
        economic = Funding.objects.filter(
            economic_development=True, partnership__in=self.partnerships.values("pk")
        ).aggregate(
            total=Sum("amount"),
            community_led=Sum("amount", filter=Q(partnership__community_led=True)),
        )
        return FundingShare(
            economic_total=economic["total"] or Decimal(0),
            community_led_total=economic["community_led"] or Decimal(0),
        )
