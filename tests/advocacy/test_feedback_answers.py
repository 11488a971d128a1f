"""Workers answer surveys and tell the centre: anonymous by default, on every channel."""

import logging

import pytest
from django.urls import reverse

from advocacy.models import Answer, Comment, KioskTicketUse, Response
from centres.models import AuditEntry
from members.actions import kiosk_create
from tests.devices import pair

from ..factories import MemberFactory, SurveyFactory


@pytest.fixture
def me(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.save()
    return member


@pytest.fixture
def survey(centre):
    return SurveyFactory(centre=centre)


def _post(survey, rating="4", choice="1", comment="", **extra):
    rating_q, choice_q, comment_q = survey.current_questions()
    data = {f"q{rating_q.pk}": rating, f"q{choice_q.pk}": choice, f"q{comment_q.pk}": comment}
    data.setdefault("once", "form-1")
    data.update(extra)
    return data


def test_an_anonymous_answer_has_no_member_link_anywhere(
    client, centre, worker, me, survey, caplog
):
    caplog.set_level(logging.DEBUG)
    audit_before = AuditEntry.objects.count()
    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    response = client.post(url, _post(survey, comment="Wages late again"), follow=True)
    assert "Your answers are recorded" in response.content.decode()
    answer = Response.objects.get()
    # The row: no member, no account, no time of day.
    assert answer.member is None and answer.entered_by is None and not answer.contact_wanted
    assert not hasattr(answer, "created_at") and not hasattr(answer, "created_by")
    comment = Comment.objects.get()
    assert comment.member is None and comment.entered_by is None
    # The audit trail: nothing written about the answer, nothing with the worker as actor.
    assert AuditEntry.objects.count() == audit_before
    assert not AuditEntry.objects.filter(actor=worker).exists()
    # The logs: neither the account, the member code nor the name.
    logged = caplog.text
    for trace in (worker.email, me.code, me.preferred_name, f"user_id={worker.pk}"):
        assert trace not in logged
    assert Answer.objects.filter(response=answer).count() == 2


def test_a_worker_who_asks_to_be_contacted_is_linked(client, centre, worker, me, survey):
    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    client.post(url, _post(survey, contact_wanted="on"))
    assert Response.objects.get().member == me


def test_the_same_form_sent_twice_records_once(client, centre, worker, me, survey):
    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    client.post(url, _post(survey, comment="hello"))
    client.post(url, _post(survey, comment="hello"))
    assert Response.objects.count() == 1 and Comment.objects.count() == 1


def test_bad_input_is_refused_and_nothing_saved(client, centre, worker, me, survey):
    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    response = client.post(url, _post(survey, rating="7", choice="9"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Response.objects.exists()
    # The same answers, valid, are accepted: the refusal came from the values.
    client.post(url, _post(survey))
    assert Response.objects.count() == 1


def test_an_empty_survey_is_refused(client, centre, worker, me, survey):
    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    response = client.post(url, _post(survey, rating="", choice=""))
    assert "Answer at least one question" in response.content.decode()
    assert not Response.objects.exists()


def test_access_matrix_of_the_phone_survey(client, cast, centre, other_centre, survey):
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    for role in ("manager", "social_worker", "committee_member", "coordinator"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 403, role
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(cast["worker"])
    assert client.delete(url).status_code == 405
    # Another centre's survey through this centre's address is not found.
    foreign = SurveyFactory(centre=other_centre)
    assert client.get(reverse("survey_answer", args=[centre.pk, foreign.pk])).status_code == 404
    assert not Response.objects.exists()


def test_tell_the_centre_is_anonymous_unless_asked(client, centre, worker, me):
    client.force_login(worker)
    url = reverse("comment_new", args=[centre.pk])
    client.post(url, {"text": "The toilets are locked", "once": "a"})
    client.post(url, {"text": "The toilets are locked", "once": "a"})
    client.post(url, {"text": "Call me", "once": "b", "contact_wanted": "on", "may_share": "on"})
    anonymous, named = Comment.objects.order_by("pk")
    assert Comment.objects.count() == 2
    assert anonymous.member is None and not anonymous.may_share
    assert named.member == me and named.may_share
    assert client.post(url, {"text": "", "once": "c"}).status_code == 200
    assert Comment.objects.count() == 2


def test_a_kiosk_check_in_allows_one_answer(client, centre, manager, survey):
    pair(client, kiosk_create(centre=centre, label="Entrance", by=manager)[1])
    survey_url = reverse("kiosk_survey")
    # Without a check-in, the survey is not offered.
    assert client.get(survey_url).status_code == 302
    assert client.post(survey_url, _post(survey, once="k0")).status_code == 302
    assert not Response.objects.exists()
    page = client.post(reverse("kiosk_checkin"), {"code": ""}, follow=True)
    assert "Answer a short survey" in page.content.decode()
    assert client.get(survey_url).status_code == 200
    client.post(survey_url, _post(survey, once="k1"))
    assert Response.objects.get().channel == "self"  # anonymous: phone or kiosk
    # A second answer on the same check-in, even as a new form, is not taken.
    client.post(survey_url, _post(survey, once="k2"))
    assert Response.objects.count() == 1
    assert KioskTicketUse.objects.count() == 1
    # The next check-in allows the next answer.
    client.post(reverse("kiosk_checkin"), {"code": ""})
    client.post(survey_url, _post(survey, once="k3"))
    assert Response.objects.count() == 2


def test_a_used_kiosk_ticket_is_refused_by_the_database(centre, survey):
    from django.core.exceptions import ValidationError

    from advocacy.feedback.actions import response_submit

    rating = survey.current_questions()[0]
    kwargs = {"survey": survey, "centre": centre, "channel": "kiosk", "answers": {rating.pk: 3}}
    response_submit(once="x1", kiosk_ticket="ticket", **kwargs)
    with pytest.raises(ValidationError):
        response_submit(once="x2", kiosk_ticket="ticket", **kwargs)
    assert Response.objects.count() == 1


def test_staff_enter_paper_forms(client, cast, centre, survey):
    member = MemberFactory(centre=centre)
    url = reverse("paper_entry", args=[centre.pk, survey.pk])
    client.force_login(cast["social_worker"])
    data = _post(survey, submitted_on="2026-01-15", comment="Fees at the agency")
    client.post(url, data)
    client.post(url, data)
    paper = Response.objects.get()
    assert paper.channel == "paper" and paper.entered_by == cast["social_worker"]
    assert paper.member is None and str(paper.submitted_on) == "2026-01-15"
    # Contact wanted needs the code; without it nothing is saved.
    response = client.post(
        url, _post(survey, once="p2", submitted_on="2026-01-15", contact_wanted="on")
    )
    assert "give their member code" in response.content.decode()
    assert Response.objects.count() == 1
    client.post(
        url,
        _post(
            survey,
            once="p3",
            submitted_on="2026-01-15",
            contact_wanted="on",
            member_code=member.code,
        ),
    )
    assert Response.objects.get(once="p3").member == member
    for role in ("committee_member", "worker", "legal"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404


def test_back_after_answering_shows_recorded_not_a_form_to_send_again(
    client, centre, worker, me, survey
):
    """Answered, Back, Send: the page Back reloads says the answers are recorded, so
    the same answers are not recorded twice; answering again is a choice of its own."""
    from centres.submissions import FIELD, new_key

    client.force_login(worker)
    url = reverse("survey_answer", args=[centre.pk, survey.pk])
    client.post(url, _post(survey, once="b1", **{FIELD: new_key()}))
    back = client.get(url).content.decode()
    assert "Your answers to this survey are recorded" in back
    assert 'class="card narrow survey"' not in back and "?again=1" in back
    assert Response.objects.count() == 1
    again = client.get(url + "?again=1").content.decode()
    assert 'class="card narrow survey"' in again
    client.post(url + "?again=1", _post(survey, once="b2", **{FIELD: new_key()}))
    assert Response.objects.count() == 2
    # Nothing about it is kept on the server: the mark is the phone's own cookie.
    assert client.cookies["survey_sent"]["path"] == url
