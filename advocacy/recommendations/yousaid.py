""" "You said, we did": what workers raised and what the centre did about it, for members.

Figures come only from the disclosure-control layer's release of the last closed
quarter (small cells already hidden); the employer table is never read, and a
recommendation to an employer or recruiter is shown by the addressee's kind, never
its name nor its title (a title may name an employer).

Self-governance (members.governance): the latest closed priority ballot as its ranking
(places, not vote counts: the counts stay on the governance page), the manager's
responses to priorities and the committee's published decisions. Their free text is
typed by people, so any name of one of the centre's employers in it is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from centres import local_time
from centres.models import Centre
from members.governance.selectors import (
    ballot_results,
    latest_priorities,
    priority_responses,
    published_decisions,
    settled_by_rule,
)

from ..feedback.models import ThemeCode
from ..statistics.beginnings import first_day
from ..statistics.labels import Labeller, period_name
from ..statistics.periods import Period, centre_zone, existed
from ..statistics.schedule import not_released_yet, stored_release
from .models import AddresseeKind, Recommendation
from .redaction import EmployerNames, shown_addressee

TOP = 5
ANSWERS = 8
DECISIONS = 5
# Tables of the release that say what workers raised (never "cases.employer").
RAISED_TABLES = {
    "feedback.theme": "themes",
    "cases.issue": "issues",
    "requests.category": "requests",
}


@dataclass
class Raised:
    label: str
    count: int


@dataclass
class Done:
    addressee: str
    deficits: list[str]
    status: str
    sent_on: date
    responded_on: date | None


@dataclass
class Answer:
    priority: str
    status: str
    reason: str
    on: date


@dataclass
class Decided:
    on: date
    text: str


@dataclass(frozen=True)
class Place:
    """A priority in the members' order: options with equal counts share a place."""

    place: int
    label: str
    tied: bool
    won_by_lot: bool = False


@dataclass
class YouSaidWeDid:
    period: str
    not_released: str = ""  # the quarter's release is not stored yet: why no figures
    themes: list[Raised] = field(default_factory=list)
    issues: list[Raised] = field(default_factory=list)
    requests: list[Raised] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)
    ballot: str = ""  # the latest closed priority ballot's question
    priorities: list[Place] = field(default_factory=list)  # its options, first place first
    settled_by_order: bool = False  # its count settled a level preference by a fixed rule
    answers: list[Answer] = field(default_factory=list)
    decisions: list[Decided] = field(default_factory=list)


def _top(published: dict[str, int | None], name, *, skip=("", "*other")) -> list[Raised]:
    rows = [
        Raised(name(label), value)
        for label, value in published.items()
        if value and label not in skip  # hidden (None) and zero rows are left out
    ]
    return sorted(rows, key=lambda row: -row.count)[:TOP]


def you_said_we_did(centre: Centre, today: date | None = None) -> YouSaidWeDid:
    """The page's content: top rows of the last closed quarter's stored release (never
    released here: the hourly schedule does), and the recommendations sent in the last
    year with their outcome. A handful of queries."""
    today = today or local_time.today(centre)
    quarter = Period.containing("quarter", today).previous()
    result = YouSaidWeDid(period=period_name(quarter))
    stored = stored_release(centre, quarter)
    if stored is None and existed(quarter, first_day([centre], centre_zone(centre))):
        result.not_released = not_released_yet(quarter)
    if stored is not None:
        labeller = Labeller(centre)
        for table, attribute in RAISED_TABLES.items():
            rows = _top(stored.table(table), lambda label, table=table: labeller(table, label))
            setattr(result, attribute, rows)
    kinds = dict(AddresseeKind.choices)
    recommendations = (
        Recommendation.objects.for_centre(centre)
        .sent()
        .filter(sent_on__gte=today - timedelta(days=365))
        .prefetch_related("responses")
        .order_by("-sent_on")
    )
    for recommendation in recommendations:
        responses = list(recommendation.responses.all())
        result.done.append(
            Done(
                addressee=(
                    shown_addressee(recommendation)
                    if recommendation.addressee_is_employer
                    else f"{recommendation.addressee_name} ({kinds[recommendation.addressee_kind]})"
                ),
                deficits=[
                    str(ThemeCode(code).label)
                    for code in recommendation.deficits
                    if code in ThemeCode.values
                ],
                status=recommendation.get_status_display(),
                sent_on=recommendation.sent_on,
                responded_on=responses[-1].received_on if responses else None,
            )
        )
    _governance(centre, result, today, EmployerNames(centre))
    return result


def _governance(centre: Centre, result: YouSaidWeDid, today: date, clean) -> None:
    """The latest priorities, the manager's answers, the committee's decisions. Four
    queries."""
    ballot = latest_priorities(centre)
    if ballot is not None:
        result.ballot = clean(ballot.question)
        result.priorities = [
            Place(row.place, clean(row.option.label), row.tied, row.won_by_lot)
            for row in ballot_results(ballot)
        ]
        result.settled_by_order = settled_by_rule(ballot)
    for response in priority_responses(centre)[:ANSWERS]:
        result.answers.append(
            Answer(
                priority=clean(response.option.label),
                status=response.get_status_display(),
                reason=clean(response.reason),
                on=timezone.localdate(response.responded_at, centre.time_zone),
            )
        )
    decisions = published_decisions(centre).filter(
        carried=True, meeting__held_on__gte=today - timedelta(days=365)
    )
    for decision in decisions[:DECISIONS]:
        result.decisions.append(
            Decided(on=decision.meeting.held_on, text=clean(decision.text or decision.motion))
        )
