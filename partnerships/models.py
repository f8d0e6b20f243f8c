import uuid

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import (
    Area,
    Location,
    ModerationStatus,
    Organisation,
    OrganisationQuerySet,
    map_point,
)
from organisations.search import SearchDocument, SearchQuerySet


class Crisis(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    started = models.DateField(_("started"), null=True, blank=True)
    ended = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-started", "name"]
        verbose_name = "crisis"
        verbose_name_plural = "crises"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the reader's language, for the names the directory ships with."""
        return gettext(self.name)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    uuid = models.UUIDField(
        _("public id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The stable id other systems (the Open Referral UK API) know this record by."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Leave empty for a top-level category."),
    )
    description = models.TextField(_("description"), blank=True)
    oruk_term = models.CharField(
        _("Open Referral UK term"),
        max_length=120,
        blank=True,
        help_text=_("The matching term in the Open Referral UK service taxonomy, if any."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.display_name}: {self.display_name}"
        return self.display_name

    @property
    def display_name(self):
        """The name in the reader's language, for the names the directory ships with."""
        return gettext(self.name)

    def with_descendant_ids(self):
        """This category's id and its children's, as a literal list for the planner."""
        return [self.pk, *Category.objects.filter(parent=self).values_list("pk", flat=True)]


class Audience(models.Model):
    """Who a service is for, e.g. older people or families with children."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "audience"
        verbose_name_plural = "audiences"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the reader's language, for the names the directory ships with."""
        return gettext(self.name)


class PartnershipQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(status=ModerationStatus.PUBLISHED)

    def in_area(self, area):
        through = Partnership.areas.through.objects.filter(area__in=area.with_descendant_ids())
        return self.filter(pk__in=through.values("partnership_id"))

    def active(self):
        today = timezone.localdate()
        return self.filter(Q(ended__isnull=True) | Q(ended__gte=today))

    def ended(self):
        return self.filter(ended__lt=timezone.localdate())

    def in_category(self, category):
        """Partnerships delivering a published service in ``category`` or below it."""
        services = Service.objects.published().in_category(category)
        return self.filter(pk__in=services.values("partnership_id"))

    def near(self, place, km):
        """Partnerships with a member within ``km`` of ``place``, or working in its area."""
        members = Organisation.objects.published().near(place, km)
        through = PartnershipMember.objects.confirmed().filter(
            organisation__in=members.values("pk")
        )
        nearby = Q(pk__in=through.values("partnership_id"))
        area = Area.objects.filter(gss_code=place.local_authority).first()
        if area is not None:
            nearby |= Q(pk__in=self.in_area(area).values("pk"))
        return self.filter(nearby)

    def with_member(self, organisation):
        """Partnerships that ``organisation`` has confirmed it takes part in."""
        members = PartnershipMember.objects.confirmed().filter(organisation=organisation)
        return self.filter(pk__in=members.values("partnership_id"))

    def for_list(self):
        return (
            self.defer("search_vector")
            .select_related("crisis")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=PartnershipMember.objects.confirmed()
                    .filter(organisation__status=ModerationStatus.PUBLISHED)
                    .select_related("organisation")
                    .only(
                        "partnership_id",
                        "role",
                        "organisation__name",
                        "organisation__slug",
                        "organisation__kind",
                    ),
                )
            )
        )

    def for_detail(self):
        return (
            self.defer("search_vector")
            .select_related("crisis")
            .prefetch_related(
                "areas",
                Prefetch(
                    "members",
                    queryset=PartnershipMember.objects.confirmed()
                    .filter(organisation__status=ModerationStatus.PUBLISHED)
                    .select_related("organisation"),
                ),
                Prefetch(
                    "services",
                    queryset=Service.objects.published().for_list(),
                    to_attr="public_services",
                ),
                Prefetch(
                    "funding",
                    queryset=Funding.objects.select_related("funder"),
                ),
            )
        )


class Partnership(models.Model):
    class Commissioning(models.TextChoices):
        COMPETITIVE_TENDER = "competitive_tender", _("Competitive tender")
        GRANT = "grant", _("Grant")
        COLLABORATIVE = "collaborative", _("Collaborative (no tender)")
        ASSET_TRANSFER = "asset_transfer", _("Community asset transfer")
        INFORMAL = "informal", _("Informal arrangement")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("what the partnership does"), blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        through="PartnershipMember",
        related_name="partnerships",
        verbose_name="members",
    )
    areas = models.ManyToManyField(
        Area, verbose_name="areas", related_name="partnerships", blank=True
    )
    commissioning = models.CharField(
        _("how it was commissioned"),
        max_length=30,
        choices=Commissioning.choices,
        default=Commissioning.COLLABORATIVE,
    )
    community_led = models.BooleanField(
        _("community-led"),
        default=False,
        help_text=_("Led by community organisations rather than by the council or another body."),
    )
    crisis = models.ForeignKey(
        Crisis,
        verbose_name="crisis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        help_text=_("The crisis the partnership was formed to answer, if any."),
    )
    started = models.DateField(_("started"), null=True, blank=True)
    ended = models.DateField(
        _("ended"), null=True, blank=True, help_text=_("Leave empty if ongoing.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        help_text=_("Only published partnerships are shown to the public."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchDocument(name="A", description="B"),
        output_field=SearchVectorField(),
        db_persist=True,
        null=True,
    )

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["name"]
        verbose_name = "partnership"
        verbose_name_plural = "partnerships"
        indexes = [
            models.Index(
                fields=["name", "id"], condition=Q(status="published"), name="partnership_pub_name"
            ),
            models.Index(fields=["-updated"], name="partnership_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=True)
                | Q(started__isnull=True)
                | Q(ended__gte=F("started")),
                name="partnership_ends_after_start",
                violation_error_message="A partnership cannot end before it starts.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def is_active(self):
        return self.ended is None or self.ended >= timezone.localdate()

    def outcome_totals(self):
        """Sums of each outcome figure over the partnership's public services."""
        return Outcome.objects.filter(
            service__in=Service.objects.published().filter(partnership=self)
        ).aggregate(
            people_reached=Sum("people_reached"),
            volunteers=Sum("volunteers"),
            volunteer_hours=Sum("volunteer_hours"),
            items_delivered=Sum("items_delivered"),
        )

    def funding_total(self):
        return sum((award.amount for award in self.funding.all()), start=0)


class PartnershipMemberQuerySet(models.QuerySet):
    def confirmed(self):
        """Members whose organisation has confirmed it takes part: the only ones shown."""
        return self.filter(confirmed_at__isnull=False)

    def awaiting(self, organisation):
        return self.filter(organisation=organisation, confirmed_at__isnull=True)

    def awaiting_user(self, user):
        """Unconfirmed places in partnerships for organisations ``user`` is a member of."""
        return self.filter(confirmed_at__isnull=True, organisation__memberships__user=user)


class PartnershipMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        COUNCIL = "council", _("Council")
        FUNDER = "funder", _("Funder")

    partnership = models.ForeignKey(
        Partnership, verbose_name="partnership", on_delete=models.CASCADE, related_name="members"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="partnership_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    confirmed_at = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the organisation's members confirmed it takes part. Unconfirmed "
            "members are not shown to the public."
        ),
    )
    proposed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PartnershipMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "organisation__name"]
        verbose_name = "partnership member"
        verbose_name_plural = "partnership members"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="one_role_per_partner",
                violation_error_message="This organisation is already a member of the partnership.",
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()}) in {self.partnership}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirm(self):
        """The organisation says it takes part: from now on it is shown as a member."""
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_at"])


class ServiceQuerySet(SearchQuerySet):
    def published(self):
        """Services curators published, run by organisations that are published too."""
        return self.filter(
            status=ModerationStatus.PUBLISHED, organisation__status=ModerationStatus.PUBLISHED
        )

    def in_area(self, area):
        through = Service.areas.through.objects.filter(area__in=area.with_descendant_ids())
        return self.filter(pk__in=through.values("service_id"))

    def in_category(self, category):
        """Services in ``category`` or any category below it."""
        through = Service.categories.through.objects.filter(
            category__in=category.with_descendant_ids()
        )
        return self.filter(pk__in=through.values("service_id"))

    def for_audience(self, audience):
        through = Service.audiences.through.objects.filter(audience=audience)
        return self.filter(pk__in=through.values("service_id"))

    def near(self, place, km):
        """Services run from within ``km`` of ``place``, or covering its council area."""
        return OrganisationQuerySet.near(
            self,
            place,
            km,
            latitude="organisation__latitude",
            longitude="organisation__longitude",
            areas=lambda area: Service.areas.through.objects.filter(
                area__in=area.with_descendant_ids()
            ).values("service_id"),
        )

    def for_list(self):
        return (
            self.defer("search_vector", "organisation__search_vector")
            .select_related("organisation")
            .prefetch_related(Prefetch("categories", queryset=Category.objects.all()))
        )

    def for_detail(self):
        return (
            self.defer("search_vector", "organisation__search_vector")
            .select_related("organisation", "partnership", "crisis")
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.select_related("parent")),
                "audiences",
                "areas",
                "outcomes",
                "locations",
            )
        )


class Service(models.Model):
    class Availability(models.TextChoices):
        ACTIVE = "active", _("Running")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        ENDED = "ended", _("Ended")

    class Access(models.TextChoices):
        SELF_REFERRAL = "self_referral", _("Self-referral")
        REFERRAL = "referral", _("Referral needed")
        DROP_IN = "drop_in", _("Drop in")
        PHONE = "phone", _("By phone")
        ONLINE = "online", _("Online")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        LOW_COST = "low_cost", _("Low cost")
        PAID = "paid", _("Paid")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    uuid = models.UUIDField(
        _("public id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The stable id other systems (the Open Referral UK API) know this record by."),
    )
    description = models.TextField(_("what the service offers"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="provider",
        on_delete=models.CASCADE,
        related_name="services",
        help_text=_("The organisation that runs the service."),
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name="partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        help_text=_("The partnership the service is delivered through, if any."),
    )
    categories = models.ManyToManyField(
        Category, verbose_name="categories", related_name="services", blank=True
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("who it is for"), related_name="services", blank=True
    )
    access = models.CharField(
        _("how to get it"), max_length=20, choices=Access.choices, default=Access.SELF_REFERRAL
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    cost_details = models.CharField(_("cost details"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Languages the service is offered in, separated by commas."),
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas covered"), related_name="services", blank=True
    )
    locations = models.ManyToManyField(
        Location,
        verbose_name=_("where it is delivered"),
        related_name="services",
        blank=True,
        help_text=_("Leave empty for services delivered by phone, online or at people's homes."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        help_text=_("Leave empty if there is no lower limit."),
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        help_text=_("Leave empty if there is no upper limit."),
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    crisis = models.ForeignKey(
        Crisis,
        verbose_name="crisis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        help_text=_("The crisis the service answered, if any."),
    )
    started = models.DateField(_("started"), null=True, blank=True)
    ended = models.DateField(_("ended"), null=True, blank=True)
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.ACTIVE
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        help_text=_("Only published services of published organisations are shown to the public."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchDocument(name="A", description="B"),
        output_field=SearchVectorField(),
        db_persist=True,
        null=True,
    )

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[categories, areas])

    class Meta:
        ordering = ["name"]
        verbose_name = "service"
        verbose_name_plural = "services"
        indexes = [
            models.Index(
                fields=["name", "id"], condition=Q(status="published"), name="service_pub_name"
            ),
            models.Index(fields=["-updated"], name="service_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=True)
                | Q(started__isnull=True)
                | Q(ended__gte=F("started")),
                name="service_ends_after_start",
                violation_error_message="A service cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=F("minimum_age")),
                name="service_ages_in_order",
                violation_error_message="The maximum age cannot be below the minimum age.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:service_detail", args=[self.slug])

    def map_point(self):
        """For lists: the provider's place (a list does not load each service's locations)."""
        org = self.organisation
        return map_point(self.name, self.get_absolute_url(), org.latitude, org.longitude)

    def map_points(self):
        """Where the service is delivered, or where its provider is when no place is given."""
        url = self.get_absolute_url()
        points = [location.map_point(url) for location in self.locations.all()]
        points = [p for p in points if p]
        if points:
            return points
        point = map_point(self.name, url, self.organisation.latitude, self.organisation.longitude)
        return [point] if point else []

    def end(self, today=None):
        """Mark the service as no longer running, from today."""
        today = today or timezone.localdate()
        self.availability, self.ended = self.Availability.ENDED, today
        if self.started and self.started > today:
            # It never started: it cannot end before it starts.
            self.started = today
        self.save(update_fields=["availability", "ended", "started", "updated"])

    def outcome_totals(self):
        """Sums of each outcome figure over every recorded period."""
        return self.outcomes.aggregate(
            people_reached=Sum("people_reached"),
            volunteers=Sum("volunteers"),
            volunteer_hours=Sum("volunteer_hours"),
            items_delivered=Sum("items_delivered"),
        )


# Recipients whose grants count as going to the community: the 25% ask is about money
# reaching community-led work, not councils, the NHS or housing associations.
COMMUNITY_KINDS = (
    Organisation.Kind.COMMUNITY_GROUP,
    Organisation.Kind.MUTUAL_AID,
    Organisation.Kind.CHARITY,
    Organisation.Kind.SOCIAL_ENTERPRISE,
    Organisation.Kind.FAITH_GROUP,
)

# Awards to community-led partnerships, or straight to community organisations.
COMMUNITY_LED_FUNDING = Q(partnership__community_led=True) | Q(
    partnership__isnull=True, recipient__kind__in=COMMUNITY_KINDS
)


class FundingQuerySet(models.QuerySet):
    def public(self):
        """Awards to a published partnership, or straight to a published organisation."""
        return self.filter(
            Q(partnership__status=ModerationStatus.PUBLISHED)
            | Q(partnership__isnull=True, recipient__status=ModerationStatus.PUBLISHED)
        )

    def economic_development(self):
        return self.filter(economic_development=True)

    def in_area(self, area, partnerships=None):
        """Awards benefiting ``area`` (or the areas below it).

        An award counts where its beneficiary areas say; without any, where its
        partnership works, or else where its recipient organisation works.
        """
        ids = area.with_descendant_ids()
        beneficiaries = Funding.areas.through.objects.filter(area__in=ids).values("funding_id")
        if partnerships is None:
            partnerships = Partnership.objects.in_area(area)
        served = Organisation.areas.through.objects.filter(area__in=ids).values("organisation_id")
        return self.filter(
            Q(pk__in=beneficiaries)
            | Q(has_areas=False)
            & (
                Q(partnership__in=partnerships.values("pk"))
                | Q(partnership__isnull=True, recipient__in=served)
            )
        )

    def received_by(self, organisation):
        """What ``organisation`` received, itself or through partnerships it confirmed."""
        partnerships = PartnershipMember.objects.confirmed().filter(organisation=organisation)
        return self.filter(
            Q(recipient=organisation) | Q(partnership__in=partnerships.values("partnership_id"))
        )


class Funding(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        CONTRACT = "contract", _("Contract")
        IN_KIND = "in_kind", _("In kind")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=250)
    identifier = models.CharField(
        _("identifier"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The grant or contract id in the funder's records (e.g. a 360Giving id)."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.GRANT)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, help_text=_("In pounds and pence.")
    )
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    funder = models.ForeignKey(
        Organisation,
        verbose_name="funder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_given",
    )
    funder_name = models.CharField(
        _("funder name"),
        max_length=200,
        blank=True,
        help_text=_("If the funder is not in the directory."),
    )
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("recipient organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_received",
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("recipient partnership"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding",
    )
    awarded_on = models.DateField(_("awarded on"))
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("beneficiary areas"),
        related_name="funding",
        blank=True,
        help_text=_(
            "Where the money is meant to benefit people (360Giving beneficiary location). "
            "Leave empty to count it where the recipient works."
        ),
    )
    has_areas = models.BooleanField(
        _("has beneficiary areas"),
        default=False,
        editable=False,
        help_text=_("Kept in step with the beneficiary areas, so area figures need no extra join."),
    )
    economic_development = models.BooleanField(
        _("economic development money"),
        default=False,
        help_text=_("From the council's economic development budget (counts toward the 25% ask)."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = FundingQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = "funding award"
        verbose_name_plural = "funding awards"
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | Q(partnership__isnull=False),
                name="funding_has_recipient",
                violation_error_message="Choose the organisation or partnership that received it.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def funder_display(self):
        return self.funder.name if self.funder_id else self.funder_name

    @property
    def recipient_display(self):
        return self.partnership.name if self.partnership_id else self.recipient.name

    @property
    def is_imported(self):
        """From a funder's published data: the next import would overwrite local edits."""
        return bool(self.identifier)

    def set_areas(self, areas):
        self.areas.set(areas)
        self.refresh_from_db(fields=["has_areas"])

    def beneficiary_areas_changed(self):
        """Keep ``has_areas`` in step, however the areas were changed (forms, admin)."""
        has_areas = self.areas.exists()
        if has_areas != self.has_areas:
            self.has_areas = has_areas
            Funding.objects.filter(pk=self.pk).update(has_areas=has_areas)


class Outcome(models.Model):
    service = models.ForeignKey(
        Service, verbose_name="service", on_delete=models.CASCADE, related_name="outcomes"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    items_delivered = models.PositiveIntegerField(
        _("items delivered"),
        null=True,
        blank=True,
        help_text=_("Food parcels, prescriptions, devices or other items handed over."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["period_start"]
        verbose_name = "outcome"
        verbose_name_plural = "outcomes"
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="outcome_period_in_order",
                violation_error_message="The period must end on or after the day it starts.",
            )
        ]

    def __str__(self):
        return f"{self.service}: {self.period_start:%b %Y} to {self.period_end:%b %Y}"
