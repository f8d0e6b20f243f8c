from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """People sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(gettext("An email address is required."))
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def officers(self):
        """Active people confirmed by a curator as officers of a council."""
        # Memberships live in the organisations app, which depends on this one:
        # reach them through the reverse relation rather than an import.
        membership = self.model._meta.get_field("memberships").related_model
        return self.filter(
            Exists(membership.objects.officers().filter(user=OuterRef("pk"))), is_active=True
        )

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(
        _("email address"),
        unique=True,
        help_text=_("Used to sign in and to receive messages about your listings."),
    )

    language = models.CharField(
        "language",
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text="The language emails are written in: the one last chosen on the site.",
    )

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def remember_language(self, code):
        """Write emails to this person in ``code`` from now on (the language they use here)."""
        if code and code != self.language and code in dict(settings.LANGUAGES):
            self.language = code
            self.save(update_fields=["language"])

    @cached_property
    def is_officer(self):
        """A confirmed officer of a council (remembered for the request)."""
        return self.is_active and self.memberships.officers().exists()

    @property
    def can_see_council_contacts(self):
        """Officers and curators see contacts that organisations share with councils only."""
        return self.is_active and (self.is_staff or self.is_officer)
