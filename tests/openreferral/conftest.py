import datetime
from decimal import Decimal

import pytest

from config.env import env_bool
from organisations.models import Location, ModerationStatus
from partnerships.models import Service
from tests.factories import (
    AreaFactory,
    FundingFactory,
    OrganisationFactory,
    PartnershipFactory,
    ServiceFactory,
    category,
)

from . import profile


@pytest.fixture(scope="session")
def oruk():
    """The Open Referral UK profile; skips (or, with REQUIRE_ORUK set, fails) without it."""
    root = profile.location()
    if not (root / "schema" / "openapi.json").is_file():
        message = (
            f"The Open Referral UK profile is not at {root}: put it at ../shared/oruk "
            "beside the project or point ORUK_PROFILE_DIR at it"
        )
        if env_bool("REQUIRE_ORUK", False):
            pytest.fail(f"REQUIRE_ORUK is set but the profile is missing. {message}")
        pytest.skip(message)
    return profile.load(root)


@pytest.fixture
def full_service(db):
    """A published service with every part the API nests filled in."""
    organisation = OrganisationFactory(
        name="Ancoats Pantry",
        description="A pay-as-you-feel pantry run by neighbours.",
        charity_number="1234567",
        company_number="07654321",
        email="hello@ancoats-pantry.example.org",
        website="https://ancoats-pantry.example.org/",
        phone="0161 496 0000",
    )
    partnership = PartnershipFactory(name="Manchester Food Response")
    FundingFactory(
        partnership=partnership,
        title="Emergency food grant",
        funder=OrganisationFactory(name="Manchester City Council"),
    )
    FundingFactory(partnership=partnership, title="Winter grant", funder_name="A Trust")
    hall = Location.objects.create(
        organisation=organisation,
        name="Ancoats Community Hall",
        address="12 Blossom Street\nAncoats\nManchester\nM4 6AJ",
        postcode="M4 6AJ",
        latitude=Decimal("53.484300"),
        longitude=Decimal("-2.226100"),
        accessibility="Step-free entrance, accessible toilet, hearing loop",
    )
    church = Location.objects.create(organisation=organisation, name="St Peter's Church")
    service = ServiceFactory(
        name="Weekly Food Parcels",
        description="Food parcels for anyone who needs one.",
        organisation=organisation,
        partnership=partnership,
        categories=[category("food-banks-and-parcels"), category("hot-meals")],
        areas=[AreaFactory(name="Manchester", gss_code="E08000003")],
        access=Service.Access.DROP_IN,
        cost=Service.Cost.LOW_COST,
        cost_details="£3 a bag",
        languages="English, Urdu, Polish",
        minimum_age=16,
        maximum_age=99,
        email="parcels@ancoats-pantry.example.org",
        phone="0161 496 0001",
        website="https://ancoats-pantry.example.org/parcels",
        started=datetime.date(2020, 4, 1),
        ended=datetime.date(2030, 3, 31),
    )
    service.locations.set([hall, church])
    return service


@pytest.fixture
def bare_service(db):
    """A published service with nothing but what the directory requires."""
    return ServiceFactory(
        name="Phone Befriending",
        description="",
        organisation=OrganisationFactory(name="Hulme Friends", description=""),
        access=Service.Access.REFERRAL,
        started=None,
    )


@pytest.fixture
def hidden_services(db):
    """Services the public must not see: unpublished, or run by an unpublished organisation."""
    hidden = []
    for status in [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED]:
        hidden.append(ServiceFactory(name=f"{status.label} Service", status=status))
        hidden.append(
            ServiceFactory(
                name=f"Service of {status.label} Organisation",
                organisation=OrganisationFactory(status=status),
            )
        )
    return hidden
