"""Members, their consent per purpose, and visits to the centre (identified or anonymous)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import connections, models
from django.db.models import F, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.countries import validate_country_code
from centres.devices import DeviceQuerySet
from centres.fields import EncryptedTextField
from centres.names import NameField, UniqueNameMixin, unique_name
from centres.phones import e164_or_blank
from centres.phones import shown as phone_shown
from centres.text import ascii_digits, person_name_key
from centres.tokens import hash_token


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")


class AgeBand(models.TextChoices):
    UNDER_18 = "u18", _("Under 18")
    A18_24 = "18-24", _("18–24")
    A25_34 = "25-34", _("25–34")
    A35_44 = "35-44", _("35–44")
    A45_54 = "45-54", _("45–54")
    A55_PLUS = "55+", _("55 and over")


class Sector(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic work")
    GARMENT = "garment", _("Garment and textiles")
    CONSTRUCTION = "construction", _("Construction")
    AGRICULTURE = "agriculture", _("Agriculture")
    HOSPITALITY = "hospitality", _("Hotels, restaurants and cleaning")
    MANUFACTURING = "manufacturing", _("Other manufacturing")
    CARE = "care", _("Care work")
    OTHER = "other", _("Other")


class MigrationStatus(models.TextChoices):
    """A person's own account of their migration status, asked only if they want to
    say, and counted only in aggregate (who does the centre under-serve?). Blank means
    not asked. Every code is shorter than one AES block (16 bytes), so every encrypted
    value has the same length and a ciphertext's size does not give the answer away."""

    REGULAR = "regular", _("Regular (work permit or visa)")
    IRREGULAR = "irregular", _("Irregular or undocumented")
    PENDING = "pending", _("Application pending")
    REFUGEE = "refugee", _("Refugee or asylum seeker")
    OTHER = "other", _("Other")
    NOT_SAID = "not_said", _("Prefer not to say")


# An assigned ISO 3166-1 code, not any two letters: a nationality is an equality group.
country_code = validate_country_code


# A centre's code and a member's number as people type them: "amm 0042", "AMM–0042",
# "AMM0042" (any dash, space or underscore between them, or none).
# A member's number in its code has at least this many digits: AMM-0042.
CODE_DIGITS = 4
_TYPED_CODE = re.compile(r"([A-Z]+)[\s_\-\u2010-\u2015\u2212]*(\d+)")


def typed_code(text: str) -> str:
    """A member code as staff or members type it, in the form it is stored: digits of
    any script in ASCII ("AMM-٠٠٤٢" is "AMM-0042"), capitals, no surrounding space, one
    hyphen between the centre's code and the number ("amm 0042" is "AMM-0042"), and the
    number padded to four digits as `member_register` writes it ("amm 4" is "AMM-0004").
    Characters no code holds (a NUL byte) are dropped rather than sent to the database."""
    code = ascii_digits(text).replace("\x00", "").strip().upper()
    parts = _TYPED_CODE.fullmatch(code)
    return f"{parts[1]}-{parts[2].lstrip('0').zfill(CODE_DIGITS)}" if parts else code


class MemberQuerySet(models.QuerySet):
    def for_centre(self, centre) -> MemberQuerySet:
        return self.filter(centre=centre)

    def active(self) -> MemberQuerySet:
        return self.filter(erased_at__isnull=True)

    def kept_instead_of(self, code: str) -> Member | None:
        """The record kept for a merged record whose code is `code` (following a merge
        of the kept record in turn), or None when no record here was merged under it."""
        merged = self.filter(code=code, merged_into__isnull=False).first()
        seen = set()
        while merged is not None and merged.merged_into_id and merged.pk not in seen:
            seen.add(merged.pk)
            merged = self.filter(pk=merged.merged_into_id).first()
        return merged

    def with_card(self, card_token: str) -> MemberQuerySet:
        """The active member whose card carries this token (none for an empty one)."""
        if not card_token:
            return self.none()
        return self.active().filter(card_token_hash=hash_token(card_token))

    def search(self, text: str, *, region: str = "", by_phone: bool) -> MemberQuerySet:
        """Members whose code, name or (with `by_phone`) phone matches `text`, however its
        digits and letters were typed (Arabic-Indic, Persian, Devanagari, Bengali or ASCII
        digits; Arabic with or without vowel marks; punctuation aside): both sides go through
        `centres.text.person_name_key`, and a phone through `centres.phones` read in
        `region` (the centre's country).

        A code matches exactly; a name when the typed key is part of the stored name
        key and, on PostgreSQL, also when it is close to a word of it (pg_trgm word
        similarity above its threshold, 0.6 by default: "fatimah" finds "Fatima"), both
        through the GIN index of centre and name trigrams `member_centre_name_trgm`; a
        phone by its keyed digest under every configured key. Names are not encrypted
        (DESIGN.md encrypts narratives, notes and contact details), so the index holds
        nothing the table does not already hold in `search_name`.

        `by_phone` is the permission `members.search_by_phone` of the searcher: a search
        by number tells whose number it is, so without it a number finds nobody by phone
        (`phone_typed` tells the searcher why)."""
        from centres.crypto import digests

        text = text.strip()
        if not text:
            return self
        # Codes are stored in capitals and ASCII digits: an exact match uses their index.
        query = Q(code=typed_code(text))
        key = person_name_key(text)
        if key:
            query |= Q(search_name__contains=key)
            if connections[self.db].vendor == "postgresql":
                query |= Q(TrigramWordSimilar(F("search_name"), Value(key)))
        phone = e164_or_blank(text, region=region) if by_phone else ""
        if phone:
            # Under every configured key: members are found while a rotation runs.
            query |= Q(phone_digest__in=digests(phone))
        return self.filter(query)


def phone_typed(text: str, *, region: str = "") -> bool:
    """Whether a search for `text` is a phone number: the search would look it up by phone."""
    return bool(e164_or_blank(text.strip(), region=region))


def phone_digest_of(phone: str, *, region: str = "") -> str:
    """The keyed digest of the number's E.164 form that finds a member by phone ("" without
    a usable number). `region` reads a number stored without its country code."""
    from centres.crypto import digest

    e164 = e164_or_blank(phone or "", region=region)
    return digest(e164) if e164 else ""


# What a person may tell the centre about themselves: the registration form and the
# spreadsheet import both take exactly these.
PROFILE_FIELDS = [
    "preferred_name",
    "preferred_language",
    "gender",
    "age_band",
    "sector",
    "occupation",
    "nationality",
    "migration_status",
    "phone",
    "safe_to_contact",
    "never_contact_via_employer",
]

# A member's columns held as ciphertexts: a list that shows only a member's code leaves
# them unread (`.defer(*("member__" + name for name in MEMBER_CIPHERTEXTS))`).
MEMBER_CIPHERTEXTS = ("migration_status", "phone", "card_token")


class Member(models.Model):
    """A registered visitor, known by a pseudonymous code. Most fields are optional;
    sensitive ones are shown only to the staff who need them."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="members")
    number = models.PositiveIntegerField(editable=False)
    code = models.CharField(_("member code"), max_length=20, editable=False)
    preferred_name = models.CharField(_("preferred name"), max_length=100)
    # `centres.text.person_name_key` of the preferred name: what name search and the
    # look-alike check match against.
    search_name = models.CharField(max_length=200, blank=True, editable=False)
    preferred_language = models.CharField(_("preferred language"), max_length=40, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    # Sensitive: equality monitoring in aggregate only.
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, validators=[country_code]
    )
    # Coded (`MigrationStatus`), and encrypted: a dump does not show who is undocumented.
    migration_status = EncryptedTextField(
        _("migration status"), choices=MigrationStatus.choices, blank=True
    )
    # Contact: only with consent, encrypted at rest.
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    safe_to_contact = models.BooleanField(_("safe to contact"), default=False)
    never_contact_via_employer = models.BooleanField(
        _("never contact through the employer"), default=True
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        help_text=_("The member's own account, if they have one: most do not."),
    )
    # The card's QR code carries a random token: the kiosk identifies a member only by
    # it (a typed member code counts an anonymous visit). Kept encrypted so the card
    # can be printed again, and as a hash to find the member by it.
    card_token = EncryptedTextField(blank=True, editable=False)
    card_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    registered_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(null=True, blank=True)
    # A second record of one person, merged into the record kept (`member_merge`): its
    # personal data is removed as by erasure, its code and the rows that name it stay.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="member_number_per_centre"),
            models.UniqueConstraint(fields=["centre", "code"], name="member_code_per_centre"),
            models.UniqueConstraint(
                fields=["card_token_hash"],
                condition=~Q(card_token_hash=""),
                name="member_card_token_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "preferred_name"], name="member_centre_name"),
            models.Index(fields=["centre", "search_name"], name="member_centre_search_name"),
        ]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        """A phone number is contact detail, kept only with the person's consent to be
        contacted, which `safe_to_contact` records (they agree, and a call or message
        puts them at no risk); and that flag needs a number to contact. Every writer
        (the forms, the import, the actions) is refused here, beside the phone."""
        if self.phone and not self.safe_to_contact:
            raise ValidationError(
                {
                    "phone": _(
                        "A phone number is kept only with the person's consent to be "
                        "contacted: mark them safe to contact if they agree, or leave "
                        "the number out."
                    )
                }
            )
        if self.safe_to_contact and not self.phone:
            raise ValidationError(
                {"phone": _("A phone number is needed if it is safe to contact the person.")}
            )

    def recompute_digests(self) -> list[str]:
        """Set the search digests from the current values; the names of the fields set.
        Used at registration and by `manage.py rotate_field_keys`."""
        self.phone_digest = phone_digest_of(self.phone, region=self.centre.country)
        return ["phone_digest"]

    def phone_shown(self) -> str:
        return phone_shown(self.phone, region=self.centre.country)

    def set_search_keys(self) -> None:
        """Derive the stored search keys (name key, phone digest) from the name and
        phone; actions call this whenever either changes."""
        self.search_name = "" if self.erased_at else person_name_key(self.preferred_name)
        self.recompute_digests()

    def check_not_erased(self) -> None:
        """Refuse to tie anything new to a person whose data was erased (a visit, a
        case, a request, a child, an account, a card): the record stays for counts
        only. Raises ValidationError."""
        if self.erased_at is not None:
            raise ValidationError(
                _("This member's personal data was erased: nothing new can be recorded for them."),
                code="erased",
            )


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", _("Using the centre's services")
    CASE_HANDLING = "case_handling", _("Handling a grievance case")
    REFERRAL = "referral", _("Referral to partner organisations")
    STATISTICS = "statistics", _("Anonymised statistics")


CONSENT_VERSION = "2026-1"
CONSENT_WORDING = {
    ConsentPurpose.SERVICES: _(
        "The centre keeps your name and the services you use so that staff can help you. "
        "You can ask us to delete it at any time."
    ),
    ConsentPurpose.CASE_HANDLING: _(
        "If you bring a complaint, staff assigned to it keep notes about it. Nobody else sees them."
    ),
    ConsentPurpose.REFERRAL: _(
        "With your agreement, we may pass your case to a partner (a lawyer, clinic, union or "
        "shelter) so they can help you."
    ),
    ConsentPurpose.STATISTICS: _(
        "You are counted, without your name, in the centre's figures, which help ask employers "
        "and officials for change. Small groups are never shown."
    ),
}


class ConsentQuerySet(models.QuerySet):
    def current(self) -> ConsentQuerySet:
        now = timezone.now()
        return self.filter(withdrawn_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Consent(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.CharField(_("wording version"), max_length=20)
    wording = models.TextField(_("wording shown"))
    given_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_consent_per_purpose",
            ),
        ]
        indexes = [
            # Who consents to a purpose now (figures count only those who consent to
            # statistics): read from the index alone, expiry included (an index-only scan).
            models.Index(
                fields=["purpose", "member", "expires_at"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_current_by_purpose",
            ),
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.member} — {self.get_purpose_display()}"

    @property
    def centre_id(self) -> int:
        return self.member.centre_id


class VisitQuerySet(models.QuerySet):
    def for_centre(self, centre) -> VisitQuerySet:
        return self.filter(centre=centre)

    def between(self, start, end) -> VisitQuerySet:
        return self.filter(arrived_at__gte=start, arrived_at__lt=end)


class VisitChannel(models.TextChoices):
    STAFF = "staff", _("Logged by staff")
    KIOSK = "kiosk", _("Kiosk at the entrance")


class Visit(models.Model):
    """One identified visit, or a head-count of anonymous visitors who share the same
    (optional) coarse attributes. Nothing about a visit can refuse it or ask for a fee."""

    # Both keys are read through the composite indexes below, which lead with them.
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        db_index=False,
    )
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    nationality = models.CharField(
        _("nationality group"), max_length=2, blank=True, validators=[country_code]
    )
    purposes = models.ManyToManyField(
        "centres.ServiceCategory", blank=True, related_name="visits", verbose_name=_("purposes")
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    channel = models.CharField(
        max_length=10, choices=VisitChannel.choices, default=VisitChannel.STAFF
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at"]
        indexes = [
            models.Index(fields=["centre", "arrived_at"], name="visit_centre_arrived"),
            # A member's visits in a period: whether they came before (the dashboard's
            # different members), their history.
            models.Index(fields=["member", "arrived_at"], name="visit_member_arrived"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(people=1),
                name="identified_visit_is_one_person",
            ),
            models.CheckConstraint(condition=Q(people__gte=1), name="visit_has_people"),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=F("arrived_at")),
                name="visit_leaves_after_arriving",
            ),
        ]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.arrived_at:%Y-%m-%d %H:%M}"


class Kiosk(UniqueNameMixin, models.Model):
    """A tablet at the entrance. It can log visits for its centre and read nothing."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="kiosks")
    label = NameField(_("label"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set when a tablet is paired with the kiosk's code (centres.devices).
    paired_at = models.DateTimeField(_("paired"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    name_field = "label"
    name_among = Q(revoked_at__isnull=True)  # a revoked device's label may be used again

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            unique_name(
                "label",
                "centre",
                name="kiosk_label_per_centre",
                condition=Q(revoked_at__isnull=True),
            )
        ]
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosks")

    def __str__(self) -> str:
        return self.label

    def on_name_list(self) -> bool:
        return self.revoked_at is None


class KioskHour(models.Model):
    """What one kiosk did in one hour, as counts only: its recent activity for the
    manager (a stolen link shows up here) names nobody and holds no exact times."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="hours")
    hour = models.DateTimeField()
    checkins = models.PositiveIntegerField(_("check-ins"), default=0)
    repeats = models.PositiveIntegerField(_("repeated check-ins"), default=0)
    refusals = models.PositiveIntegerField(_("refused: too many"), default=0)

    class Meta:
        ordering = ["-hour"]
        constraints = [
            models.UniqueConstraint(fields=["kiosk", "hour"], name="kiosk_hour_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kiosk_id}:{self.hour:%Y-%m-%d %H}"


# Self-governance lives in its own package; importing it here registers its models
# with the members app.
from .governance.models import *  # noqa: E402,F401,F403
from .rollup_models import VisitCount, VisitDay  # noqa: E402, F401  (models of this app)
