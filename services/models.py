"""Services the centre offers: categories of activity (seed §9–10), services and
their sessions, bookings and attendance, childcare pick-ups, workers' requests, and
the partners the centre refers people to."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.fields import EncryptedTextField


class PartnerKind(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer or legal aid")
    CLINIC = "clinic", _("Clinic or health service")
    UNION = "union", _("Trade union")
    SHELTER = "shelter", _("Shelter")
    LABOUR_ATTACHE = "attache", _("Embassy labour attaché")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class ReferralPartner(models.Model):
    """An organisation the centre refers workers to."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.CASCADE, related_name="referral_partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    contact = models.TextField(_("how to reach them"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("referral partner")
        verbose_name_plural = _("referral partners")

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class Service(models.Model):
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
    name = models.CharField(_("name"), max_length=200)
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
    languages = models.CharField(_("languages"), max_length=200, blank=True)
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
