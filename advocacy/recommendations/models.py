"""Recommendations, the released figures they cite, their frozen evidence and responses."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.local_time import before_local_today

TEXT_MAX = 10_000


class AddresseeKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    RECRUITER = "recruiter", _("Recruiter or recruitment agency")
    LABOUR_OFFICE = "labour_office", _("Labour office or inspectorate")
    MINISTRY = "ministry", _("Ministry")
    UNION = "union", _("Trade union")
    EMBASSY = "embassy", _("Embassy labour attaché")
    OTHER = "other", _("Other body")


# Addressees that are employers: never named to workers.
EMPLOYER_KINDS = frozenset({AddresseeKind.EMPLOYER, AddresseeKind.RECRUITER})


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESPONDED = "responded", _("Response received")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY = "partly", _("Partly implemented")
    REJECTED = "rejected", _("Rejected")
    NO_RESPONSE = "no_response", _("No response")


S = RecommendationStatus
# The workflow. A late answer after "no response" is still recorded.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SENT}),
    S.SENT: frozenset({S.ACKNOWLEDGED, S.RESPONDED, S.NO_RESPONSE}),
    S.ACKNOWLEDGED: frozenset({S.RESPONDED, S.NO_RESPONSE}),
    S.RESPONDED: frozenset({S.IMPLEMENTED, S.PARTLY, S.REJECTED}),
    S.NO_RESPONSE: frozenset({S.RESPONDED}),
    S.IMPLEMENTED: frozenset(),
    S.PARTLY: frozenset(),
    S.REJECTED: frozenset(),
}
AWAITING = frozenset({S.SENT, S.ACKNOWLEDGED, S.RESPONDED})
OUTCOMES = frozenset({S.IMPLEMENTED, S.PARTLY, S.REJECTED, S.NO_RESPONSE})


class RecommendationQuerySet(models.QuerySet):
    def for_centre(self, centre) -> RecommendationQuerySet:
        return self.filter(centre=centre)

    def for_programme(self, programme) -> RecommendationQuerySet:
        return self.filter(programme=programme)

    def sent(self) -> RecommendationQuerySet:
        return self.exclude(status=S.DRAFT)

    def follow_up_due(self, today=None) -> RecommendationQuerySet:
        """Awaiting a response with the follow-up date reached: on or before `today` if
        given, else the current date of the recommendation's centre (or, for a
        programme's, the programme's) time zone."""
        if today is not None:
            return self.filter(status__in=AWAITING, follow_up_on__lte=today)
        reached = Q(centre__isnull=False) & before_local_today(
            "centre__time_zone", "follow_up_on__lte"
        ) | Q(centre__isnull=True) & before_local_today("programme__time_zone", "follow_up_on__lte")
        return self.filter(reached, status__in=AWAITING)


class Recommendation(models.Model):
    """A centre's (or, built by a coordinator, a programme's) recommendation."""

    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    programme = models.ForeignKey(
        "centres.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    title = models.CharField(_("title"), max_length=200)
    addressee_kind = models.CharField(
        _("addressed to"), max_length=20, choices=AddresseeKind.choices
    )
    addressee_name = models.CharField(_("name of the addressee"), max_length=200)
    deficits = models.JSONField(_("decent-work deficits"), default=list)
    text = models.TextField(_("recommendation"), max_length=TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=20, choices=RecommendationStatus.choices, default=S.DRAFT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["centre", "status"], name="recommendation_centre_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(centre__isnull=True, programme__isnull=False)
                | Q(centre__isnull=False, programme__isnull=True),
                name="recommendation_of_a_centre_or_a_programme",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(sent_on__isnull=False),
                name="recommendation_sent_has_date",
            ),
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        prefix = self.centre.code if self.centre_id else f"P{self.programme_id}"
        return f"{prefix}-R{self.pk:04d}"

    @property
    def addressee_is_employer(self) -> bool:
        return self.addressee_kind in EMPLOYER_KINDS

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, frozenset())


class EvidenceItem(models.Model):
    """One released figure a draft cites: a cell of a release's published table."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="evidence_items"
    )
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=10)  # "2026-03", "2026-Q1", "2026"
    table = models.CharField(_("table"), max_length=40)
    label = models.CharField(_("row"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "centre", "period", "table", "label"],
                name="one_evidence_item_per_cell",
            )
        ]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return f"{self.period} {self.table} {self.label}"


class EvidenceSnapshotIsFrozen(Exception):
    def __init__(self) -> None:
        super().__init__("An evidence snapshot never changes once frozen.")


class FrozenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise EvidenceSnapshotIsFrozen

    def delete(self):
        raise EvidenceSnapshotIsFrozen


def canonical_json(content) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content) -> str:
    """SHA-256 (hex) of `canonical_json(content)`."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


class EvidenceSnapshot(models.Model):
    """The evidence of a sent recommendation, frozen: written once, never changed.

    `content` = {"recommendation": reference, "frozen_at": ISO instant, "items": [{"centre",
    "period", "table", "label", "description", "value", "release": {"id", "released_at",
    "threshold"}}...]}. `content_hash` = SHA-256 of its canonical JSON."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, related_name="snapshot"
    )
    frozen_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)

    objects = FrozenQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence snapshot")
        verbose_name_plural = _("evidence snapshots")

    def __str__(self) -> str:
        return f"{self.recommendation_id}:{self.content_hash[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise EvidenceSnapshotIsFrozen
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EvidenceSnapshotIsFrozen

    def verify(self) -> bool:
        """True when the stored content still hashes to the stored hash."""
        return content_hash(self.content) == self.content_hash

    @property
    def centre_id(self):
        return self.recommendation.centre_id


class RecommendationResponse(models.Model):
    """What the addressee answered, and when."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("what they answered"), max_length=TEXT_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("response to a recommendation")
        verbose_name_plural = _("responses to recommendations")

    def __str__(self) -> str:
        return f"{self.recommendation_id} — {self.received_on}"
