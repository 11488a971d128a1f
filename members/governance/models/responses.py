"""The manager's answer to each priority the members chose: the binding input to planning."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_POSSIBLE = "not_possible", _("Not possible")


class PriorityResponse(models.Model):
    option = models.OneToOneField(
        "members.BallotOption", on_delete=models.CASCADE, related_name="response"
    )
    status = models.CharField(_("response"), max_length=15, choices=ResponseStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_possible") | ~Q(reason=""),
                name="not_possible_needs_a_reason",
            ),
        ]
        verbose_name = _("response to a priority")
        verbose_name_plural = _("responses to priorities")

    def __str__(self) -> str:
        return self.get_status_display()

    def clean(self) -> None:
        """ "Not possible" is answered with its reason: the members are told why."""
        if self.status == ResponseStatus.NOT_POSSIBLE and not (self.reason or "").strip():
            raise ValidationError({"reason": gettext("Say why it is not possible.")})
