"""Paper ballots: the roll is marked for each paper voter, and after a hand count two
officers enter the totals per option of each batch (the second blind, as a check).

Only single-mark and approval ballots go on paper: their totals add up. Ranked ballots
need each paper's full order, so their voters use a phone or the booth.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from centres.audit import records_actor
from centres.local_time import today
from centres.models import User
from centres.numbers import figure
from centres.templatetags.bidi import isolated
from members.models import Member

from ..models import Ballot, BallotMethod, PaperBatch, Participation, VoteChannel
from .booth import check_voter

PAPER_METHODS = frozenset({BallotMethod.PLURALITY, BallotMethod.APPROVAL})


def _check_paper(ballot: Ballot) -> None:
    if ballot.method not in PAPER_METHODS:
        raise ValidationError(
            _("Ranked ballots are not counted on paper: voters use the booth or their phone.")
        )


@records_actor
@transaction.atomic
def paper_mark(*, ballot: Ballot, member: Member, by: User) -> Participation:
    """Mark the roll for a member who voted on paper (their choices are in a batch total).

    Takes the same lock as a vote online or at the booth (`check_voter`), and checks
    the ballot's state under it: a mark never lands in a ballot being closed or
    withdrawn, nor beside a vote of the same member cast at the same moment."""
    _check_paper(ballot)
    ballot = check_voter(ballot, member)
    try:
        with transaction.atomic():
            return Participation.objects.create(
                ballot=ballot,
                member=member,
                channel=VoteChannel.PAPER,
                voted_on=today(ballot.committee.centre),
            )
    except IntegrityError:
        raise ValidationError(_("This member has already voted in this ballot.")) from None


def _clean_totals(ballot: Ballot, papers: int, totals: Mapping) -> dict[str, int]:
    options = [str(pk) for pk in ballot.options.values_list("pk", flat=True)]
    try:
        clean = {str(key): int(value) for key, value in totals.items()}
    except (TypeError, ValueError):
        raise ValidationError(_("Give a whole number for every option.")) from None
    if sorted(clean) != sorted(options):
        raise ValidationError(_("Give a total for every option of the ballot."))
    if papers < 1 or any(value < 0 for value in clean.values()):
        raise ValidationError(_("Totals and the number of papers cannot be negative."))
    most = papers if ballot.method == BallotMethod.PLURALITY else papers * (ballot.max_choices or 1)
    if any(value > papers for value in clean.values()) or sum(clean.values()) > most:
        raise ValidationError(_("The totals add up to more marks than the papers allow."))
    return clean


def _check_papers_marked(ballot: Ballot, papers: int) -> None:
    """Batches cannot hold more papers than voters marked on the roll as voting on paper."""
    counted = ballot.paper_batches.aggregate(n=Sum("papers"))["n"] or 0
    marked = ballot.participations.filter(channel=VoteChannel.PAPER).count()
    if counted + papers > marked:
        raise ValidationError(
            _(
                "The batches hold more papers (%(papers)s) than voters marked on the roll "
                "as voting on paper (%(marked)s)."
            )
            % {"papers": figure(counted + papers), "marked": figure(marked)}
        )


@records_actor
@transaction.atomic
def paper_batch_enter(
    *, ballot: Ballot, by: User, label: str, papers: int, totals: Mapping
) -> PaperBatch:
    """The first officer's entry of a hand-counted batch; counted once confirmed."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    _check_paper(ballot)
    if not ballot.is_open:
        raise ValidationError(_("Paper batches are entered while the ballot is open."))
    label = label.strip()
    if not label:
        raise ValidationError(_("Name the batch, e.g. the box number."))
    if ballot.paper_batches.filter(label__iexact=label).exists():
        raise ValidationError(_("A batch of this name was already entered."))
    batch = PaperBatch(ballot=ballot, label=label, papers=papers, totals=totals, entered_by=by)
    batch.clean_fields(exclude=["totals"])  # the batch's bounds (`PaperBatch.papers`)
    batch.totals = _clean_totals(ballot, papers, totals)
    _check_papers_marked(ballot, papers)
    batch.clean()  # its size: none is small enough to tell a vote (`PaperBatch.clean`)
    batch.save()
    return batch


@records_actor
@transaction.atomic
def paper_batch_confirm(*, batch: PaperBatch, by: User, papers: int, totals: Mapping) -> PaperBatch:
    """A second officer enters the same batch again, without seeing the first entry;
    the batch is confirmed (and will be counted) only if both entries agree."""
    batch = PaperBatch.objects.select_for_update().select_related("ballot").get(pk=batch.pk)
    if batch.confirmed_at is not None:
        # Two officers confirming at once: the second waits on the lock, then learns who
        # was first. The name is isolated so that it reads whole in any direction.
        if batch.confirmed_by is None:  # an account deleted since
            raise ValidationError(_("This batch is already confirmed."))
        who = batch.confirmed_by.name or batch.confirmed_by.email
        raise ValidationError(
            _("This batch was already confirmed by %(name)s.") % {"name": isolated(who)}
        )
    if batch.entered_by_id == by.pk:
        raise ValidationError(_("A second officer must confirm the batch."))
    if not batch.ballot.is_open:
        raise ValidationError(_("Paper batches are confirmed while the ballot is open."))
    clean = _clean_totals(batch.ballot, papers, totals)
    if papers != batch.papers or clean != {str(k): int(v) for k, v in batch.totals.items()}:
        raise ValidationError(
            _("Your totals differ from the first entry. Count the batch again together.")
        )
    batch.confirmed_by = by
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["confirmed_by", "confirmed_at"])
    return batch


@records_actor
@transaction.atomic
def paper_batch_discard(*, batch: PaperBatch, by: User) -> None:
    """Drop an unconfirmed entry (a miscount) so that it can be entered again."""
    batch = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.confirmed_at is not None:
        raise ValidationError(_("A confirmed batch is counted and cannot be discarded."))
    batch.delete()
