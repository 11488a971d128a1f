"""Workers' requests: demand for a service the centre lacks or has too little of."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.fields import EncryptedTextField


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "review", _("Under review")
    PLANNED = "planned", _("Planned")
    OFFERED = "offered", _("Offered")
    DECLINED = "declined", _("Declined")


class RequestChannel(models.TextChoices):
    STAFF = "staff", _("Told to staff")
    KIOSK = "kiosk", _("Kiosk at the entrance")
    MEMBER = "member", _("By the member")
    # What an anonymous request keeps of the member's page or the kiosk: only a
    # signed-in member can use the page, so "by the member" would point at the accounts.
    SELF = "self", _("The worker's own (phone or kiosk)")


class ServiceRequestQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class ServiceRequest(models.Model):
    """A worker's expressed demand for a service the centre lacks or has too little of."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.CASCADE, related_name="service_requests"
    )
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("kind of service"),
    )
    wish = EncryptedTextField(
        _("what is asked for"), max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    channel = models.CharField(
        max_length=10, choices=RequestChannel.choices, default=RequestChannel.STAFF
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    decline_reason = EncryptedTextField(
        _("why declined"), max_length=300, validators=[MaxLengthValidator(300)], blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "centres.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When retention or erasure removed the words (the kind and status stay).
    text_removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["centre", "created_at"], name="request_centre_created")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_request_has_reason",
            ),
        ]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.wish[:40]}"
