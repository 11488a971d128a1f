"""A case's timeline, its referrals to partners and the remedies it won."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from centres.fields import EncryptedTextField

from .cases import Grievance, Risk, Status


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    MOVED = "moved", _("Status changed")
    ASSIGNED = "assigned", _("Assignment changed")
    UNASSIGNED = "unassigned", _("Unassigned: no longer holds a case role")
    NOTE = "note", _("Note added")
    REFERRED = "referred", _("Referred")
    REMEDY = "remedy", _("Remedy recorded")
    RISK = "risk", _("Risk changed")
    FOLLOW_UP = "follow_up", _("Next follow-up changed")


class CaseEvent(models.Model):
    """The case's timeline: who did what, when. Never the contents of a note.

    A change of risk or follow-up date keeps the value before and after (a risk code,
    an ISO date): coded values, never free text."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    from_value = models.CharField(max_length=10, blank=True)
    to_value = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.grievance} {self.kind}"

    def change_display(self) -> tuple[str, str] | None:
        """The value before and after a change of risk or follow-up, as shown."""
        if self.kind == EventKind.RISK:
            return tuple(
                str(Risk(value).label) if value in Risk.values else "—"
                for value in (self.from_value, self.to_value)
            )
        if self.kind == EventKind.FOLLOW_UP:
            return tuple(
                date_format(date.fromisoformat(value), "DATE_FORMAT") if value else "—"
                for value in (self.from_value, self.to_value)
            )
        return None

    @property
    def centre_id(self) -> int:
        return self.grievance.centre_id


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


class Referral(models.Model):
    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        "services.ReferralPartner", on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    consent_override = EncryptedTextField(
        _("why referred without recorded consent"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.grievance} → {self.partner_id}"

    @property
    def centre_id(self) -> int:
        return self.grievance.centre_id


class RemedyKind(models.TextChoices):
    WAGES = "wages", _("Wages recovered")
    DOCUMENTS = "documents", _("Documents returned")
    CONTRACT = "contract", _("Contract corrected")
    COMPENSATION = "compensation", _("Compensation")
    SAFE_EXIT = "safe_exit", _("Safe exit")
    OTHER = "other", _("Other")


class Remedy(models.Model):
    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("remedy"), max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="remedy_amount_has_currency",
            )
        ]
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def centre_id(self) -> int:
        return self.grievance.centre_id
