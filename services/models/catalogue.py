"""The catalogue: services, their weekly times, and the partners the centre refers
people to."""

from __future__ import annotations

import json

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.languages import LanguagesField, other_languages_field
from centres.names import NameField, UniqueNameMixin, unique_name


class PartnerKind(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer or legal aid")
    CLINIC = "clinic", _("Clinic or health service")
    UNION = "union", _("Trade union")
    SHELTER = "shelter", _("Shelter")
    LABOUR_ATTACHE = "attache", _("Embassy labour attaché")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class ReferralPartner(UniqueNameMixin, models.Model):
    """An organisation the centre refers workers to."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.CASCADE, related_name="referral_partners"
    )
    name = NameField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    languages = LanguagesField(_("languages"))
    other_languages = other_languages_field()
    contact = models.TextField(_("how to reach them"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [unique_name("name", "centre", name="partner_name_per_centre")]
        verbose_name = _("referral partner")
        verbose_name_plural = _("referral partners")

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def offered_in(self, code: str):
        """Services whose languages include `code` (a code of `centres.languages.CODES`)."""
        if connection.features.supports_json_field_contains:
            return self.filter(languages__contains=[code])
        # SQLite has no JSON containment: the quoted code in the array's text, which
        # matches that code only (codes are letters and hyphens, always quoted).
        return self.filter(languages__icontains=json.dumps(code))


class Service(UniqueNameMixin, models.Model):
    """Something the centre offers, on a weekly schedule or in one-off sessions.

    A fee, if any, is nominal and per service: it never gates entry to the centre,
    and nobody is refused a basic activity for not paying (see `Booking.fee_status`).
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("category"),
    )
    name = NameField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider_staff = models.ForeignKey(
        "centres.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provided by (staff)"),
    )
    provider_partner = models.ForeignKey(
        ReferralPartner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("provided by (partner)"),
    )
    languages = LanguagesField(_("languages"))
    other_languages = other_languages_field()
    accessibility = models.CharField(_("accessibility"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places per session"), default=15, validators=[MinValueValidator(1)]
    )
    fee = models.DecimalField(
        _("nominal fee"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    fee_currency = models.CharField(_("currency"), max_length=3, blank=True)
    is_childcare = models.BooleanField(
        _("childcare"),
        default=False,
        help_text=_("Children are collected only by people on their list."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="service_has_places"),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="service_fee_not_negative"),
            unique_name("name", "centre", name="service_name_per_centre"),
        ]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ScheduleSlot(models.Model):
    """A weekly time of a service; sessions are generated from these."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts = models.TimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(
        _("length in minutes"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(720)],
    )

    class Meta:
        ordering = ["weekday", "starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "weekday", "starts"], name="one_slot_per_time"
            ),
        ]
        verbose_name = _("weekly time")
        verbose_name_plural = _("weekly times")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}"

    @property
    def centre_id(self) -> int:
        return self.service.centre_id
