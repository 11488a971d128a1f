"""A period key is read however a person types it: "2026-w47", " 2026 W47 ", "2026q1",
"2026-3" or Arabic-Indic digits name the same period as its canonical key, in every
place that reads one (the parser, the report build form, the figures pages, evidence);
nothing typed there is a 500."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.models import FeedbackReport
from advocacy.recommendations import actions
from advocacy.statistics.periods import Period, PeriodRefused, period_key

from ..factories import VisitFactory
from ..releases import released_for

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "typed, key",
    [
        ("2026-w47", "2026-W47"),
        (" 2026-W47 ", "2026-W47"),
        ("2026 w 47", "2026-W47"),
        ("2026W47", "2026-W47"),
        ("2026-W5", "2026-W05"),
        ("2026-q1", "2026-Q1"),
        ("2026Q1", "2026-Q1"),
        ("2026–03", "2026-03"),  # an en dash, as phones put one
        ("2026-3", "2026-03"),
        ("2026 03", "2026-03"),
        ("٢٠٢٦-٠٣", "2026-03"),  # Arabic-Indic digits
        ("२०२६-W४७", "2026-W47"),  # Devanagari digits
        ("２０２６-Ｗ47", "2026-W47"),  # full-width forms
        ("2026\x00-W47", "2026-W47"),
        ("2026", "2026"),
    ],
)
def test_a_key_is_read_however_it_is_typed(typed, key):
    assert Period.parse(typed).key == key
    assert period_key(typed) == key


@pytest.mark.parametrize(
    "typed", ["", "2026-13", "2026-Q5", "2026-W54", "2026-03-01", "20263", "W47", "0000", "9999"]
)
def test_anything_else_is_still_refused_with_a_reason(typed):
    with pytest.raises(PeriodRefused):
        Period.parse(typed)
    assert period_key(typed) == typed


@pytest.fixture
def march(centre):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)


@pytest.mark.parametrize("typed", ["2026-w11", " 2026 W11 ", "2026-q1", "2026-3"])
def test_the_build_form_takes_a_typed_key(
    client, manager, centre, march, typed, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("report_build", args=[centre.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"period": typed}, follow=True)
    assert response.status_code == 200
    (report,) = FeedbackReport.objects.for_centre(centre)
    assert report.period == Period.parse(typed)
    # Taken, not refused: the page says nothing went wrong (a build in progress is a
    # notice of the page, `reports.pending`, not a message).
    assert not list(response.context["messages"])


def test_the_released_figures_take_a_typed_key(client, committee_member, centre, march):
    client.force_login(committee_member)
    url = reverse("released_figures", args=[centre.pk])
    released_for(centre, "2026-w11")  # as the hourly schedule has by now
    response = client.get(url, {"period": "2026-w11"})
    assert response.status_code == 200
    assert response.context["release"].period.key == "2026-W11"
    assert not list(response.context["messages"])
    assert response.context["form"]["period"].value() == "2026-W11"  # selected in the list


@pytest.mark.parametrize("typed", ["2026-q1", "2026 Q1", "٢٠٢٦-Q١"])
def test_the_programme_figures_and_exports_take_a_typed_key(
    client, coordinator, programme, centre, march, typed
):
    client.force_login(coordinator)
    response = client.get(reverse("programme_figures", args=[programme.pk]), {"period": typed})
    assert response.status_code == 200
    assert response.context["period"].key == "2026-Q1"
    assert not list(response.context["messages"])
    export = reverse("programme_figures_export", args=[programme.pk, "csv"])
    response = client.get(export, {"period": typed})
    assert response.status_code == 200
    assert "2026-Q1" in response["Content-Disposition"]


@pytest.mark.parametrize("year", ["9999", "0000"])
def test_a_year_past_the_calendar_is_explained_not_a_500(client, coordinator, programme, year):
    client.force_login(coordinator)
    response = client.get(reverse("programme_figures", args=[programme.pk]), {"period": year})
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_evidence_cited_with_a_typed_key_is_one_item_under_the_canonical_key(
    centre, manager, march
):
    draft = actions.recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Open on Fridays",
        addressee_kind="labour_office",
        addressee_name="Labour inspectorate",
        deficits=["documents"],
        text="Workers come on their day off.",
    )
    released_for(centre, "2026-Q1")  # as the hourly schedule has by now
    for typed in ("2026-q1", "2026-Q1", " 2026 q1 "):
        actions.evidence_cite(
            recommendation=draft,
            by=manager,
            centre=centre,
            period=typed,
            cells=[("visits.total", "people")],
        )
    assert list(draft.evidence_items.values_list("period", flat=True)) == ["2026-Q1"]
