"""How long each class of data is kept (per programme), and what each daily run did."""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _period(label, *, default: int, lowest: int, highest: int, help_text) -> models.Field:
    """A retention period: a whole number of the unit its field's name ends with."""
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(lowest), MaxValueValidator(highest)],
        help_text=help_text,
    )


class RetentionPolicy(models.Model):
    """The retention periods of one programme. A programme without a row uses the
    defaults below (`policy_for`); an administrator changes them in the admin, and
    managers see them, read-only, on their centre's retention page.

    The defaults, and why:

    - **Inactive members, 24 months** without a visit, booking, case or vote. Migrant
      workers' contracts run mostly for two years; after two years of silence the person
      has most likely left the job or the country, and a record naming them is only a
      risk to them. Coming back costs a minute: registration is quick and never gates a
      visit.
    - **Closed cases, 3 years** after closing, then narrative, notes, contacts and
      pseudonym are removed; issue types, outcome and remedies stay for statistics.
      Long enough for a reopened case, a second claim against the same employer or a
      referral partner's question, and for the limitation periods of most labour claims.
    - **Feedback comments, 12 months.** Comments are read and coded into themes within
      weeks; the codes stay. A year covers the yearly planning cycle that reads them.
    - **Texts of service requests, 12 months.** A request is answered and counted as
      demand for its kind of service within a planning cycle; the kind and status stay.
    - **Kiosk and booth tokens, 90 days.** A tablet's link is a bearer secret: a lost or
      stolen tablet stops working within a quarter even if nobody remembered to revoke
      it. Issuing a new link takes a manager a minute.
    - **Audit entries, 6 years.** Longer than a case lives (open, then 3 years closed),
      so every read of a case that still exists can be answered for, and within the
      common six-year period for civil claims. Removed only by the owner role
      (`manage.py purge_audit_trail`), never by the daily task.
    """

    programme = models.OneToOneField(
        "centres.Programme",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="retention_policy",
        verbose_name=_("programme"),
    )
    inactive_member_months = _period(
        _("inactive members: months"),
        default=24,
        lowest=6,
        highest=120,
        help_text=_(
            "A member with no visit, booking, case or vote for this long is anonymised as "
            "an erasure would. Most contracts of migrant workers run for two years; after "
            "two years of silence a record naming the person is only a risk to them."
        ),
    )
    closed_case_years = _period(
        _("closed cases: years"),
        default=3,
        lowest=1,
        highest=20,
        help_text=_(
            "After this long closed, a case loses its narrative, notes, contacts and "
            "pseudonym; its issue types, outcome and remedies stay for statistics. Long "
            "enough for a reopened case, a second claim or a partner's question, and for "
            "the limitation periods of most labour claims."
        ),
    )
    feedback_comment_months = _period(
        _("feedback comments: months"),
        default=12,
        lowest=1,
        highest=120,
        help_text=_(
            "The words of a feedback comment are removed after this long; its themes and "
            "sentiment stay. Comments are coded within weeks, and a year covers the "
            "planning cycle that reads them."
        ),
    )
    request_text_months = _period(
        _("texts of service requests: months"),
        default=12,
        lowest=1,
        highest=120,
        help_text=_(
            "The words of a worker's request are removed after this long; its kind of "
            "service and status stay as counted demand for the planning cycle."
        ),
    )
    device_token_days = _period(
        _("kiosk and booth tokens: days"),
        default=90,
        lowest=7,
        highest=730,
        help_text=_(
            "A kiosk's or voting booth's link stops working this long after it was "
            "issued, so a lost tablet cannot log visits or show a ballot for long even "
            "if nobody revoked it."
        ),
    )
    audit_entry_years = _period(
        _("audit entries: years"),
        default=6,
        lowest=1,
        highest=30,
        help_text=_(
            "Entries older than this are removed by a documented procedure run by the "
            "database's owner, never by the application. Longer than a case lives, so "
            "every read of a case that still exists can be answered for."
        ),
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return str(self.programme)

    PERIOD_FIELDS = (
        "inactive_member_months",
        "closed_case_years",
        "feedback_comment_months",
        "request_text_months",
        "device_token_days",
        "audit_entry_years",
    )

    def cutoff(self, period_field: str, now: datetime) -> datetime:
        """The instant before which a row of this class is past its period."""
        amount = getattr(self, period_field)
        unit = period_field.rsplit("_", 1)[1]  # months, years or days
        return now - relativedelta(**{unit: amount})


def policy_for(programme) -> RetentionPolicy:
    """The programme's policy, or the defaults (unsaved) when it has none."""
    try:
        return programme.retention_policy
    except RetentionPolicy.DoesNotExist:
        return RetentionPolicy(programme=programme)


class RetentionRun(models.Model):
    """One day's application of the retention periods. Counts only, never contents.

    One row per day: a run interrupted and started again (a worker killed mid-task,
    the message redelivered) adds to the same row, and each batch adds its count in
    the transaction that changed the rows, so counts are exact.
    """

    day = models.DateField(_("day"), unique=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return str(self.day)


class RetentionCount(models.Model):
    """How many rows of one data class of one centre a run anonymised or removed."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="counts")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    data_class = models.CharField(_("data class"), max_length=40)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["data_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "centre", "data_class"], name="one_count_per_class_per_run"
            ),
        ]
        verbose_name = _("retention count")
        verbose_name_plural = _("retention counts")

    def __str__(self) -> str:
        return f"{self.data_class}: {self.count}"
