"""Believable, deterministic demo data at any scale, written with bulk inserts."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from organisations.areas import DEMO_FILE, import_areas
from organisations.models import Area, Location, ModerationStatus, Organisation
from postcodes.importer import DEMO_FILE as DEMO_POSTCODES
from postcodes.importer import import_postcodes
from postcodes.models import Postcode

from .models import (
    Audience,
    Category,
    Crisis,
    Funding,
    Outcome,
    Partnership,
    PartnershipMember,
    Service,
)

BATCH = 2000
# Dates are fixed so the same seed always gives the same data.
REFERENCE_DATE = date(2026, 1, 1)

# Real neighbourhoods of the demo councils, so the data reads true to a local reader.
NEIGHBOURHOODS = {
    "E08000003": [
        "Ancoats",
        "Ardwick",
        "Moss Side",
        "Hulme",
        "Levenshulme",
        "Gorton",
        "Harpurhey",
        "Cheetham",
        "Longsight",
        "Wythenshawe",
        "Rusholme",
        "Chorlton",
    ],
    "E08000006": ["Ordsall", "Pendleton", "Eccles", "Swinton", "Walkden", "Broughton"],
    "E08000010": ["Pemberton", "Ince", "Leigh", "Hindley", "Atherton", "Scholes"],
    "E08000012": ["Toxteth", "Everton", "Anfield", "Walton", "Kensington", "Speke"],
    "E08000019": ["Burngreave", "Pitsmoor", "Heeley", "Darnall", "Firth Park", "Manor"],
    "E08000021": ["Byker", "Benwell", "Walker", "Elswick", "Heaton", "Fenham"],
    "E08000025": [
        "Aston",
        "Handsworth",
        "Sparkbrook",
        "Small Heath",
        "Balsall Heath",
        "Lozells",
        "Nechells",
        "Kings Norton",
    ],
    "E08000032": ["Manningham", "Little Horton", "Bowling", "Keighley", "Eccleshill"],
    "E08000035": ["Harehills", "Chapeltown", "Kirkstall", "Headingley", "Beeston", "Seacroft"],
    "E06000023": ["Easton", "St Pauls", "Bedminster", "Knowle West", "Lawrence Hill", "Southmead"],
    "E06000018": ["Sneinton", "Radford", "Hyson Green", "St Ann's", "Bulwell", "Meadows"],
    "E06000016": ["Highfields", "Belgrave", "Braunstone", "Beaumont Leys", "Saffron"],
    "E06000026": ["Stonehouse", "Devonport", "Keyham", "Whitleigh", "Efford"],
    "E06000043": ["Whitehawk", "Moulsecoomb", "Hollingdean", "Portslade", "Kemptown"],
    "E06000052": ["Camborne", "Redruth", "Bodmin", "Penzance", "St Austell", "Truro"],
    "E09000007": ["Kentish Town", "Somers Town", "Gospel Oak", "Kilburn", "Holborn"],
    "E09000012": ["Dalston", "Clapton", "Hoxton", "Homerton", "Stoke Newington"],
    "E09000022": ["Brixton", "Stockwell", "Vauxhall", "Streatham", "Kennington"],
    "E09000030": ["Whitechapel", "Bow", "Poplar", "Stepney", "Shadwell", "Isle of Dogs"],
    "E10000016": ["Margate", "Ramsgate", "Folkestone", "Dartford", "Gravesend", "Ashford"],
    "E10000020": ["Great Yarmouth", "King's Lynn", "Thetford", "Cromer", "Dereham"],
    "E07000148": ["Mile Cross", "Lakenham", "Bowthorpe", "Heartsease", "Catton Grove"],
    "W06000015": ["Butetown", "Grangetown", "Splott", "Ely", "Adamsdown", "Riverside"],
    "W06000011": ["Townhill", "Penlan", "Sandfields", "Morriston", "Bonymaen"],
    "S12000049": ["Govan", "Possilpark", "Castlemilk", "Easterhouse", "Drumchapel", "Govanhill"],
    "S12000036": ["Leith", "Craigmillar", "Pilton", "Wester Hailes", "Niddrie", "Gorgie"],
    "N09000003": ["Falls", "Shankill", "Ardoyne", "Short Strand", "Andersonstown", "Sandy Row"],
}
OTHER_NEIGHBOURHOODS = ["Town Centre", "North End", "Westside", "Eastfield", "Southgate"]
NAMES_BY_KIND = {
    Organisation.Kind.COMMUNITY_GROUP: [
        "{place} Community Association",
        "{place} Residents' Association",
        "{place} Good Neighbours",
        "{place} Community Hub",
        "{place} Community Pantry",
        "{place} Youth Project",
        "{place} Elders Forum",
        "{place} Men's Shed",
        "{place} Community Kitchen",
        "Friends of {place} Park",
        "{place} Women's Network",
    ],
    Organisation.Kind.MUTUAL_AID: [
        "{place} Mutual Aid",
        "{place} Covid-19 Mutual Aid",
        "{place} Street Support Network",
        "{place} Helping Hands",
    ],
    Organisation.Kind.CHARITY: [
        "{place} Food Bank",
        "{place} Citizens Advice",
        "{place} Carers Centre",
        "{place} Wellbeing Trust",
        "{place} Age Friendly Trust",
        "{place} Refugee Welcome",
    ],
    Organisation.Kind.SOCIAL_ENTERPRISE: [
        "{place} Community Café CIC",
        "{place} Repair Café CIC",
        "{place} Bike Kitchen CIC",
        "{place} Community Energy",
    ],
    Organisation.Kind.FAITH_GROUP: [
        "St Mary's Church {place}",
        "{place} Jamia Mosque",
        "{place} Gurdwara",
        "{place} Methodist Church",
        "{place} Baptist Church",
    ],
    Organisation.Kind.HOUSING_ASSOCIATION: ["{place} Homes", "{place} Housing Co-operative"],
    Organisation.Kind.NHS: ["{place} Primary Care Network"],
    Organisation.Kind.FUNDER: ["{place} Community Foundation"],
}
KIND_WEIGHTS = {
    Organisation.Kind.COMMUNITY_GROUP: 35,
    Organisation.Kind.MUTUAL_AID: 20,
    Organisation.Kind.CHARITY: 20,
    Organisation.Kind.SOCIAL_ENTERPRISE: 8,
    Organisation.Kind.FAITH_GROUP: 10,
    Organisation.Kind.HOUSING_ASSOCIATION: 3,
    Organisation.Kind.NHS: 2,
    Organisation.Kind.FUNDER: 2,
}
ACTIVITIES = [
    "delivers food parcels to households self-isolating",
    "runs a weekly community meal",
    "collects and delivers prescriptions",
    "makes friendly phone calls to older neighbours",
    "lends laptops and data to families without internet",
    "gives free, confidential money and debt advice",
    "runs English conversation classes",
    "organises volunteers street by street",
    "offers a drop-in for young people",
    "supports carers with respite and a listening ear",
    "helps people stay in their homes",
    "runs a community transport minibus",
]
SERVICES_BY_CATEGORY = {
    "food-banks-and-parcels": ["Emergency food parcels", "Food bank", "Food parcel delivery"],
    "hot-meals": ["Community meal", "Hot meals on wheels", "Lunch club"],
    "shopping-and-deliveries": ["Shopping for people self-isolating", "Grocery deliveries"],
    "household-essentials": ["Essentials bank", "Baby bank"],
    "phone-befriending": ["Telephone befriending", "Check-in calls"],
    "social-groups": ["Coffee morning", "Walking group", "Knit and natter"],
    "prescription-collection-and-delivery": ["Prescription delivery", "Medicines collection"],
    "help-to-see-a-doctor": ["Health champions", "GP appointment support"],
    "mental-health-support": ["Wellbeing listening line", "Peer support group"],
    "bereavement-support": ["Bereavement café"],
    "physical-activity": ["Chair-based exercise", "Park fitness"],
    "benefits-advice": ["Benefits advice clinic", "Universal Credit help"],
    "debt-advice": ["Debt advice", "Money mentors"],
    "emergency-grants": ["Hardship fund", "Fuel vouchers"],
    "devices-and-data": ["Device lending library", "Free SIM cards and data"],
    "digital-skills": ["Digital skills drop-in", "Get online sessions"],
    "emergency-accommodation": ["Night shelter", "Emergency housing support"],
    "tenancy-support": ["Tenancy sustainment", "Housing advice"],
    "activities-for-children-and-young-people": ["Holiday activities and food", "Youth club"],
    "family-support": ["Family support workers", "Parent and toddler group"],
    "employment-support": ["Job club", "CV and interview help"],
    "english-language-classes": ["ESOL classes", "English conversation club"],
    "community-transport": ["Community minibus", "Vaccination lifts"],
    "volunteer-coordination": ["Volunteer matching", "Street champions"],
}
PARTNERSHIP_NAMES = [
    "{area} Covid-19 Community Response",
    "{area} Food Alliance",
    "{area} Together",
    "{area} Community Hubs Network",
    "{area} Shielding Support Partnership",
    "{area} Befriending Network",
    "{area} Digital Inclusion Partnership",
    "{area} Money Advice Network",
    "{area} Cost of Living Partnership",
    "{neighbourhood} Neighbourhood Partnership",
]
VENUES = [
    "{place} Community Centre",
    "{place} Church Hall",
    "{place} Library",
    "{place} Community Hub",
    "{place} Neighbourhood Centre",
]
ACCESSIBILITY = [
    "Step-free entrance and accessible toilet",
    "Hearing loop at reception",
    "Ground floor only",
    "Ramp at the side entrance",
    "",
]
LANGUAGES = [
    "English",
    "Urdu",
    "Polish",
    "Arabic",
    "Bengali",
    "Punjabi",
    "Somali",
    "Romanian",
    "Welsh",
    "Cantonese",
    "Gujarati",
    "Portuguese",
]
FUNDERS = [
    "National Lottery Community Fund",
    "Council economic development fund",
    "Council public health grant",
    "Local community foundation",
    "Trust for London",
    "Comic Relief",
    "Garfield Weston Foundation",
]


@dataclass
class SeedSummary:
    areas: int = 0
    organisations: int = 0
    services: int = 0
    partnerships: int = 0
    outcomes: int = 0
    funding: int = 0


class DemoSeeder:
    def __init__(self, organisations: int, seed: int, progress=None):
        self.target = organisations
        self.random = random.Random(seed)
        self.progress = progress or (lambda total, desc: _NoProgress())
        self.used_slugs: dict[type, set[str]] = {
            Organisation: set(),
            Service: set(),
            Partnership: set(),
        }
        self.summary = SeedSummary()

    def run(self) -> SeedSummary:
        with transaction.atomic():
            if not Area.objects.exists():
                import_areas(DEMO_FILE)
            if not Postcode.objects.exists():
                import_postcodes(DEMO_POSTCODES)
            self.areas = list(Area.objects.councils().order_by("gss_code"))
            self.summary.areas = len(self.areas)
            self.councils = {
                o.governs_id: o for o in Organisation.objects.councils().exclude(governs=None)
            }
            self.used_slugs[Organisation].update(
                Organisation.objects.values_list("slug", flat=True)
            )
            self.leaf_categories = list(
                Category.objects.filter(parent__isnull=False).order_by("slug")
            )
            self.audiences = list(Audience.objects.order_by("slug"))
            self.covid = Crisis.objects.get(slug="covid-19")
            self.cost_of_living, _ = Crisis.objects.get_or_create(
                slug="cost-of-living",
                defaults={
                    "name": "Cost of living crisis",
                    "started": date(2022, 1, 1),
                    "description": "Rising food and energy prices from 2022.",
                },
            )
            self.orgs_by_area: dict[int, list[int]] = {a.pk: [] for a in self.areas}
            # Each organisation's first service, which may be delivered through a partnership.
            self.first_service: dict[int, int] = {}
            self._organisations()
            self._partnerships()
            Organisation.objects.mark_out_of_date()
        return self.summary

    # Helpers -------------------------------------------------------------

    def _slug(self, model, name):
        base = slugify(name)[:90] or "listing"
        slug, n = base, 2
        used = self.used_slugs[model]
        while slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        return slug

    def _phone(self) -> str:
        return f"0{self.random.randrange(1000, 9999)} {self.random.randrange(100000, 999999)}"

    def _day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.random.randrange(max((end - start).days, 1)))

    def _status(self):
        return self.random.choices(
            [
                ModerationStatus.PUBLISHED,
                ModerationStatus.PENDING,
                ModerationStatus.ARCHIVED,
                ModerationStatus.REJECTED,
            ],
            weights=[92, 5, 2, 1],
        )[0]

    # Organisations and their services -------------------------------------

    def _organisations(self):
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        remaining = max(self.target - len(self.councils), 0)
        bar = self.progress(remaining, "Organisations")
        while remaining > 0:
            size = min(BATCH, remaining)
            batch, batch_areas = [], []
            for _ in range(size):
                kind = self.random.choices(kinds, weights)[0]
                areas = self.random.sample(self.areas, k=self.random.choice([1, 1, 1, 2]))
                place = self.random.choice(
                    NEIGHBOURHOODS.get(areas[0].gss_code, OTHER_NEIGHBOURHOODS)
                )
                name = self.random.choice(NAMES_BY_KIND[kind]).format(place=place)
                activities = self.random.sample(ACTIVITIES, k=2)
                org = Organisation(
                    name=name,
                    slug=self._slug(Organisation, name),
                    kind=kind,
                    description=(
                        f"{name} {activities[0]} and {activities[1]} in {place}, "
                        f"{areas[0].name}. Set up by local volunteers, it works with "
                        f"neighbours, the council and other groups."
                    ),
                    charity_number=(
                        str(self.random.randrange(1_000_000, 1_199_999))
                        if kind == Organisation.Kind.CHARITY
                        else ""
                    ),
                    company_number=(
                        f"{self.random.randrange(10_000_000, 14_999_999):08d}"
                        if kind == Organisation.Kind.SOCIAL_ENTERPRISE
                        else ""
                    ),
                    website=f"https://{slugify(name)[:40]}.example.org",
                    email=f"hello@{slugify(name)[:40]}.example.org",
                    phone=self._phone(),
                    postcode="",
                    latitude=_jitter(self.random, areas[0].latitude),
                    longitude=_jitter(self.random, areas[0].longitude),
                    status=self._status(),
                    last_confirmed=self._day(date(2023, 6, 1), REFERENCE_DATE),
                )
                batch.append(org)
                batch_areas.append(areas)
            Organisation.objects.bulk_create(batch, batch_size=BATCH)
            through = Organisation.areas.through
            through.objects.bulk_create(
                [
                    through(organisation_id=o.pk, area_id=a.pk)
                    for o, areas in zip(batch, batch_areas, strict=True)
                    for a in areas
                ],
                batch_size=BATCH,
            )
            for org, areas in zip(batch, batch_areas, strict=True):
                if org.status == ModerationStatus.PUBLISHED:
                    self.orgs_by_area[areas[0].pk].append(org.pk)
            locations = [
                Location(
                    organisation_id=org.pk,
                    name=self.random.choice(VENUES).format(place=org.name.split(" ")[0]),
                    address=org.address,
                    latitude=org.latitude,
                    longitude=org.longitude,
                    accessibility=self.random.choice(ACCESSIBILITY),
                )
                for org in batch
            ]
            Location.objects.bulk_create(locations, batch_size=BATCH)
            self._services(batch, batch_areas, locations)
            self.summary.organisations += size
            remaining -= size
            bar.update(size)
        bar.close()
        self.summary.organisations += len(self.councils)

    def _services(self, organisations, organisation_areas, locations):
        services, links = [], []
        for org, areas, location in zip(organisations, organisation_areas, locations, strict=True):
            for _ in range(self.random.choice([1, 2, 3, 3, 4, 5])):
                category = self.random.choice(self.leaf_categories)
                label = self.random.choice(SERVICES_BY_CATEGORY.get(category.slug, [category.name]))
                name = f"{label} – {org.name}"
                started = self._day(date(2020, 3, 23), date(2023, 12, 31))
                ended = (
                    self._day(started + timedelta(days=90), REFERENCE_DATE)
                    if self.random.random() < 0.25
                    else None
                )
                service = Service(
                    name=name,
                    slug=self._slug(Service, name),
                    description=(
                        f"{label} run by {org.name} for people in {areas[0].name}. "
                        f"{self.random.choice(ACTIVITIES).capitalize()}."
                    ),
                    organisation_id=org.pk,
                    access=self.random.choice(Service.Access.values),
                    cost=self.random.choices(Service.Cost.values, [80, 15, 5])[0],
                    languages=", ".join(
                        [
                            "English",
                            *self.random.sample(LANGUAGES[1:], k=self.random.randrange(0, 3)),
                        ]
                    ),
                    phone=org.phone,
                    email=org.email,
                    crisis=(self.covid if started < date(2022, 1, 1) else self.cost_of_living)
                    if self.random.random() < 0.8
                    else None,
                    started=started,
                    ended=ended,
                    availability=(
                        Service.Availability.ENDED
                        if ended
                        else self.random.choices(
                            [Service.Availability.ACTIVE, Service.Availability.TEMPORARILY_CLOSED],
                            [95, 5],
                        )[0]
                    ),
                    status=self.random.choices(
                        [ModerationStatus.PUBLISHED, ModerationStatus.PENDING], [95, 5]
                    )[0],
                )
                audiences = self.random.sample(self.audiences, k=self.random.randrange(1, 3))
                slugs = {a.slug for a in audiences}
                if "children-and-young-people" in slugs:
                    service.minimum_age, service.maximum_age = 5, 18
                elif "older-people" in slugs:
                    service.minimum_age = 60
                services.append(service)
                extra = self.random.sample(self.leaf_categories, k=self.random.randrange(0, 2))
                in_person = service.access in (Service.Access.DROP_IN, Service.Access.SELF_REFERRAL)
                links.append(
                    (
                        {category.pk, *(c.pk for c in extra)},
                        areas,
                        audiences,
                        location if in_person else None,
                    )
                )
        Service.objects.bulk_create(services, batch_size=BATCH)
        for service in services:
            self.first_service.setdefault(service.organisation_id, service.pk)
        category_through = Service.categories.through
        area_through = Service.areas.through
        audience_through = Service.audiences.through
        location_through = Service.locations.through
        category_rows, area_rows, audience_rows, location_rows, outcomes = [], [], [], [], []
        for service, (category_ids, areas, audiences, location) in zip(
            services, links, strict=True
        ):
            if location is not None:
                location_rows.append(
                    location_through(service_id=service.pk, location_id=location.pk)
                )
            category_rows += [
                category_through(service_id=service.pk, category_id=c) for c in category_ids
            ]
            area_rows += [area_through(service_id=service.pk, area_id=a.pk) for a in areas]
            audience_rows += [
                audience_through(service_id=service.pk, audience_id=a.pk) for a in audiences
            ]
            if self.random.random() < 0.35:
                outcomes += self._outcomes(service)
        category_through.objects.bulk_create(category_rows, batch_size=BATCH)
        area_through.objects.bulk_create(area_rows, batch_size=BATCH)
        audience_through.objects.bulk_create(audience_rows, batch_size=BATCH)
        location_through.objects.bulk_create(location_rows, batch_size=BATCH)
        Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
        self.summary.services += len(services)
        self.summary.outcomes += len(outcomes)

    def _outcomes(self, service):
        rows = []
        start = date(service.started.year, ((service.started.month - 1) // 3) * 3 + 1, 1)
        for _ in range(self.random.randrange(1, 4)):
            end = (
                start.replace(month=start.month + 2, day=28)
                if start.month <= 10
                else date(start.year, 12, 31)
            )
            people = self.random.randrange(10, 600)
            volunteers = self.random.randrange(2, 60)
            rows.append(
                Outcome(
                    service_id=service.pk,
                    period_start=start,
                    period_end=end,
                    people_reached=people,
                    volunteers=volunteers,
                    volunteer_hours=volunteers * self.random.randrange(10, 80),
                    items_delivered=people * self.random.randrange(1, 12),
                )
            )
            start = end + timedelta(days=1)
            if start > REFERENCE_DATE:
                break
        return rows

    # Partnerships ----------------------------------------------------------

    def _partnerships(self):
        now = timezone.now()
        total = max(self.target // 10, len(self.areas))
        bar = self.progress(total, "Partnerships")
        created = 0
        while created < total:
            size = min(BATCH // 4, total - created)
            partnerships, plans = [], []
            for _ in range(size):
                area = self.areas[(created + len(partnerships)) % len(self.areas)]
                candidates = self.orgs_by_area[area.pk]
                name = self.random.choice(PARTNERSHIP_NAMES).format(
                    area=area.name,
                    neighbourhood=self.random.choice(
                        NEIGHBOURHOODS.get(area.gss_code, OTHER_NEIGHBOURHOODS)
                    ),
                )
                commissioning = self.random.choices(
                    Partnership.Commissioning.values, [20, 30, 30, 5, 15]
                )[0]
                started = self._day(date(2020, 3, 23), date(2024, 6, 30))
                partnership = Partnership(
                    name=name,
                    slug=self._slug(Partnership, name),
                    description=(
                        f"Councillors, officers and community organisations in "
                        f"{area.name} working together: "
                        f"{self.random.choice(ACTIVITIES)} and "
                        f"{self.random.choice(ACTIVITIES)}."
                    ),
                    commissioning=commissioning,
                    community_led=self.random.random() < 0.55,
                    crisis=self.covid if started < date(2022, 1, 1) else self.cost_of_living,
                    started=started,
                    ended=(
                        self._day(started + timedelta(days=180), REFERENCE_DATE)
                        if self.random.random() < 0.3
                        else None
                    ),
                    status=self._status(),
                )
                partners = self.random.sample(
                    candidates, k=min(len(candidates), self.random.randrange(2, 6))
                )
                partnerships.append(partnership)
                plans.append((area, partners))
            Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
            members, area_rows, funding, linked_orgs = [], [], [], {}
            for partnership, (area, partners) in zip(partnerships, plans, strict=True):
                council = self.councils.get(area.pk)
                if council:
                    members.append(
                        PartnershipMember(
                            confirmed_at=now,
                            partnership_id=partnership.pk,
                            organisation_id=council.pk,
                            role=PartnershipMember.Role.COUNCIL,
                        )
                    )
                for i, org_id in enumerate(partners):
                    role = (
                        PartnershipMember.Role.LEAD
                        if i == 0 and partnership.community_led
                        else PartnershipMember.Role.PARTNER
                    )
                    members.append(
                        PartnershipMember(
                            confirmed_at=now,
                            partnership_id=partnership.pk,
                            organisation_id=org_id,
                            role=role,
                        )
                    )
                    linked_orgs[org_id] = partnership.pk
                area_rows.append(
                    Partnership.areas.through(partnership_id=partnership.pk, area_id=area.pk)
                )
                for _ in range(self.random.randrange(0, 4)):
                    economic = self.random.random() < 0.4
                    funding.append(
                        Funding(
                            title=f"{'Economic development' if economic else 'Community'} grant "
                            f"to {partnership.name}",
                            kind=self.random.choice(
                                [Funding.Kind.GRANT, Funding.Kind.GRANT, Funding.Kind.CONTRACT]
                            ),
                            amount=Decimal(self.random.randrange(2_000, 250_000)),
                            funder_id=council.pk if council and economic else None,
                            funder_name="" if council and economic else self.random.choice(FUNDERS),
                            partnership_id=partnership.pk,
                            awarded_on=self._day(partnership.started, REFERENCE_DATE),
                            economic_development=economic,
                        )
                    )
            PartnershipMember.objects.bulk_create(members, batch_size=BATCH)
            Partnership.areas.through.objects.bulk_create(area_rows, batch_size=BATCH)
            Funding.objects.bulk_create(funding, batch_size=BATCH)
            # A partner's first service is delivered through the partnership.
            Service.objects.bulk_update(
                [
                    Service(pk=self.first_service.pop(org_id), partnership_id=partnership_id)
                    for org_id, partnership_id in linked_orgs.items()
                    if org_id in self.first_service
                ],
                ["partnership"],
                batch_size=BATCH,
            )
            self.summary.partnerships += size
            self.summary.funding += len(funding)
            created += size
            bar.update(size)
        bar.close()


def _jitter(rng, value):
    if value is None:
        return None
    return (Decimal(value) + Decimal(rng.uniform(-0.03, 0.03))).quantize(Decimal("0.000001"))


class _NoProgress:
    def update(self, n):
        pass

    def close(self):
        pass
