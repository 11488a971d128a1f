"""Sessions of a service, their bookings and attendance, and childcare pick-ups."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.fields import EncryptedTextField

from .catalogue import ScheduleSlot, Service


class SessionQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def between(self, start, end):
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def running(self):
        return self.filter(cancelled_at__isnull=True)

    def with_booking_counts(self):
        """Each session with `booked_count`, `waiting_count`, `attended_count` and
        `missed_count` (booked places marked absent), in the same query."""
        booked = Q(bookings__status=BookingStatus.BOOKED)
        return self.annotate(
            booked_count=Count("bookings", filter=booked),
            waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            attended_count=Count("bookings", filter=booked & Q(bookings__attended=True)),
            missed_count=Count("bookings", filter=booked & Q(bookings__attended=False)),
        )


class Session(models.Model):
    """One occurrence of a service."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="sessions")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="sessions")
    slot = models.ForeignKey(
        ScheduleSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    walk_ins = models.PositiveSmallIntegerField(
        _("walk-ins"), default=0, help_text=_("People who came without booking.")
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["centre", "starts_at"], name="session_centre_start")]
        constraints = [
            models.UniqueConstraint(fields=["service", "starts_at"], name="one_session_per_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_places"),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(models.QuerySet):
    def live(self):
        """Bookings that hold a place or a place on the waiting list (not cancelled):
        a member has at most one live booking per session."""
        return self.exclude(status=BookingStatus.CANCELLED)


class FeeStatus(models.TextChoices):
    NONE = "none", _("No fee")
    DUE = "due", _("Fee not yet paid")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")


class Booking(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    fee_status = models.CharField(
        _("fee"), max_length=10, choices=FeeStatus.choices, default=FeeStatus.NONE
    )
    waiver_reason = models.CharField(_("reason for the waiver"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "centres.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=~models.Q(status="cancelled"),
                name="one_live_booking_per_member",
            ),
            models.CheckConstraint(
                condition=~models.Q(fee_status="waived") | ~models.Q(waiver_reason=""),
                name="waiver_has_reason",
            ),
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.member} → {self.session}"

    @property
    def centre_id(self) -> int:
        return self.session.centre_id


class Child(models.Model):
    """A member's child using childcare, and who may collect them."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="children")
    # Children's names and their collectors' are personal data: encrypted at rest.
    name = EncryptedTextField(_("child's name"))
    collectors = EncryptedTextField(
        _("who may collect the child"),
        help_text=_("One name per line. Nobody else may take the child."),
    )

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return self.name

    @property
    def centre_id(self) -> int:
        return self.member.centre_id

    def may_be_collected_by(self, person: str) -> bool:
        wanted = " ".join(person.split()).casefold()
        return bool(wanted) and any(
            " ".join(line.split()).casefold() == wanted for line in self.collectors.splitlines()
        )


class PickUp(models.Model):
    """Every attempt to collect a child, allowed or refused."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pick_ups")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="pick_ups")
    collector = EncryptedTextField(_("collected by"))
    allowed = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        "centres.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("pick-up")
        verbose_name_plural = _("pick-ups")

    def __str__(self) -> str:
        return f"{self.child} — {self.collector}"

    @property
    def centre_id(self) -> int:
        return self.session.centre_id
