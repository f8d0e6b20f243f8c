import re
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField, TrigramSimilarity
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from postcodes.geo import bounding_box, distance_km_expression

from .notifications import Subject, notify
from .search import SearchDocument, SearchQuerySet

# A listing not confirmed for this long is shown as possibly out of date...
STALE_AFTER = timedelta(days=548)
# ...and its owners are asked to confirm it after this long.
REVIEW_AFTER = timedelta(days=365)
INVITATION_LIFETIME = timedelta(days=14)
STILL_CORRECT_SALT = "organisations.still-correct"


def unique_slug(model, text: str, max_length: int = 80) -> str:
    """A slug for ``text`` not yet used by any row of ``model``."""
    base = slugify(text)[:max_length].strip("-") or "listing"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


# Words that do not tell one group from another when looking for duplicates.
NAME_NOISE_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "of",
        "group",
        "groups",
        "cic",
        "cio",
        "ltd",
        "limited",
        "charity",
        "trust",
        "association",
    }
)
# Trigram similarity (0 to 1) at or above which two names are "very similar".
DUPLICATE_NAME_SIMILARITY = 0.5


def name_key(name: str) -> str:
    """``"The Ancoats Pantry Group CIC"`` -> ``"ancoats pantry"``: a name as duplicates compare."""
    text = re.sub(r"[.'’]", "", (name or "").lower().replace("&", " and "))  # C.I.C., St Mary's
    words = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(word for word in words if word not in NAME_NOISE_WORDS)


def map_point(name, url, latitude, longitude):
    if latitude is None or longitude is None:
        return None
    return {"name": name, "url": url, "lat": float(latitude), "lng": float(longitude)}


class ModerationStatus(models.TextChoices):
    """Whether curators have let a record be seen by the public."""

    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class Nation(models.TextChoices):
    ENGLAND = "E", _("England")
    SCOTLAND = "S", _("Scotland")
    WALES = "W", _("Wales")
    NORTHERN_IRELAND = "N", _("Northern Ireland")


class AreaQuerySet(models.QuerySet):
    def councils(self):
        """Areas governed by a local authority (not wards or neighbourhoods)."""
        return self.exclude(kind=Area.Kind.WARD)

    def with_descendants(self):
        """These areas and the areas directly below them."""
        return Area.objects.filter(Q(pk__in=self.values("pk")) | Q(parent__in=self.values("pk")))

    def curated_by(self, user):
        """The areas (and those below them) that ``user`` curates; none for a national curator."""
        return self.filter(curators__user=user).with_descendants()


class Area(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", _("County council")
        DISTRICT = "district", _("District council")
        UNITARY = "unitary", _("Unitary authority")
        METROPOLITAN_DISTRICT = "metropolitan_district", _("Metropolitan district")
        LONDON_BOROUGH = "london_borough", _("London borough")
        SCOTTISH_UNITARY = "scottish_unitary", _("Scottish council")
        WELSH_UNITARY = "welsh_unitary", _("Welsh principal area")
        NI_DISTRICT = "ni_district", _("Northern Ireland district")
        COMBINED_AUTHORITY = "combined_authority", _("Combined authority")
        WARD = "ward", _("Ward or neighbourhood")
        OTHER = "other", _("Other area")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The name people use, e.g. “Manchester”.")
    )
    official_name = models.CharField(
        _("official name"),
        max_length=250,
        blank=True,
        help_text=_("The authority's full legal name, e.g. “Manchester City Council”."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    gss_code = models.CharField(
        _("GSS code"),
        max_length=9,
        unique=True,
        help_text=_("The ONS Government Statistical Service code, e.g. E08000003."),
    )
    local_authority_code = models.CharField(
        _("local authority code"),
        max_length=4,
        blank=True,
        help_text=_("The three- or four-letter register code (mySociety), e.g. MAN."),
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    nation = models.CharField(_("nation"), max_length=1, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The larger area this one lies in, if any."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "area"
        verbose_name_plural = "areas"

    def __str__(self):
        return self.name

    def with_descendant_ids(self):
        """This area's id and those of the areas directly below it.

        Filters use the ids as a literal list: PostgreSQL then estimates the
        rows well and reaches them through the join table's index. Kept on the
        instance: a page that filters several things by one area asks once.
        """
        if getattr(self, "_descendant_ids", None) is None:
            children = Area.objects.filter(parent=self).values_list("pk", flat=True)
            self._descendant_ids = [self.pk, *children]
        return self._descendant_ids


class OrganisationQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(status=ModerationStatus.PUBLISHED)

    def due_for_review(self, today=None):
        """Claimed listings unconfirmed for a year whose owners have not been asked since."""
        cutoff = (today or timezone.localdate()) - REVIEW_AFTER
        return self.filter(
            Q(last_confirmed__lt=cutoff) | Q(last_confirmed__isnull=True, created__date__lt=cutoff),
            Q(review_reminder_sent__isnull=True) | Q(review_reminder_sent__lt=cutoff),
            memberships__role="owner",
        ).distinct()

    def mark_out_of_date(self, today=None):
        """Flag listings unconfirmed for 18 months and unflag the rest: (flagged, cleared)."""
        cutoff = (today or timezone.localdate()) - STALE_AFTER
        stale = Q(last_confirmed__lt=cutoff) | Q(
            last_confirmed__isnull=True, created__date__lt=cutoff
        )
        flagged = self.filter(stale, out_of_date=False).update(out_of_date=True)
        cleared = self.exclude(stale).filter(out_of_date=True).update(out_of_date=False)
        return flagged, cleared

    def councils(self):
        return self.filter(kind=Organisation.Kind.COUNCIL)

    def in_area(self, area):
        """Organisations serving ``area`` or any area directly below it."""
        through = Organisation.areas.through.objects.filter(area__in=area.with_descendant_ids())
        return self.filter(pk__in=through.values("organisation_id"))

    def near(self, place, km, latitude="latitude", longitude="longitude", areas=None):
        """Rows within ``km`` of ``place`` or serving its council area, with ``distance_km``.

        The two halves are found separately and joined with UNION, so the
        index on the coordinates serves the bounding box (the haversine
        distance is computed only inside it) and the join table's index
        serves the area; OR-ing them would make PostgreSQL scan every row.
        """
        min_lat, max_lat, min_lon, max_lon = bounding_box(place.point, km)
        distance = distance_km_expression(place.point, latitude, longitude)
        within = (
            self.model._default_manager.filter(
                **{
                    f"{latitude}__range": (min_lat, max_lat),
                    f"{longitude}__range": (min_lon, max_lon),
                }
            )
            .annotate(distance_km=distance)
            .filter(distance_km__lte=km)
            .values("pk")
            .order_by()
        )
        area = Area.objects.filter(gss_code=place.local_authority).first()
        if area is not None:
            # Ids straight from the join table: the outer query already filters.
            member_ids = areas or (
                lambda a: Organisation.areas.through.objects.filter(
                    area__in=a.with_descendant_ids()
                ).values("organisation_id")
            )
            within = within.union(member_ids(area).order_by())
        return self.filter(pk__in=within).annotate(distance_km=distance)

    def for_list(self):
        return self.defer("search_vector").prefetch_related(
            Prefetch("areas", queryset=Area.objects.only("name", "slug", "gss_code"))
        )

    def likely_duplicates(self, name, areas=(), charity_number="", company_number=""):
        """Listings that may be the organisation someone is about to register.

        The same charity or company number; or a very similar name serving one
        of the same ``areas``: trigram similarity of 0.5 or more on
        PostgreSQL, elsewhere the same name once case, punctuation and words
        like "the", "group" and "CIC" are ignored.
        """
        matches = Q()
        if charity_number:
            matches |= Q(charity_number=charity_number)
        if company_number:
            matches |= Q(company_number=company_number)
        area_ids = [getattr(area, "pk", area) for area in areas]
        if name and area_ids:
            serving = Organisation.areas.through.objects.filter(area__in=area_ids)
            nearby = self.filter(pk__in=serving.values("organisation_id"))
            if connections[self.db].vendor == "postgresql":
                # The % operator lets the trigram index on name find candidates.
                similar = (
                    nearby.filter(name__trigram_similar=name)
                    .annotate(similarity=TrigramSimilarity("name", name))
                    .filter(similarity__gte=DUPLICATE_NAME_SIMILARITY)
                )
                matches |= Q(pk__in=similar.values("pk"))
            elif key := name_key(name):
                longest = max(key.split(" "), key=len)
                candidates = nearby.filter(name__icontains=longest).values_list("pk", "name")
                matches |= Q(pk__in=[pk for pk, other in candidates if name_key(other) == key])
        if not matches:
            return self.none()
        return self.filter(matches)

    def with_has_members(self):
        """Annotate ``has_members``: whether anyone manages the listing (so it can be claimed)."""
        return self.annotate(
            has_members=Exists(Membership.objects.filter(organisation=OuterRef("pk")))
        )

    def with_contacts_for(self, user):
        """Prefetch ``visible_contacts``: the contacts ``user`` may see.

        Contacts for councils only are filtered out in the database, so they
        never reach a page, a download or a cache made for anyone else.
        """
        return self.prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.visible_to(user),
                to_attr="visible_contacts",
            )
        )

    def for_detail(self):
        """Published organisations with what their page shows, in a fixed number of queries.

        Services and partnerships live in the partnerships app; they are
        reached through reverse relations so this app never imports it.
        """
        service_model = self.model._meta.get_field("services").related_model
        role_model = self.model._meta.get_field("partnership_roles").related_model
        funding_model = self.model._meta.get_field("funding_received").related_model
        return (
            self.defer("search_vector")
            .with_has_members()
            .prefetch_related(
                "areas",
                "locations",
                Prefetch(
                    "services",
                    queryset=service_model.objects.published().for_list(),
                    to_attr="public_services",
                ),
                Prefetch(
                    "partnership_roles",
                    queryset=role_model.objects.confirmed()
                    .filter(partnership__status=ModerationStatus.PUBLISHED)
                    .select_related("partnership"),
                    to_attr="public_partnership_roles",
                ),
                Prefetch(
                    "funding_received",
                    queryset=funding_model.objects.select_related("funder").defer(
                        "funder__search_vector"
                    ),
                    to_attr="public_funding",
                ),
            )
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY_GROUP = "community_group", _("Community group")
        MUTUAL_AID = "mutual_aid", _("Mutual-aid group")
        CHARITY = "charity", _("Charity")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        FAITH_GROUP = "faith_group", _("Faith group")
        HOUSING_ASSOCIATION = "housing_association", _("Housing association")
        NHS = "nhs", _("NHS body")
        COUNCIL = "council", _("Council")
        FUNDER = "funder", _("Funder")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The organisation's web address in this directory."),
    )
    uuid = models.UUIDField(
        _("public id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The stable id other systems (the Open Referral UK API) know this record by."),
    )
    kind = models.CharField(
        _("type of organisation"), max_length=30, choices=Kind.choices, default=Kind.COMMUNITY_GROUP
    )
    description = models.TextField(
        _("what the organisation does"),
        blank=True,
        help_text=_("A few sentences in plain English."),
    )
    charity_number = models.CharField(
        _("charity number"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("Registered charity number, if any, e.g. 1234567 or SC012345."),
    )
    company_number = models.CharField(
        _("company number"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("Companies House number, if any, e.g. 01234567."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email address"), blank=True)
    phone = models.CharField(_("public phone number"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas served"),
        related_name="organisations",
        blank=True,
        help_text=_("The council areas or neighbourhoods the organisation works in."),
    )
    governs = models.ForeignKey(
        Area,
        verbose_name=_("council for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        help_text=_("For a council only: the area it governs."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        help_text=_("Only published organisations are shown to the public."),
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the organisation last said its listing is correct."),
    )
    out_of_date = models.BooleanField(
        _("possibly out of date"),
        default=False,
        help_text=_(
            "Not confirmed for 18 months: flagged on public pages and listed last. "
            "Set daily by send_review_reminders."
        ),
    )
    review_reminder_sent = models.DateField(
        _("review reminder sent"),
        null=True,
        blank=True,
        help_text=_("When the owners were last asked to confirm the listing."),
    )
    rejection_reason = models.TextField(
        _("reason for rejection"),
        blank=True,
        help_text=_("Shown to the organisation's members and emailed to them."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchDocument(name="A", description="B"),
        output_field=SearchVectorField(),
        db_persist=True,
        null=True,
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        indexes = [
            models.Index(
                fields=["out_of_date", "name", "id"],
                condition=Q(status="published"),
                name="org_published_fresh_name",
            ),
            models.Index(
                fields=["kind", "name"],
                condition=Q(status="published"),
                name="org_published_kind_name",
            ),
            models.Index(fields=["-updated"], name="org_updated"),
            models.Index(fields=["latitude", "longitude"], name="org_coordinates"),
            models.Index(fields=["status", "-created"], name="org_status_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["governs"],
                condition=Q(governs__isnull=False),
                name="one_council_per_area",
                violation_error_message="Another council organisation already governs this area.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == ModerationStatus.PUBLISHED

    def map_point(self):
        """Where to put this organisation on a map, or None if it has no coordinates."""
        return map_point(self.name, self.get_absolute_url(), self.latitude, self.longitude)

    def map_points(self):
        """The organisation and the places it works from."""
        url = self.get_absolute_url()
        points = [self.map_point(), *(loc.map_point(url) for loc in self.locations.all())]
        return [p for p in points if p]

    @property
    def is_possibly_out_of_date(self):
        if self.last_confirmed is None:
            return self.out_of_date
        return timezone.localdate() - self.last_confirmed > STALE_AFTER

    @property
    def is_claimed(self):
        return self.memberships.exists()

    def confirm_still_correct(self):
        self.last_confirmed = timezone.localdate()
        self.out_of_date = False
        self.save(update_fields=["last_confirmed", "out_of_date", "updated"])

    def still_correct_token(self):
        """A signed token for the "still correct" link in review reminders."""
        return signing.TimestampSigner(salt=STILL_CORRECT_SALT).sign(str(self.pk))

    @classmethod
    def from_still_correct_token(cls, token, max_age=timedelta(days=60)):
        """The organisation a token was made for, or None if it is forged or too old."""
        try:
            pk = signing.TimestampSigner(salt=STILL_CORRECT_SALT).unsign(token, max_age=max_age)
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=pk).first()

    @transaction.atomic
    def merge_into(self, keep):
        """Move everything of this duplicate listing to ``keep``, then archive this one.

        Services, venues, funding, claims and reports move across; members and
        partnership roles move unless ``keep`` already has them (an owner stays
        an owner). Each move is saved one row at a time so history records it.
        """
        if keep.pk == self.pk:
            raise ValidationError(gettext("A listing cannot be merged into itself."))
        for related in ["services", "locations", "contacts", "claim_requests", "problem_reports"]:
            for row in getattr(self, related).all():
                row.organisation = keep
                row.save()
        self.funding_received.update(recipient=keep)
        self.funding_given.update(funder=keep)
        self.invitations.update(organisation=keep)
        for membership in self.memberships.all():
            existing = keep.memberships.filter(user=membership.user).first()
            if existing is None:
                membership.organisation = keep
                membership.save()
                continue
            if membership.role == Membership.Role.OWNER and existing.role != membership.role:
                existing.role = Membership.Role.OWNER
                existing.save()
            membership.delete()
        for role in self.partnership_roles.all():
            if keep.partnership_roles.filter(partnership=role.partnership_id).exists():
                role.delete()
            else:
                role.organisation = keep
                role.save()
        keep.areas.add(*self.areas.all())
        for field in [
            "description",
            "charity_number",
            "company_number",
            "website",
            "email",
            "phone",
            "address",
            "postcode",
            "latitude",
            "longitude",
        ]:
            if getattr(keep, field) in ("", None) and getattr(self, field) not in ("", None):
                setattr(keep, field, getattr(self, field))
        keep.save()
        self.status = ModerationStatus.ARCHIVED
        self.rejection_reason = f"Merged into “{keep.name}” ({keep.slug})."
        self.save()

    def fill_coordinates_from_postcode(self):
        """Put the organisation on the map from its postcode, if we know the postcode."""
        from postcodes.models import Postcode

        if self.postcode and (found := Postcode.objects.filter(postcode=self.postcode).first()):
            self.latitude, self.longitude = found.latitude, found.longitude

    def owners(self):
        """The memberships of the people who manage the listing and its members."""
        return self.memberships.filter(role=Membership.Role.OWNER)

    def curators(self):
        """Who checks this listing: superusers, and the curators of its areas or the
        areas those lie in."""
        served = self.areas.values("pk")
        areas = Area.objects.filter(Q(pk__in=served) | Q(children__in=served)).values("pk")
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(curated_areas__area__in=areas))
            .distinct()
        )

    def notify_curators(self, subject, template, context):
        """Email everyone who curates this listing."""
        recipients = self.curators().values_list("email", flat=True)
        notify(list(recipients), subject, template, {"organisation": self, **context})

    def notify_owners(self, subject, template, context):
        """Email the listing's owners, or its curators while nobody owns it."""
        recipients = list(
            self.owners().filter(user__is_active=True).values_list("user__email", flat=True)
        )
        if not recipients:
            return self.notify_curators(subject, template, context)
        notify(recipients, subject, template, {"organisation": self, **context})


class Location(models.Model):
    """A place where an organisation delivers services: a hall, a hub, a church, a shop."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="locations",
    )
    uuid = models.UUIDField(
        _("public id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The stable id other systems (the Open Referral UK API) know this record by."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("e.g. “Ancoats Community Hall”.")
    )
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility = models.CharField(
        _("accessibility"),
        max_length=250,
        blank=True,
        help_text=_("e.g. “Step-free entrance, accessible toilet, hearing loop”."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "location"
        verbose_name_plural = "locations"

    def __str__(self):
        return self.name

    def map_point(self, url):
        return map_point(self.name, url, self.latitude, self.longitude)


class ContactQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Contact.Visibility.PUBLIC)

    def visible_to(self, user):
        """The contacts ``user`` may see: all of them for officers and curators."""
        if getattr(user, "can_see_council_contacts", False):
            return self
        return self.public()


class Contact(models.Model):
    """A named person to contact at an organisation.

    Named contacts are personal data: those marked for councils only are shown
    to confirmed council officers and curators, never on public pages, in
    public exports, in the API or in the search index.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        COUNCILS = "councils", _("Council officers only")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role or job title"),
        max_length=200,
        blank=True,
        help_text=_("For example, “Volunteer coordinator”."),
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    visibility = models.CharField(
        _("who can see this contact"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.COUNCILS,
        help_text=_(
            "Contacts for council officers only are never shown on public pages, "
            "in downloads or in the API."
        ),
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_for_councils_only(self):
        return self.visibility == self.Visibility.COUNCILS

    def as_text(self):
        """One line for a spreadsheet cell: name, role, email, phone."""
        parts = [self.name, self.role, self.email, self.phone]
        return ", ".join(part for part in parts if part)


class MembershipQuerySet(models.QuerySet):
    def of_councils(self):
        return self.filter(organisation__kind=Organisation.Kind.COUNCIL)

    def officers(self):
        """Memberships of council organisations that a curator confirmed."""
        return self.of_councils().filter(officer_confirmed_at__isnull=False)

    def awaiting_officer_confirmation(self):
        return self.of_councils().filter(officer_confirmed_at__isnull=True)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        default=Role.EDITOR,
        help_text=_("Owners manage members; editors keep the listing up to date."),
    )
    created = models.DateTimeField(_("joined"), auto_now_add=True)
    officer_confirmed_at = models.DateTimeField(
        _("confirmed as a council officer"),
        null=True,
        blank=True,
        help_text=_(
            "For members of a council only: when a curator checked that this person works "
            "for the council. Confirmed officers see contacts marked for councils only."
        ),
    )
    officer_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membership"
        verbose_name_plural = "memberships"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="one_membership_per_person",
                violation_error_message="This person is already a member of the organisation.",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"

    @property
    def is_owner(self):
        return self.role == self.Role.OWNER

    @property
    def is_confirmed_officer(self):
        return (
            self.officer_confirmed_at is not None
            and self.organisation.kind == Organisation.Kind.COUNCIL
        )

    def confirm_as_officer(self, curator):
        """Record that a curator checked this member works for the council."""
        if self.organisation.kind != Organisation.Kind.COUNCIL:
            raise ValidationError(
                _("Only members of a council can be confirmed as council officers."),
                code="not_a_council",
            )
        self.officer_confirmed_at, self.officer_confirmed_by = timezone.now(), curator
        self.save(update_fields=["officer_confirmed_at", "officer_confirmed_by"])

    def withdraw_officer_confirmation(self):
        self.officer_confirmed_at, self.officer_confirmed_by = None, None
        self.save(update_fields=["officer_confirmed_at", "officer_confirmed_by"])

    def end(self):
        """Take this person off the organisation, unless they are its last owner.

        The owners are locked first so two owners leaving at once cannot both go.
        """
        with transaction.atomic():
            owners = list(
                Membership.objects.select_for_update()
                .filter(organisation_id=self.organisation_id, role=self.Role.OWNER)
                .values_list("pk", flat=True)
            )
            if self.is_owner and owners == [self.pk]:
                raise ValidationError(
                    gettext(
                        "An organisation needs at least one owner. Invite someone else as an "
                        "owner, and wait for them to accept, before the last owner leaves."
                    ),
                    code="last_owner",
                )
            self.delete()


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a curator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ClaimRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ReviewStatus.PENDING)


class ClaimRequest(models.Model):
    """Someone asking to manage a listing that has no members (imported or seeded)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="person",
        on_delete=models.CASCADE,
        related_name="claim_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="claim_requests",
    )
    connection = models.TextField(
        _("connection to the organisation"),
        help_text=_("Your role in the organisation, so a curator can check the claim."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created = models.DateTimeField(_("asked on"), auto_now_add=True)

    objects = ClaimRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "claim request"
        verbose_name_plural = "claim requests"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_person",
                violation_error_message="You have already asked to manage this listing.",
            )
        ]

    def __str__(self):
        return f"{self.user} claims {self.organisation}"

    def approve(self, curator, base_url=""):
        """Make the claimant an owner of the listing and tell them.

        ``base_url`` (e.g. ``request.build_absolute_uri("/")``) makes the link in
        the email absolute.
        """
        with transaction.atomic():
            self._decide(curator, ReviewStatus.APPROVED)
            membership, created = Membership.objects.get_or_create(
                user=self.user,
                organisation=self.organisation,
                defaults={"role": Membership.Role.OWNER},
            )
            if not created and not membership.is_owner:
                membership.role = Membership.Role.OWNER
                membership.save(update_fields=["role"])
        self._tell_claimant(
            gettext_noop("You can now manage %(organisation)s"),
            "manage/emails/claim_approved.txt",
            base_url,
        )
        return membership

    def decline(self, curator, reason, base_url=""):
        """Turn the claim down and email the claimant the reason."""
        with transaction.atomic():
            self._decide(curator, ReviewStatus.DECLINED, reason)
        self._tell_claimant(
            gettext_noop("Your request to manage %(organisation)s"),
            "manage/emails/claim_declined.txt",
            base_url,
        )

    def _decide(self, curator, status, reason=""):
        # Locked and re-read, so two curators cannot decide the same claim twice.
        current = ClaimRequest.objects.select_for_update().get(pk=self.pk)
        if current.status != ReviewStatus.PENDING:
            raise ValidationError(
                gettext("This claim was already %(status)s.")
                % {"status": current.get_status_display().lower()},
                code="already_decided",
            )
        self.status, self.decision_reason = status, reason
        self.decided_by, self.decided_at = curator, timezone.now()
        self.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])

    def _tell_claimant(self, subject, template, base_url):
        notify(
            [self.user.email],
            Subject(subject, organisation=self.organisation.name),
            template,
            {"claim": self, "organisation": self.organisation, "base_url": base_url.rstrip("/")},
        )


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An emailed invitation to help keep an organisation's listing up to date."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "invitation"
        verbose_name_plural = "invitations"

    def __str__(self):
        return f"{self.email} to {self.organisation}"

    @property
    def expires(self):
        return self.created + INVITATION_LIFETIME

    @property
    def is_expired(self):
        return timezone.now() > self.expires

    @property
    def is_usable(self):
        return self.accepted_at is None and not self.is_expired

    def accept(self, user):
        """Make ``user`` a member with the invited role; each invitation works once."""
        with transaction.atomic():
            current = Invitation.objects.select_for_update().get(pk=self.pk)
            if current.accepted_at is not None:
                raise ValidationError(
                    gettext("This invitation has already been used."), code="used"
                )
            if current.is_expired:
                raise ValidationError(gettext("This invitation has expired."), code="expired")
            membership, created = Membership.objects.get_or_create(
                user=user, organisation_id=self.organisation_id, defaults={"role": self.role}
            )
            if not created and self.role == Membership.Role.OWNER and not membership.is_owner:
                membership.role = Membership.Role.OWNER
                membership.save(update_fields=["role"])
            self.accepted_at = timezone.now()
            self.save(update_fields=["accepted_at"])
        return membership


class ProblemReport(models.Model):
    """A member of the public telling curators a listing is wrong."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("It has closed or stopped running")
        CONTACT = "contact", _("The contact details are wrong")
        AREA = "area", _("It is listed in the wrong area")
        OTHER = "other", _("Something else")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    kind = models.CharField(_("what is wrong"), max_length=10, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    reporter_email = models.EmailField(
        _("reporter's email address"),
        blank=True,
        help_text=_("Only used if a curator needs to ask about the report."),
    )
    page = models.CharField(_("page reported"), max_length=300, blank=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        ordering = ["resolved", "-created"]
        verbose_name = "problem report"
        verbose_name_plural = "problem reports"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.organisation}"


class AreaCurator(models.Model):
    """A curator who moderates the listings, claims and reports of some areas only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="curator",
        on_delete=models.CASCADE,
        related_name="curated_areas",
    )
    area = models.ForeignKey(
        Area, verbose_name="area", on_delete=models.CASCADE, related_name="curators"
    )

    class Meta:
        verbose_name = "area curator"
        verbose_name_plural = "area curators"
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="one_curatorship_per_area")
        ]

    def __str__(self):
        return f"{self.user} curates {self.area}"
