"""Users, programmes, centres, the roles people hold in them, and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from .countries import validate_country_code
from .languages import LanguagesField, other_languages_field
from .tokens import hash_token


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class Programme(models.Model):
    """A group of centres, e.g. one country programme, with its own disclosure rules."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    suppression_threshold = models.PositiveSmallIntegerField(
        _("small-cell threshold"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Aggregated figures below this count are never shown."),
    )
    time_zone = TimeZoneField(
        _("time zone"),
        help_text=_(
            "IANA time zone of the programme's own periods, e.g. Asia/Amman. It fixes the "
            "day boundaries of the programme's figures: once any is released it can no "
            "longer change."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=~Q(time_zone=""), name="programme_time_zone_required"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        keep_zone_of_released_figures(self)


def keep_zone_of_released_figures(owner) -> None:
    """A centre's or a programme's zone stays as it is once any figure of it was
    released: its periods were cut on that zone's day boundaries."""
    from .released_figures import any_released

    if owner.pk is None or not owner.time_zone:
        return
    stored = type(owner).objects.filter(pk=owner.pk).values_list("time_zone", flat=True).first()
    if stored is None or str(stored) == str(owner.time_zone) or not any_released(owner):
        return
    raise ValidationError(
        {
            "time_zone": gettext(
                "The time zone cannot change any more: figures were released on the day "
                "boundaries of %(zone)s, and the same periods cut on other boundaries could "
                "be compared to reveal small counts."
            )
            % {"zone": stored}
        }
    )


class IntermediaryKind(models.TextChoices):
    INTERNATIONAL = "international", _("International organisation")
    NGO = "ngo", _("Non-governmental organisation")
    UNION = "union", _("Trade union")
    COOPERATIVE = "cooperative", _("Cooperative")
    EMPLOYER = "employer", _("Employer-funded")
    GOVERNMENT = "government", _("Government")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free entrance")
    ACCESSIBLE_TOILET = "toilet", _("Accessible toilet")
    WOMEN_ONLY_SPACE = "women_only", _("Women-only space")
    QUIET_ROOM = "quiet_room", _("Quiet room for rest or prayer")
    CHILDCARE = "childcare", _("Childcare on site")
    SIGN_LANGUAGE = "sign_language", _("Sign language on request")


class CentreQuerySet(models.QuerySet):
    def visible_to(self, user) -> CentreQuerySet:
        """Centres in which the user holds any role, or that their programme covers."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(roles__user=user) | Q(programme__coordinators__user=user)).distinct()


class Centre(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="centres", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", _("Two to six capital letters."))],
        help_text=_("Prefix of member codes, e.g. AMM for AMM-0042."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[validate_country_code],
    )
    area = models.CharField(_("area"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    languages = LanguagesField(_("languages spoken"))
    other_languages = other_languages_field()
    accessibility = models.JSONField(_("accessibility features"), default=list, blank=True)
    intermediary_kind = models.CharField(
        _("managing intermediary"), max_length=20, choices=IntermediaryKind.choices
    )
    intermediary_name = models.CharField(_("managing organisation"), max_length=200, blank=True)
    time_zone = TimeZoneField(
        _("time zone"),
        help_text=_(
            "IANA time zone of the centre, e.g. Asia/Amman. Everything shown, filtered, "
            "scheduled and exported uses this local time. It fixes the day boundaries of "
            "the centre's figures: once any is released it can no longer change."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        constraints = [
            models.CheckConstraint(condition=~Q(time_zone=""), name="centre_time_zone_required"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        keep_zone_of_released_figures(self)

    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [labels[value] for value in self.accessibility if value in labels]


class FundingKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer contribution")
    DONOR = "donor", _("Bilateral or multilateral donor")
    CORPORATE = "corporate", _("Corporate donor")
    UNION = "union", _("Trade union")
    GOVERNMENT = "government", _("Government")
    MEMBER_FEES = "fees", _("Members' nominal fees")
    OTHER = "other", _("Other")


class FundingSource(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="funding_sources")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    funder = models.CharField(_("funder"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        ordering = ["-year", "funder"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return f"{self.funder} ({self.year})"


class Role(models.TextChoices):
    MANAGER = "manager", _("Centre manager")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    LEGAL_ADVISOR = "legal_advisor", _("Legal advisor")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    WORKER_MEMBER = "worker_member", _("Worker member")


# Roles that may open or work a grievance case, and so need a second factor.
CASE_ROLES = frozenset({Role.MANAGER, Role.SOCIAL_WORKER, Role.LEGAL_ADVISOR})


class CentreRole(models.Model):
    """A role held in one centre; one person may hold different roles in different centres."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="centre_roles"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["centre", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre", "role"], name="one_role_row_per_user"
            ),
        ]
        verbose_name = _("centre role")
        verbose_name_plural = _("centre roles")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.centre}"


class ProgrammeCoordinator(models.Model):
    """A programme coordinator sees aggregated figures across a programme's centres."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_roles"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coordinators")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_coordinator_row"),
        ]
        verbose_name = _("programme coordinator")
        verbose_name_plural = _("programme coordinators")

    def __str__(self) -> str:
        return f"{self.user} — {self.programme}"


class InvitationQuerySet(models.QuerySet):
    def for_token(self, token: str) -> Invitation | None:
        """The pending invitation whose link carries this token, or None."""
        return self.pending().select_related("centre").filter(token_hash=hash_token(token)).first()

    def pending(self) -> InvitationQuerySet:
        """Invitations that can still be accepted: not accepted, revoked or expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """Staff and members join only by invitation. Only a hash of the link's token is stored."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # NULL once used or withdrawn; unique among the links still out there.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()} — {self.centre}"


# Defined in its own module to keep this one short; imported here so that Django
# registers it with the centres app.
from .audit_entries import (  # noqa: E402, F401
    AuditEntry,
    AuditEntryManager,
    AuditEntryQuerySet,
    AuditTrailIsAppendOnly,
    centre_id_of,
)
from .categories import ServiceCategory  # noqa: E402, F401
from .exports.models import ExportJob  # noqa: E402, F401
from .mail import SentMail  # noqa: E402, F401
from .outbox import PendingTask  # noqa: E402, F401
from .retention.models import RetentionCount, RetentionPolicy, RetentionRun  # noqa: E402, F401
from .submissions import FormSubmission  # noqa: E402, F401
