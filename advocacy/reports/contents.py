"""What a report holds: the released tables of its period beside the previous period
and the same period a year before, and the sections that are not counts of people.

Figures are copied from stored releases (`statistics.releases.release`), never
counted here. Every table a release has is carried, in the layer's order, so tables
added to the layer later appear in new reports by themselves. Stored as lists: jsonb
keeps its own key order, a list keeps ours.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from members.governance.selectors import (
    ballot_results,
    counted_in_rounds,
    published_decisions,
    settled_by_rule,
)

from ..recommendations.models import Recommendation
from ..recommendations.redaction import EmployerNames
from ..statistics.beginnings import first_days
from ..statistics.family import DERIVED, STANDALONE
from ..statistics.models import Release
from ..statistics.periods import BeforeRecords, Period, PeriodKind, PeriodRefused, existed
from ..statistics.releases import release
from ..statistics.tables import OTHER, TABLES
from .programme import programme_tables, released
from .scope import Scope

COMPARED = ("current", "previous", "last_year")
# Released, but not carried into a report that may be handed to a donor: employers are
# named in recommendations the manager chooses to send, not in a routine report.
LEFT_OUT = frozenset({"cases.employer"})
_ORDER = [spec.name for spec in TABLES] + list(DERIVED) + list(STANDALONE)


def compared_periods(period: Period) -> dict[str, Period]:
    """The period, the one before, and the same one a year before: for a week, the week
    of the same ISO number (the last week of a year that has no week 53)."""
    if period.kind is PeriodKind.WEEK:
        iso = period.first.isocalendar()
        weeks = date(iso.year - 1, 12, 28).isocalendar().week
        year_before = Period.week(iso.year - 1, min(iso.week, weeks))
    else:
        year_before = Period.containing(
            period.kind, date(period.first.year - 1, period.first.month, 1)
        )
    return {"current": period, "previous": period.previous(), "last_year": year_before}


def table_order(names) -> list[str]:
    """The layer's order first, then tables it gained later, by name."""
    names = set(names) - LEFT_OUT
    known = [name for name in _ORDER if name in names]
    return known + sorted(names - set(known))


def label_order(labels) -> list[str]:
    """Numbers (hours, weekdays, ids) as numbers, codes by name, "others" and "not
    recorded" last."""

    def key(label: str):
        return (label in (OTHER, ""), label == "", not label.isdigit(), int(label or 0)
                if label.isdigit() else 0, label)  # fmt: skip

    return sorted(set(labels), key=key)


def releases_of(centre, periods: dict[str, Period], now: datetime) -> dict[str, Release | None]:
    return releases_of_centres([centre], periods, now)[centre.pk]


def releases_of_centres(
    centres, periods: dict[str, Period], now: datetime, *, release_missing: bool = True
) -> dict[int, dict[str, Release | None]]:
    """{centre id: {name: release of periods[name]}}: the stored releases in one query
    (without their exact month tables, which a report does not read), any missing one
    released (built) by `release`, as it would be one by one: only in a report build
    (a Celery task); a page passes `release_missing=False` and reads None for a release
    not stored yet. None also for a period the layer refuses to release on its own (a
    week across the new year), whose column then reads "not released"."""
    stored = {
        (r.centre_id, r.period_kind, r.period_start): r
        for r in _stored(centres, periods).defer("exact")
    }

    def missing(centre, period: Period) -> Release | None:
        return _release_or_none(centre, period, now) if release_missing else None

    return {
        centre.pk: {
            name: stored.get((centre.pk, p.kind.value, p.first)) or missing(centre, p)
            for name, p in periods.items()
        }
        for centre in centres
    }


def waiting_columns(centres, per_centre, periods: dict[str, Period], zone) -> list[str]:
    """The compared periods (names of COMPARED) of which some centre has figures but no
    stored release yet: the hourly schedule releases them (`statistics.schedule`). One
    query when a release is missing, none otherwise."""
    missing = {
        name
        for name, period in periods.items()
        if not period.crosses_year and any(per_centre[c.pk][name] is None for c in centres)
    }
    if not missing:
        return []
    begins = first_days(centres, zone)
    return [
        name
        for name in COMPARED
        if name in missing
        and any(
            per_centre[c.pk][name] is None and existed(periods[name], begins.get(c.pk))
            for c in centres
        )
    ]


def _release_or_none(centre, period: Period, now: datetime) -> Release | None:
    try:
        return release(centre=centre, period=period, now=now)
    except BeforeRecords:
        return None  # the centre's records begin later: no figures, not zeros
    except PeriodRefused:
        if not period.crosses_year:
            raise
        return None


def _stored(centres, periods: dict[str, Period]):
    wanted = Q()
    for period in periods.values():
        wanted |= Q(period_kind=period.kind.value, period_start=period.first)
    return Release.objects.filter(wanted, centre__in=centres)


def stored_release_ids(centres, periods: dict[str, Period]) -> list[int]:
    """Ids of the releases of `periods` already stored for `centres`, in order."""
    return list(_stored(centres, periods).order_by("pk").values_list("pk", flat=True))


def table_names(stored: Release) -> list[str]:
    return table_order(stored.published) + sorted(stored.magnitudes)


def centre_tables(releases: dict[str, Release | None]) -> list[dict]:
    """[{"name", "rows": [{"label", "values": [current, previous, last year: a count,
    or None], "absent": [indices of `values` whose release has no such row]}]}]: a
    None outside "absent" is a hidden figure. Tables and rows are the current period's;
    for a week not released on its own (across the new year), those of the first
    compared period that is released, so the week before and the year before are still
    shown beside its column of "—". [] when none of them is released."""
    current = next((releases[c] for c in COMPARED if releases[c] is not None), None)
    if current is None:
        return []

    def row(name: str, label: str) -> dict:
        tables = [None if releases[c] is None else released(releases[c], name) for c in COMPARED]
        return {
            "label": label,
            "values": [None if rows is None else rows.get(label) for rows in tables],
            # Columns whose release has no such row (or is not released at all): "—",
            # not "hidden" (None alone means suppressed).
            "absent": [n for n, rows in enumerate(tables) if rows is None or label not in rows],
        }

    return [
        {"name": name, "rows": [row(name, label) for label in label_order(released(current, name))]}
        for name in table_names(current)
    ]


def build_contents(
    scope: Scope, period: Period, *, now: datetime | None = None, release_missing: bool = True
) -> dict:
    """The contents of a report of `scope` for the closed `period`. A report build
    releases missing releases; a page (`release_missing=False`) reads stored ones only,
    and lists under "waiting" the compared periods whose release is not stored yet."""
    now = now or timezone.now()
    periods = compared_periods(period)
    centres = scope.centres()
    per_centre = releases_of_centres(centres, periods, now, release_missing=release_missing)
    before_records = [c for c in COMPARED if not existed(periods[c], scope.first_day)]
    contents: dict = {
        "period": period.key,
        "compared": [periods[c].key for c in COMPARED],
        "threshold": scope.programme.suppression_threshold,
        "releases": [
            {"centre": centre_id, **{c: r and r.pk for c, r in rels.items()}}
            for centre_id, rels in per_centre.items()
        ],
        # Compared periods the layer does not release on their own: weeks across the
        # new year (their columns read "not released", never "hidden"); and periods
        # that ended before the records begin, which have no figures, not zeros.
        "not_released": [c for c in COMPARED if periods[c].crosses_year or c in before_records],
        "before_records": before_records,
    }
    if not release_missing:
        contents["waiting"] = waiting_columns(centres, per_centre, periods, scope.zone)
    if scope.centre is not None:
        releases = per_centre[scope.centre.pk]
        contents["tables"] = centre_tables(releases)
        contents["facts"] = {c: releases[c].facts if releases[c] else {} for c in COMPARED}
        contents["sections"] = centre_sections(scope.centre, period, scope.zone)
    else:
        contents["centres"] = list(per_centre)
        contents["tables"] = programme_tables(per_centre, names=table_names, labels=label_order)
        contents["facts"] = {c: offer([rels[c] for rels in per_centre.values()]) for c in COMPARED}
        contents["centre_facts"] = [offer([rels["current"]]) for rels in per_centre.values()]
        contents["sections"] = programme_sections(scope, period)
    return contents


def offer(releases: list[Release | None]) -> dict[str, dict[str, int]]:
    """Sessions held and places offered per kind of service, summed over `releases`
    (`Release.facts`: the centres' own offer, released exactly, so a sum is safe)."""
    summed: dict[str, dict[str, int]] = {}
    for stored in releases:
        for category, facts in (stored.facts if stored else {}).items():
            into = summed.setdefault(category, {"sessions": 0, "places": 0})
            into["sessions"] += facts["sessions"]
            into["places"] += facts["places"]
    return summed


def programme_sections(scope: Scope, period: Period) -> dict:
    """What a programme's report holds besides its tables: the recommendations."""
    return {
        "recommendations": recommendations(
            Recommendation.objects.for_programme(scope.programme),
            period,
            EmployerNames(*scope.centres()),
        )
    }


def centre_sections(centre, period: Period, zone) -> dict:
    """The sections of text people typed. A report may be handed to a donor: every
    employer's name in them is replaced (`EmployerNames`)."""
    start, end = period.bounds(zone)
    clean = EmployerNames(centre)
    return {
        "ballots": priority_ballots(centre, start, end, clean),
        "decisions": decisions(centre, period, clean),
        "recommendations": recommendations(
            Recommendation.objects.for_centre(centre), period, clean
        ),
    }


def priority_ballots(centre, start, end, clean: EmployerNames) -> list[dict]:
    """Priority ballots counted in the period: the members' ranking and the manager's
    answer to each priority (published to members already), employers unnamed."""
    from members.governance.models import Ballot, BallotKind

    ballots = (
        Ballot.objects.for_centre(centre)
        .closed()
        .filter(kind=BallotKind.PRIORITY, counted_at__gte=start, counted_at__lt=end)
        .order_by("counted_at", "pk")
    )
    return [
        {
            "question": clean(ballot.question),
            "rows": [
                {
                    "option": clean(row.option.label),
                    "place": row.place,
                    "tied": row.tied,
                    "won_by_lot": row.won_by_lot,
                    "votes": row.votes,
                    "first_preferences": row.first_preferences,
                    "at_decision": row.at_decision,
                    "decided_round": row.decided_round,
                    "decision": row.decision,
                    "elected": row.elected,
                    "response": row.response.status if row.response else "",
                    "reason": clean(row.response.reason) if row.response else "",
                }
                for row in ballot_results(ballot)
            ],
            "settled_by_order": settled_by_rule(ballot),
            "by_rounds": counted_in_rounds(ballot),
        }
        for ballot in ballots
    ]


def decisions(centre, period: Period, clean: EmployerNames) -> list[dict]:
    """Decisions the committee published, of meetings held in the period, employers
    unnamed."""
    chosen = published_decisions(centre).filter(
        meeting__held_on__gte=period.first, meeting__held_on__lt=period.end
    )
    return [
        {
            "held_on": d.meeting.held_on.isoformat(),
            "motion": clean(d.motion),
            "text": clean(d.text),
            "carried": d.carried,
            "votes": [d.votes_for, d.votes_against, d.abstentions],
        }
        for d in chosen.order_by("meeting__held_on", "pk")
    ]


def recommendations(queryset, period: Period, clean: EmployerNames) -> list[dict]:
    """Recommendations sent in the period, and where each stands now. The addressee is
    named by kind only: an employer named by workers is never named in a report, nor in
    a title typed by people (`clean` knows the employers of the report's centres; a
    programme's recommendation may name any of them)."""
    from django.db.models import Count

    sent = (
        queryset.sent()
        .filter(sent_on__gte=period.first, sent_on__lt=period.end)
        .annotate(answers=Count("responses"))
        .order_by("sent_on", "pk")
    )
    return [
        {
            "reference": r.reference,
            "title": clean(r.title),
            "addressee_kind": r.addressee_kind,
            "status": r.status,
            "sent_on": r.sent_on.isoformat(),
            "responses": r.answers,
        }
        for r in sent
    ]
