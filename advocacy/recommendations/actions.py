"""Writes of recommendations: drafting, citing released figures, sending (which freezes
the evidence), moving along the workflow and recording responses. Audited through
django-auditlog (status, dates, owner), never the letter's text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import local_time
from centres.dates import check_happened
from centres.models import Centre, Programme, User

from ..feedback.models import ThemeCode
from ..statistics.periods import period_key
from .evidence import cell_value, check_cited_period, check_sendable
from .models import (
    TEXT_MAX,
    AddresseeKind,
    EvidenceItem,
    EvidenceSnapshot,
    Recommendation,
    RecommendationResponse,
    RecommendationStatus,
    content_hash,
)

S = RecommendationStatus


def _check_fields(*, title: str, addressee_kind: str, addressee_name: str, deficits, text: str):
    if addressee_kind not in AddresseeKind.values:
        raise ValidationError(_("Choose who the recommendation is addressed to."))
    if not title.strip() or not addressee_name.strip() or not text.strip():
        raise ValidationError(_("Give a title, the addressee's name and the recommendation."))
    if len(text) > TEXT_MAX:
        raise ValidationError(_("The recommendation is too long."))
    deficits = list(dict.fromkeys(deficits))
    if not deficits or not set(deficits) <= set(ThemeCode.values):
        raise ValidationError(_("Choose at least one decent-work deficit from the list."))
    return deficits


@transaction.atomic
def recommendation_draft(
    *,
    by: User,
    owner: User,
    title: str,
    addressee_kind: str,
    addressee_name: str,
    deficits: Iterable[str],
    text: str,
    centre: Centre | None = None,
    programme: Programme | None = None,
    proposed: bool = False,
    follow_up_on: date | None = None,
) -> Recommendation:
    """A new draft. `proposed`: drafted by the committee for the manager (`owner`)."""
    deficits = _check_fields(
        title=title, addressee_kind=addressee_kind, addressee_name=addressee_name,
        deficits=deficits, text=text,
    )  # fmt: skip
    if (centre is None) == (programme is None):
        raise ValidationError(_("A recommendation belongs to one centre or to one programme."))
    return Recommendation.objects.create(
        centre=centre,
        programme=programme,
        title=title.strip(),
        addressee_kind=addressee_kind,
        addressee_name=addressee_name.strip(),
        deficits=deficits,
        text=text.strip(),
        owner=owner,
        proposed_by=by if proposed else None,
        follow_up_on=follow_up_on,
    )


def _locked_draft(recommendation: Recommendation) -> Recommendation:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != S.DRAFT:
        raise ValidationError(_("A sent recommendation cannot be changed."))
    return recommendation


@transaction.atomic
def recommendation_edit(
    *, recommendation: Recommendation, by: User, title: str, addressee_kind: str,
    addressee_name: str, deficits: Iterable[str], text: str, follow_up_on: date | None = None,
) -> Recommendation:  # fmt: skip
    recommendation = _locked_draft(recommendation)
    recommendation.deficits = _check_fields(
        title=title, addressee_kind=addressee_kind, addressee_name=addressee_name,
        deficits=deficits, text=text,
    )  # fmt: skip
    recommendation.title, recommendation.text = title.strip(), text.strip()
    recommendation.addressee_kind, recommendation.addressee_name = addressee_kind, addressee_name
    recommendation.follow_up_on = follow_up_on
    recommendation.save()
    return recommendation


def _evidence_centres(recommendation: Recommendation) -> set[int]:
    if recommendation.centre_id:
        return {recommendation.centre_id}
    return set(recommendation.programme.centres.values_list("pk", flat=True))


@transaction.atomic
def evidence_cite(
    *,
    recommendation: Recommendation,
    by: User,
    centre: Centre,
    period: str,
    cells: Iterable[tuple[str, str]],
) -> list[EvidenceItem]:
    """Cite released figures `cells` ((table, label) pairs) of `centre` for `period`.
    Refuses (ValidationError) an open period, a week (the page offers months,
    quarters and years), a custom range, a hidden cell, a centre outside the
    recommendation's scope, and any change after sending."""
    recommendation = _locked_draft(recommendation)
    period = period_key(period)  # one item per figure, however the period was typed
    check_cited_period(period)
    if centre.pk not in _evidence_centres(recommendation):
        raise ValidationError(_("Evidence comes from the recommendation's own centres."))
    cells = list(cells)
    if not cells:
        raise ValidationError(_("Choose at least one figure."))
    items, position = [], recommendation.evidence_items.count()
    for table, label in cells:
        cell_value(centre=centre, period=period, table=table, label=label)
        item, created = EvidenceItem.objects.get_or_create(
            recommendation=recommendation, centre=centre, period=period, table=table, label=label,
            defaults={"position": position},
        )  # fmt: skip
        position += int(created)
        items.append(item)
    return items


@transaction.atomic
def evidence_remove(*, recommendation: Recommendation, by: User, item_id: int) -> None:
    recommendation = _locked_draft(recommendation)
    recommendation.evidence_items.filter(pk=item_id).delete()


def _freeze(recommendation: Recommendation, now) -> EvidenceSnapshot:
    from .evidence import describe

    items = []
    for item in recommendation.evidence_items.select_related("centre"):
        value, stored = cell_value(
            centre=item.centre, period=item.period, table=item.table, label=item.label
        )
        items.append(
            {
                "centre": item.centre.name,
                "period": item.period,
                "table": item.table,
                "label": item.label,
                "description": describe(centre=item.centre, table=item.table, label=item.label),
                "value": value,
                "release": {
                    "id": stored.pk,
                    "released_at": stored.released_at.isoformat(),
                    "threshold": stored.threshold,
                },
            }
        )
    content = {
        "recommendation": recommendation.reference,
        "addressee": recommendation.addressee_name,
        "deficits": recommendation.deficits,
        "frozen_at": now.isoformat(),
        "items": items,
    }
    return EvidenceSnapshot.objects.create(
        recommendation=recommendation, frozen_at=now, content=content,
        content_hash=content_hash(content),
    )  # fmt: skip


@transaction.atomic
def recommendation_send(
    *, recommendation: Recommendation, by: User, sent_on: date | None = None,
    follow_up_on: date | None = None,
) -> Recommendation:  # fmt: skip
    """Mark a draft sent and freeze its evidence (EvidenceSnapshot with its SHA-256).
    Refuses (ValidationError) a recommendation not a draft, without evidence, or with
    a figure cited for a week before weeks were refused (`check_sendable`), nothing
    sent. Sending twice freezes once."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    owner = recommendation.centre or recommendation.programme
    check_happened(owner, sent_on=sent_on)
    if recommendation.status != S.DRAFT:
        raise ValidationError(_("This recommendation has already been sent."))
    if not recommendation.evidence_items.exists():
        raise ValidationError(_("Cite at least one released figure before sending."))
    check_sendable(recommendation.evidence_items.select_related("centre"))
    now = timezone.now()
    _freeze(recommendation, now)
    recommendation.status = S.SENT
    recommendation.sent_on = sent_on or local_time.today(owner, now)
    if follow_up_on is not None:
        recommendation.follow_up_on = follow_up_on
    recommendation.save(update_fields=["status", "sent_on", "follow_up_on"])
    return recommendation


@transaction.atomic
def recommendation_move(
    *, recommendation: Recommendation, by: User, status: str, follow_up_on: date | None = None
) -> Recommendation:
    """Move a sent recommendation along the workflow (TRANSITIONS); anything else is
    refused with ValidationError. Sending goes through `recommendation_send`."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if status == S.SENT or not recommendation.can_move_to(status):
        raise ValidationError(
            _("A recommendation cannot go from “%(a)s” to “%(b)s”.")
            % {
                "a": recommendation.get_status_display(),
                "b": S(status).label if status in S.values else status,
            }
        )
    if status == S.RESPONDED and not recommendation.responses.exists():
        raise ValidationError(_("Record the response first."))
    recommendation.status = status
    recommendation.follow_up_on = follow_up_on
    recommendation.save(update_fields=["status", "follow_up_on"])
    return recommendation


@transaction.atomic
def response_record(
    *, recommendation: Recommendation, by: User, received_on: date, summary: str
) -> RecommendationResponse:
    """Record an addressee's answer; a sent or acknowledged recommendation (or one marked
    "no response") becomes "response received"."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status == S.DRAFT:
        raise ValidationError(_("A draft has not been sent, so it has no response."))
    if not summary.strip():
        raise ValidationError(_("Write what they answered."))
    owner = recommendation.centre or recommendation.programme
    check_happened(owner, received_on=received_on)
    if recommendation.sent_on and received_on < recommendation.sent_on:
        raise ValidationError(_("The date must be between sending and today."))
    same = recommendation.responses.filter(received_on=received_on, summary=summary.strip()).first()
    if same is not None:  # the same form sent twice
        return same
    response = RecommendationResponse.objects.create(
        recommendation=recommendation, received_on=received_on, summary=summary.strip(),
        recorded_by=by,
    )  # fmt: skip
    if recommendation.can_move_to(S.RESPONDED):
        recommendation.status = S.RESPONDED
        recommendation.save(update_fields=["status"])
    return response
