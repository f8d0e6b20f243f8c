"""Shared pieces for the translation tests: the languages, a directory to show, and its text."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import (
    AreaFactory,
    FundingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    UserFactory,
    category,
    covid,
)

LOCALE = Path(settings.BASE_DIR) / "locale"
# Every language but English, as Django names them (zh-hans) and as gettext does (zh_Hans).
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


def locale_dir(code):
    return translation.to_locale(code)


def catalogue(code):
    return LOCALE / locale_dir(code) / "LC_MESSAGES" / "django.po"


@pytest.fixture
def directory(db):
    """One of each thing the main pages show, named so it is obviously data."""
    area = AreaFactory(name="Zedshire", gss_code="E08000901", region="North West")
    organisation = OrganisationFactory(
        name="Qwerty Pantry Collective",
        description="Qwerty volunteers share food.",
        areas=[area],
        postcode="M4 5JD",
    )
    partnership = PartnershipFactory(
        name="Qwerty Zedshire Alliance",
        description="Qwerty alliance text.",
        areas=[area],
        crisis=covid(),
    )
    PartnershipMemberFactory(partnership=partnership, organisation=organisation)
    service = ServiceFactory(
        name="Qwerty Parcel Round",
        description="Qwerty parcels weekly.",
        organisation=organisation,
        partnership=partnership,
        areas=[area],
        categories=[category("food-banks-and-parcels")],
        languages="English, Polish",
    )
    OutcomeFactory(service=service)
    FundingFactory(partnership=partnership, title="Qwerty grant", economic_development=True)
    user = UserFactory(email="qwerty.member@example.org")
    MembershipFactory(user=user, organisation=organisation)
    return {
        "area": area,
        "organisation": organisation,
        "partnership": partnership,
        "service": service,
        "user": user,
    }


def main_pages(directory):
    """(name, path without language prefix, signed in?) for the pages every language must have."""
    org, partnership, service = (
        directory["organisation"],
        directory["partnership"],
        directory["service"],
    )
    area = directory["area"].gss_code
    return [
        ("home", "/", False),
        ("organisations", f"/organisations/?q=qwerty&area={area}&sort=name", False),
        ("organisations near", "/organisations/?postcode=ZZ9+9ZZ", False),
        ("partnerships", f"/partnerships/?area={area}", False),
        ("services", f"/services/?area={area}", False),
        ("organisation", f"/organisations/{org.slug}/", False),
        ("partnership", f"/partnerships/{partnership.slug}/", False),
        ("service", f"/services/{service.slug}/", False),
        ("insights", f"/insights/?area={area}", False),
        ("sign in", "/accounts/login/", False),
        ("sign up", "/accounts/signup/", False),
        ("manage dashboard", "/manage/", True),
        ("not found", "/organisations/no-such-group/", False),
    ]


def prefixed(path, code):
    return path if code == "en" else f"/{code}{path}"
