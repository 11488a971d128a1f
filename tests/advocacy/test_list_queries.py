"""List pages of recommendations and feedback read a number of queries that does not
grow with their rows (measured at 2 and at 50)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advocacy.feedback.actions import comment_code
from advocacy.recommendations import actions

from ..factories import CommentFactory, MemberFactory, SurveyFactory


def _queries(client, url) -> int:
    client.get(url)  # warm: sessions, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _recommendations(centre, manager, committee_member, count):
    for n in range(count):
        actions.recommendation_draft(
            centre=centre, by=committee_member if n % 2 else manager, owner=manager,
            title=f"Recommendation {n}", addressee_kind="labour_office",
            addressee_name="Labour office", deficits=["wages", "osh"], text="Pay on time.",
            proposed=bool(n % 2),
        )  # fmt: skip


@pytest.mark.parametrize("role", ["manager", "committee_member"])
def test_the_recommendation_list(client, cast, centre, manager, committee_member, role):
    client.force_login(cast[role])
    url = reverse("recommendation_list", args=[centre.pk])
    _recommendations(centre, manager, committee_member, 2)
    few = _queries(client, url)
    _recommendations(centre, manager, committee_member, 48)
    assert _queries(client, url) == few
    assert client.get(url).content.decode().count("Recommendation ") >= 50


def _comments(centre, by, count):
    for n in range(count):
        # Every third asks to be contacted, with its member's code shown.
        member = MemberFactory(centre=centre) if n % 3 == 0 else None
        comment = CommentFactory(
            centre=centre, text=f"Comment number {n}", may_share=True,
            member=member, contact_wanted=member is not None,
        )  # fmt: skip
        if n % 2:
            comment_code(comment=comment, by=by, themes=["wages", "osh"], sentiment="negative")


def test_the_comment_list(client, social_worker, centre):
    client.force_login(social_worker)
    url = reverse("comment_list", args=[centre.pk]) + "?page=1"
    _comments(centre, social_worker, 2)
    few = _queries(client, url)
    _comments(centre, social_worker, 48)
    assert _queries(client, url) == few


def test_the_survey_list(client, manager, centre):
    client.force_login(manager)
    url = reverse("survey_list", args=[centre.pk])
    for _n in range(2):
        SurveyFactory(centre=centre)
    few = _queries(client, url)
    for _n in range(48):
        SurveyFactory(centre=centre)
    assert _queries(client, url) == few


def test_the_feedback_figures_page(client, committee_member, manager, centre):
    client.force_login(committee_member)
    url = reverse("feedback_summary", args=[centre.pk])
    _comments(centre, manager, 2)
    few = _queries(client, url)
    _comments(centre, manager, 48)
    assert _queries(client, url) == few
