import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from organisations.models import (
    Area,
    Contact,
    Membership,
    ModerationStatus,
    Nation,
    Organisation,
)
from partnerships.models import (
    Audience,
    Category,
    Crisis,
    Funding,
    Outcome,
    Partnership,
    PartnershipMember,
    Service,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.django.Password("correct horse battery staple")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["gss_code"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    kind = Area.Kind.METROPOLITAN_DISTRICT
    nation = Nation.ENGLAND
    region = "North West"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Neighbourhood Group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.COMMUNITY_GROUP
    description = "Volunteers helping neighbours with shopping, prescriptions and a friendly call."
    status = ModerationStatus.PUBLISHED
    last_confirmed = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class CouncilFactory(OrganisationFactory):
    kind = Organisation.Kind.COUNCIL
    name = factory.LazyAttribute(lambda o: f"{o.governs.name} Council")
    governs = factory.SubFactory(AreaFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OWNER


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact Person{n}")
    role = "Volunteer coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "0161 496 0101"
    visibility = Contact.Visibility.PUBLIC


def officer(email=None, council=None, **kwargs):
    """An active person a curator has confirmed as an officer of ``council``."""
    user = UserFactory(**({"email": email} if email else {}), **kwargs)
    membership = MembershipFactory(
        user=user,
        organisation=council or CouncilFactory(),
        officer_confirmed_at=timezone.now(),
    )
    return membership.user


def category(slug="food-and-essentials"):
    """A category from the reference taxonomy the data migration loads.

    Transactional tests (the browser suite) flush the database between tests,
    so the row is made again when the migration's copy has gone.
    """
    found = Category.objects.filter(slug=slug).first()
    if found:
        return found
    name = slug.replace("-", " ").capitalize()
    if slug == "food-banks-and-parcels":
        return Category.objects.create(slug=slug, name=name, parent=category())
    return Category.objects.create(slug=slug, name=name)


def audience(slug="older-people"):
    return Audience.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
    )[0]


def covid():
    return Crisis.objects.get_or_create(slug="covid-19", defaults={"name": "Covid-19 pandemic"})[0]


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Covid Response Partnership {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Council and community groups working together on food and befriending."
    commissioning = Partnership.Commissioning.COLLABORATIVE
    community_led = True
    started = datetime.date(2020, 3, 23)
    status = ModerationStatus.PUBLISHED

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnershipMember.Role.PARTNER
    confirmed_at = factory.LazyFunction(timezone.now)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Food Parcel Delivery {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Weekly food parcels delivered to people self-isolating."
    organisation = factory.SubFactory(OrganisationFactory)
    status = ModerationStatus.PUBLISHED
    started = datetime.date(2020, 4, 1)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    service = factory.SubFactory(ServiceFactory)
    period_start = datetime.date(2020, 4, 1)
    period_end = datetime.date(2020, 6, 30)
    people_reached = 120
    volunteers = 15
    volunteer_hours = 900
    items_delivered = 1500


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    title = factory.Sequence(lambda n: f"Emergency grant {n}")
    amount = "25000.00"
    funder_name = "National Lottery Community Fund"
    partnership = factory.SubFactory(PartnershipFactory)
    awarded_on = datetime.date(2020, 5, 1)
