"""Each exported visit lists all its purposes, sorted, however the visits were filtered
(a filter on one purpose narrows the visits, never the purposes a visit lists), and a
visit without a purpose lists none; one row per visit."""

import csv
import io

from centres.categories import ServiceCategory
from members.exports import visits_for_job

from ..factories import VisitFactory


def _export(centre, params):
    text = "".join(visits_for_job(centre, params).csv_lines()).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_filter_on_a_purpose_keeps_every_purpose_of_the_visits_it_finds(centre):
    advice, language = (
        ServiceCategory.objects.create(code=code, own_name=name, kind="basic", centre=centre)
        for code, name in (("zz-advice", "Advice"), ("aa-language", "Language"))
    )
    VisitFactory(centre=centre, people=2).purposes.set([advice, language])
    VisitFactory(centre=centre, people=3).purposes.set([language])
    VisitFactory(centre=centre, people=4)

    rows = _export(centre, {"purpose": str(advice.pk)})
    assert [(r["people"], r["purposes"], r["purpose_labels"]) for r in rows] == [
        ("2", "aa-language; zz-advice", "Language; Advice")
    ]
    everything = sorted((r["people"], r["purposes"]) for r in _export(centre, {}))
    assert everything == [("2", "aa-language; zz-advice"), ("3", "aa-language"), ("4", "")]
