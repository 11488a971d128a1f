"""Evidence cites months, quarters and years, as the cite page offers: a week is
refused by the action, whatever the URL says; and a figure chosen that cannot be
cited (hidden, or not in the release) says why nothing was cited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy.recommendations import actions

from ..releases import released_for
from .test_recommendations import SEPTEMBER, _cite, draft, open_cases  # noqa: F401

WEEK = "2026-W37"  # 7-13 September 2026, closed
DOCUMENTS = "cases.issue|documents"


def test_the_action_refuses_a_week(centre, manager, draft, open_cases):  # noqa: F811
    open_cases(6)
    with pytest.raises(ValidationError, match="not a week"):
        _cite(draft, manager, centre, period=WEEK)
    assert not draft.evidence_items.exists()
    _cite(draft, manager, centre, period=SEPTEMBER)  # the refusal came from the week
    assert draft.evidence_items.count() == 1


def test_a_week_in_the_url_is_refused_with_a_reason(client, centre, manager, draft, open_cases):  # noqa: F811
    open_cases(6)
    released_for(centre, SEPTEMBER)  # as the hourly schedule has by now
    client.force_login(manager)
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    response = client.post(f"{url}?period={WEEK}", {"cells": [DOCUMENTS]})
    assert response.status_code == 400
    assert "not a week" in response.content.decode()
    assert not draft.evidence_items.exists()
    assert "not a week" in client.get(f"{url}?period={WEEK}").content.decode()
    # The same figure from its month is cited, once however often it is posted.
    for _twice in range(2):
        client.post(f"{url}?period={SEPTEMBER}", {"cells": [DOCUMENTS]})
    assert draft.evidence_items.count() == 1


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("cases.issue|harassment", "hidden"),  # two cases: too few to show
        ("cases.issue|no-such-issue", "no such figure"),
    ],
)
def test_a_figure_that_cannot_be_cited_says_why(
    client,
    centre,
    manager,
    draft,  # noqa: F811
    open_cases,  # noqa: F811
    cell,
    reason,
):
    open_cases(6)
    open_cases(2, issue="harassment")
    released_for(centre, SEPTEMBER)  # as the hourly schedule has by now
    client.force_login(manager)
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    response = client.post(url, {"period": SEPTEMBER, "cells": [cell]}, follow=True)
    page = response.content.decode()
    assert reason in page and "Nothing was cited." in page
    assert "Choose at least one figure" not in page
    assert not draft.evidence_items.exists()


def test_nothing_chosen_still_asks_for_a_figure(client, centre, manager, draft, open_cases):  # noqa: F811
    open_cases(6)
    released_for(centre, SEPTEMBER)  # as the hourly schedule has by now
    client.force_login(manager)
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    page = client.post(url, {"period": SEPTEMBER}).content.decode()
    assert "Choose at least one figure. Nothing was cited." in page
    assert not draft.evidence_items.exists()


def test_the_cite_page_refuses_other_methods_roles_and_centres(
    client,
    cast,
    centre,
    draft,  # noqa: F811
):
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    client.force_login(cast["manager"])
    assert client.put(url).status_code == 405
    client.force_login(cast["committee_member"])
    assert client.post(url, {"period": SEPTEMBER}).status_code == 403
    client.force_login(cast["outsider"])
    assert client.post(url, {"period": SEPTEMBER}).status_code == 404
    assert actions is not None


RECITE = "re-cite this figure for a month, quarter or year"


def _week_cited_the_old_way(recommendation, centre):
    """An item citing a week, as the cite action took them before it refused weeks."""
    from advocacy.recommendations.models import EvidenceItem

    return EvidenceItem.objects.create(
        recommendation=recommendation,
        centre=centre,
        period=WEEK,
        table="cases.issue",
        label="documents",
        position=recommendation.evidence_items.count(),
    )


def test_a_week_cited_before_weeks_were_refused_is_not_sent(centre, manager, draft, open_cases):  # noqa: F811
    from advocacy.recommendations.models import EvidenceSnapshot

    open_cases(6)
    _cite(draft, manager, centre, period=SEPTEMBER)
    week = _week_cited_the_old_way(draft, centre)
    with pytest.raises(ValidationError, match=RECITE):
        actions.recommendation_send(recommendation=draft, by=manager)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.sent_on is None
    assert not EvidenceSnapshot.objects.exists()
    # The refusal was the week's: without it the same recommendation is sent.
    actions.evidence_remove(recommendation=draft, by=manager, item_id=week.pk)
    actions.recommendation_send(recommendation=draft, by=manager)
    draft.refresh_from_db()
    assert draft.status == "sent"


def test_the_send_page_says_to_re_cite_the_week(client, centre, manager, draft, open_cases):  # noqa: F811
    from advocacy.recommendations.models import EvidenceSnapshot

    open_cases(6)
    _cite(draft, manager, centre, period=SEPTEMBER)
    _week_cited_the_old_way(draft, centre)
    client.force_login(manager)
    url = reverse("recommendation_send", args=[centre.pk, draft.pk])
    for _twice in range(2):
        page = client.post(url, {"follow_up_on": ""}, follow=True).content.decode()
        assert RECITE in page
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not EvidenceSnapshot.objects.exists()
    detail = client.get(reverse("recommendation_detail", args=[centre.pk, draft.pk]))
    assert RECITE in detail.content.decode()  # the draft says which figure, before sending


def test_a_malformed_period_is_refused_with_its_codes_isolated_not_shown_as_tags(
    client,
    centre,
    manager,
    draft,  # noqa: F811
):
    client.force_login(manager)
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    for response in (client.get(f"{url}?period=zzz"), client.post(f"{url}?period=zzz", {})):
        page = response.content.decode()
        assert response.status_code == 400
        assert "&lt;bdi" not in page
        assert '<bdi dir="ltr" class="code">' in page
    assert not draft.evidence_items.exists()
