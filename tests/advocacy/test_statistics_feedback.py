"""Feedback in the disclosure-control layer: responses, satisfaction, comments by theme
and sentiment, released for closed periods with small cells hidden and audited."""

import random
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advocacy.feedback.actions import comment_code
from advocacy.models import Answer, Response
from advocacy.recommendations import actions
from advocacy.statistics.feedback_tables import mean_rating
from advocacy.statistics.periods import Period
from advocacy.statistics.releases import audit_family, release
from members.actions import consent_withdraw
from tests.factories import CommentFactory, MemberFactory, SurveyFactory
from tests.releases import released_for

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 4, 15, 12, tzinfo=ZoneInfo("UTC"))


def answer(survey, day, rating, **fields):
    response = Response.objects.create(
        survey=survey, centre=survey.centre, channel="phone", submitted_on=day,
        once=uuid.uuid4().hex, **fields,
    )  # fmt: skip
    question = survey.current_questions().get(kind="rating")
    Answer.objects.create(response=response, question=question, rating=rating)
    return response


def coded(centre, by, day, themes, sentiment="negative", **fields):
    comment = CommentFactory(centre=centre, submitted_on=day, **fields)
    comment_code(comment=comment, by=by, themes=themes, sentiment=sentiment)
    return comment


def test_feedback_is_released_with_small_cells_hidden(centre, manager):
    survey = SurveyFactory(centre=centre)
    for n in range(12):
        answer(survey, date(2026, 3, 2 + n), 4 if n < 9 else 2)
    for n in range(7):
        coded(centre, manager, date(2026, 3, 3), ["wages"] + (["osh"] if n < 2 else []))
    coded(centre, manager, date(2026, 4, 1), ["debt"])  # the open month: never released
    march = release(centre=centre, period="2026-03", now=NOW)
    assert march.value("feedback.responses", "responses") == 12
    assert march.value("feedback.comments", "comments") == 7
    assert march.value("feedback.theme", "wages") == 7
    assert march.value("feedback.theme", "osh") is None  # 2 comments: hidden
    assert march.value("feedback.theme", "debt") is None  # a zero beside a hidden cell
    assert march.value("feedback.satisfaction", "4") == 9
    assert march.value("feedback.satisfaction", "2") is None
    assert mean_rating(march.table("feedback.satisfaction")) is None  # not over hidden rows
    assert march.value("feedback.sentiment", "negative") == 7
    assert audit_family(centre, 2026).safe


def test_the_mean_rating_is_shown_only_when_every_rating_is(centre):
    survey = SurveyFactory(centre=centre)
    for n in range(10):
        answer(survey, date(2026, 2, 1 + n), 5 if n < 5 else 3)
    february = release(centre=centre, period="2026-02", now=NOW)
    assert february.table("feedback.satisfaction") == {"1": 0, "2": 0, "3": 5, "4": 0, "5": 5}
    assert mean_rating(february.table("feedback.satisfaction")) == 4.0


def test_feedback_counts_only_the_anonymous_and_consenting(centre, manager):
    agreeing = MemberFactory(centre=centre)
    withdrawn = MemberFactory(centre=centre)
    consent_withdraw(member=withdrawn, purpose="statistics", by=None)
    for _n in range(5):
        coded(centre, manager, date(2026, 1, 9), ["wages"])
        coded(centre, manager, date(2026, 1, 9), ["wages"], member=agreeing, contact_wanted=True)
        coded(centre, manager, date(2026, 1, 9), ["wages"], member=withdrawn, contact_wanted=True)
    january = release(centre=centre, period="2026-01", now=NOW)
    assert january.value("feedback.theme", "wages") == 10


def test_a_released_feedback_table_never_changes(centre, manager):
    for _n in range(6):
        coded(centre, manager, date(2026, 3, 5), ["living"])
    march = release(centre=centre, period="2026-03", now=NOW)
    coded(centre, manager, date(2026, 3, 6), ["living"])  # entered late
    again = release(centre=centre, period="2026-03", now=NOW)
    assert again.value("feedback.theme", "living") == 6 == march.value("feedback.theme", "living")


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_feedback_over_a_year_passes_the_audit(centre, manager, seed):
    """Random themes, sentiments and ratings over a quarter; the months, the quarter
    and the year are released and every hidden small cell stays at least 5 wide."""
    generator = random.Random(seed)
    survey = SurveyFactory(centre=centre)
    codes = ["wages", "osh", "documents", "living", "centre"]
    for month in (1, 2, 3):
        for _n in range(generator.randint(3, 14)):
            day = date(2026, month, generator.randint(1, 28))
            themes = generator.sample(codes, generator.randint(1, 2))
            sentiment = generator.choice(["positive", "mixed", "negative", ""])
            comment = CommentFactory(centre=centre, submitted_on=day)
            if sentiment:
                comment_code(comment=comment, by=manager, themes=themes, sentiment=sentiment)
        for _n in range(generator.randint(2, 12)):
            answer(survey, date(2026, month, generator.randint(1, 28)), generator.randint(1, 5))
    release(centre=centre, period="2026", now=datetime(2027, 1, 5, tzinfo=ZoneInfo("UTC")))
    result = audit_family(centre, 2026)
    assert result.safe, result.unsafe
    assert any(key[1].startswith("feedback.") for key in result.intervals)


def test_the_committee_reads_feedback_from_the_release(client, committee_member, manager, centre):
    for n in range(6):
        coded(centre, manager, date(2026, 3, 10), ["wages"] + (["osh"] if n < 2 else []))
    stored = release(centre=centre, period="2026-03")
    client.force_login(committee_member)
    url = reverse("feedback_summary", args=[centre.pk])
    page = client.get(url, {"period": "2026-03"}).content.decode()
    assert 'id="comments-total">6<' in page
    assert "Wages and wage theft" in page and "Occupational safety" in page
    assert "March 2026" in page and stored.value("feedback.theme", "osh") is None
    # A month that has not ended, a week or nonsense: refused with the reason, no 500.
    for period in ("2099-01", "2026-W10", "2026-13", "<script>"):
        response = client.get(url, {"period": period})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()
    assert client.post(url).status_code == 405


def test_the_feedback_figures_page_matrix(client, cast, centre):
    url = reverse("feedback_summary", args=[centre.pk])
    for role in ("manager", "social_worker", "committee_member"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 200, role
    for role in ("legal", "worker", "coordinator"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 403, role
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404


def test_evidence_and_you_said_we_did_read_feedback_from_the_release(
    client, worker, manager, centre
):
    quarter = Period.containing("quarter", timezone.localdate(timezone=centre.time_zone)).previous()
    for n in range(6):
        coded(centre, manager, quarter.first, ["documents"] + (["osh"] if n < 2 else []))
    recommendation = actions.recommendation_draft(
        centre=centre, by=manager, owner=manager, title="Return the passports",
        addressee_kind="labour_office", addressee_name="Labour office", deficits=["documents"],
        text="Workers' passports are kept.",
    )  # fmt: skip
    released_for(centre, quarter)  # as the hourly schedule has by now
    items = actions.evidence_cite(
        recommendation=recommendation, by=manager, centre=centre, period=quarter.key,
        cells=[("feedback.theme", "documents")],
    )  # fmt: skip
    assert [(item.table, item.label) for item in items] == [("feedback.theme", "documents")]
    assert release(centre=centre, period=quarter).value("feedback.theme", "documents") == 6
    with pytest.raises(ValidationError):  # a hidden cell cannot be cited
        actions.evidence_cite(
            recommendation=recommendation, by=manager, centre=centre, period=quarter.key,
            cells=[("feedback.theme", "osh")],
        )  # fmt: skip
    client.force_login(worker)
    page = client.get(reverse("you_said", args=[centre.pk])).content.decode()
    assert "Retention of identity documents" in page
    assert "Occupational safety" not in page
