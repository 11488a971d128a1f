"""Committees of a centre, their seats, and the terms for which members hold them."""

from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.names import NameField, UniqueNameMixin, unique_name
from centres.retention import REMOVED_TEXT


class CommitteeQuerySet(models.QuerySet):
    def for_centre(self, centre) -> CommitteeQuerySet:
        return self.filter(centre=centre)


class Committee(UniqueNameMixin, models.Model):
    """A body the members elect, e.g. the workers' committee or a women's committee.

    Its rules: the quorum of a meeting, as a percentage of the seats (rounded up),
    and the length of a term in months.
    """

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="committees"
    )
    name = NameField(_("name"), max_length=150)
    quorum_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("quorum (% of seats)"),
        default=51,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            unique_name("name", "centre", name="committee_name_per_centre"),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100),
                name="committee_quorum_is_a_percentage",
            ),
        ]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name

    def quorum(self, seats: int | None = None) -> int:
        """Seats that must be present: ceil(seats × quorum_percent / 100), at least 1."""
        seats = self.seats.count() if seats is None else seats
        return max(1, math.ceil(seats * self.quorum_percent / 100))


class SeatTitle(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")
    CUSTOM = "custom", _("Other title")


class Seat(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    title = models.CharField(_("title"), max_length=20, choices=SeatTitle.choices)
    custom_title = models.CharField(_("other title"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["committee", "position", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return self.custom_title if self.title == SeatTitle.CUSTOM else self.get_title_display()

    @property
    def centre_id(self) -> int:
        return self.committee.centre_id


class SeatTermQuerySet(models.QuerySet):
    def current(self, on: date) -> SeatTermQuerySet:
        """Terms held on the day `on` (a date in the centre's calendar:
        `centres.local_time.today(centre)` for today)."""
        return self.filter(starts_on__lte=on, ends_on__gt=on)

    def overlapping(self, starts_on: date, ends_on: date) -> SeatTermQuerySet:
        """Terms held on any day from `starts_on` up to (not including) `ends_on`: the
        terms a new term of the same seat for those days would overlap."""
        return self.filter(starts_on__lt=ends_on, ends_on__gt=starts_on)

    def with_ballot_names(self) -> SeatTermQuerySet:
        """Each term with `ballot_name`: the name its holder stood under in the election
        that filled it (`Candidate.display_name`), or None for a seat filled without
        one. What `SeatTerm.public_name` shows, in the same query."""
        from .elections import Candidate

        stood_as = Candidate.objects.filter(
            election=models.OuterRef("election"), member=models.OuterRef("member")
        ).values("display_name")[:1]
        return self.annotate(ballot_name=models.Subquery(stood_as))


class SeatTerm(models.Model):
    """A member holding a seat from `starts_on` up to (not including) `ends_on`.

    Kept after the term ends: the committee's history. `role_ended_at` records when
    the committee-member role that came with the seat was taken back.

    One holder per seat at a time: a term overlapping another term of its seat is
    refused by `save` (`check_seat_free`), whatever path creates it (co-option,
    certification, the admin, a fixture). The seat's row is locked while it checks,
    so two writers of one seat cannot both pass.
    """

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="terms")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="terms")
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    election = models.ForeignKey(
        "members.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    role_ended_at = models.DateTimeField(null=True, blank=True)

    objects = SeatTermQuerySet.as_manager()

    class Meta:
        ordering = ["seat", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="term_ends_after_it_starts"
            ),
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"{self.seat} {self.starts_on}–{self.ends_on}"

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if fields is not None and not {"seat", "starts_on", "ends_on"} & set(fields):
            super().save(*args, **kwargs)  # e.g. `role_ended_at`: the dates stay
            return
        with transaction.atomic():
            # Writers of one seat's terms wait for each other: the check and the
            # insert are one step.
            Seat.objects.select_for_update().filter(pk=self.seat_id).first()
            self.check_seat_free()
            super().save(*args, **kwargs)

    def clean(self) -> None:
        self.check_seat_free()

    def check_seat_free(self) -> None:
        """Raises ValidationError (on `starts_on`) when another term of the seat is held
        on any day of this one: two chairs at once would both hold the role."""
        if not (self.seat_id and self.starts_on and self.ends_on):
            return
        others = SeatTerm.objects.filter(seat=self.seat_id).exclude(pk=self.pk)
        held = others.overlapping(self.starts_on, self.ends_on).order_by("-ends_on").first()
        if held is not None:
            raise ValidationError(
                {
                    "starts_on": gettext(
                        "This seat is already held for that time: its term runs until %(day)s."
                    )
                    % {"day": formats.date_format(held.ends_on, "DATE_FORMAT")}
                }
            )

    @property
    def public_name(self) -> str:
        """How the holder is named wherever the seat is public: the name she stood
        under on the ballot (`with_ballot_names`), "A former candidate" once she was
        erased, and "A co-opted member" for a seat filled without an election. The
        registered name is never shown here: it stays with staff."""
        if self.election_id is None:
            return gettext("A co-opted member")
        if not hasattr(self, "ballot_name"):  # not read `with_ballot_names`: one query
            from .elections import Candidate

            stood_as = Candidate.objects.filter(election=self.election_id, member=self.member_id)
            self.ballot_name = stood_as.values_list("display_name", flat=True).first()
        name = self.ballot_name or REMOVED_TEXT
        if name == REMOVED_TEXT:
            return gettext("A former candidate")
        return name
