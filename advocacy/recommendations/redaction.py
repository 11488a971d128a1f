"""Employers stay unnamed to workers (DESIGN.md: an employer is "never shown to them").

Committee members are workers: they read the centre's recommendations, but an
addressee that is an employer or recruiter is shown by its kind only, and the name of
any of the centre's employers in a title or text typed by people is replaced. The
letter itself, which names its addressee, is the manager's document.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from centres.models import Centre

from ..models import Employer
from ..statistics.labels import Labeller
from ..statistics.tables import OTHER
from .evidence import CITABLE_TABLES, describe
from .models import Recommendation
from .names import NameFinder


class EmployerNames:
    """Replaces the names of the employers of `centres` in free text typed by people.

    One query when built. A name is found in any case, Unicode form, spacing, with or
    without accents and Arabic vowel marks, followed by a possessive or preceded by
    joined Arabic letters, and by its distinctive part alone: the rule and its
    limits are in `names`."""

    def __init__(self, *centres: Centre) -> None:
        centres = tuple(c for c in centres if c is not None)
        names = Employer.objects.filter(centre__in=centres).values_list("name", flat=True)
        own = [text for c in centres for text in (c.name, c.area)]
        self.finder = NameFinder(names, ordinary=own)

    def __call__(self, text: str) -> str:
        return self.finder.replace(text, _("an employer"))


def shown_addressee(recommendation: Recommendation) -> str:
    """The addressee as a worker may read it: an employer or recruiter by kind only."""
    if recommendation.addressee_is_employer:
        return _("an employer or recruiter")
    return recommendation.addressee_name


def prepare_for_reader(recommendations, *, centre: Centre, names_employers: bool, responses=()):
    """Set `shown_addressee`, `shown_title` and `shown_text` on each recommendation
    (and `shown_summary` on each response): the stored values for a reader who may see
    employers' names, redacted otherwise."""
    clean = None if names_employers else EmployerNames(centre)
    for response in responses:
        response.shown_summary = response.summary if clean is None else clean(response.summary)
    for recommendation in recommendations:
        if clean is None:
            recommendation.shown_addressee = recommendation.addressee_name
            recommendation.shown_title = recommendation.title
            recommendation.shown_text = recommendation.text
        else:
            recommendation.shown_addressee = shown_addressee(recommendation)
            recommendation.shown_title = clean(recommendation.title)
            recommendation.shown_text = clean(recommendation.text)


def cited_figures(recommendation: Recommendation, *, centre: Centre, names_employers: bool):
    """The figures a recommendation cites, as rows for its page: dicts with `period`,
    `words` (what the cell counts, in the reader's language), `value` (the frozen count,
    None while a draft) and `pk` (the citation, None once sent).

    The frozen words of a snapshot are in the sender's language and may name an
    employer; the page reads the same cell (table and label, kept in the snapshot)
    again in the reader's words, and names an employer's row only to a reader who may
    read employers' names."""
    labeller = Labeller(centre)

    def words(table: str, label: str) -> str:
        if not names_employers and table == "cases.employer" and label not in (OTHER, ""):
            return f"{CITABLE_TABLES[table]}: {_('an employer')}"
        return describe(centre=centre, table=table, label=label, labeller=labeller)

    snapshot = getattr(recommendation, "snapshot", None)
    if snapshot is not None:
        return [
            {
                "period": item["period"],
                "words": words(item["table"], item["label"]),
                "value": item["value"],
                "pk": None,
            }
            for item in snapshot.content["items"]
        ]
    return [
        {
            "period": item.period,
            "words": words(item.table, item.label),
            "value": None,
            "pk": item.pk,
        }
        for item in recommendation.evidence_items.all()
    ]
