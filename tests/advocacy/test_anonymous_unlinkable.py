"""An anonymous comment, survey answer or service request cannot be tied to the account
that sent it: not by its channel, not by the record of its form's key, not by the
audit trail, not by an exact time."""

import pytest
from django.db import connection
from django.urls import reverse

from advocacy.feedback.models import FeedbackChannel
from advocacy.models import Comment, Response
from centres.models import AuditEntry
from centres.submissions import FIELD, FormSubmission, new_key
from services.models import RequestChannel, ServiceRequest

from ..factories import MemberFactory, SurveyFactory

NOTICE = "This form had already been sent"


@pytest.fixture
def me(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.save()
    return member


def _anonymous_items(client, centre, survey) -> dict[str, str]:
    """Sends an anonymous comment, survey answer and request; returns their form keys."""
    keys = {name: new_key() for name in ("comment", "answer", "request")}
    client.post(
        reverse("comment_new", args=[centre.pk]),
        {"text": "The toilets are locked", "once": "c1", FIELD: keys["comment"]},
    )
    rating_q, _choice, _comment = survey.current_questions()
    client.post(
        reverse("survey_answer", args=[centre.pk, survey.pk]),
        {f"q{rating_q.pk}": "2", "once": "s1", FIELD: keys["answer"]},
    )
    client.post(
        reverse("my_request_new", args=[centre.pk]),
        {"wish": "A night clinic", "anonymous": "on", FIELD: keys["request"]},
    )
    return keys


def test_the_channel_of_an_anonymous_item_does_not_say_an_account_sent_it(
    client, centre, worker, me, manager
):
    client.force_login(worker)
    _anonymous_items(client, centre, SurveyFactory(centre=centre))
    comment = Comment.objects.get()
    assert comment.member is None
    assert comment.channel == Response.objects.get().channel == FeedbackChannel.SELF
    request = ServiceRequest.objects.get()
    assert request.member is None and request.channel == RequestChannel.SELF
    client.force_login(manager)
    comments = client.get(reverse("comment_list", args=[centre.pk])).content.decode()
    requests = client.get(reverse("request_list", args=[centre.pk])).content.decode()
    for page in (comments, requests):
        assert "phone or kiosk" in page
        assert "Member&#x27;s phone" not in page and "By the member" not in page


def test_a_named_comment_keeps_its_channel(client, centre, worker, me):
    client.force_login(worker)
    client.post(
        reverse("comment_new", args=[centre.pk]),
        {"text": "Call me", "once": "n1", "contact_wanted": "on"},
    )
    assert Comment.objects.get().channel == FeedbackChannel.PHONE


def test_the_form_key_record_names_nobody_and_keeps_only_the_day(client, centre, worker, me):
    client.force_login(worker)
    keys = _anonymous_items(client, centre, SurveyFactory(centre=centre))
    assert FormSubmission.objects.count() == 3
    field_types = {f.name: f.get_internal_type() for f in FormSubmission._meta.concrete_fields}
    assert field_types == {"digest": "CharField", "used_on": "DateField", "went_to": "TextField"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM centres_formsubmission")
        stored = repr(cursor.fetchall())
    for trace in (f"user:{worker.pk}", *keys.values(), "feedback", "requests", "/centres/"):
        assert trace not in stored


def test_an_anonymous_form_sent_twice_still_records_once(client, centre, worker, me):
    client.force_login(worker)
    url = reverse("comment_new", args=[centre.pk])
    data = {"text": "The toilets are locked", FIELD: new_key()}
    first = client.post(url, {**data, "once": "x1"})
    # The page's own value differs (sent again from a page built anew): the key decides.
    again = client.post(url, {**data, "once": "x2"}, follow=True)
    assert Comment.objects.count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert NOTICE in again.content.decode()


def test_the_key_is_claimed_per_sender():
    """A key sent by someone else (one that leaked) is theirs, not a repeat of the first."""
    from centres.submissions import digest_of

    key = new_key()
    assert digest_of("user:1", key) != digest_of("user:2", key) != digest_of("anonymous", key)
    assert len({digest_of("user:1", key), digest_of("user:1", new_key())}) == 2


def test_anonymous_items_leave_no_audit_entry_with_an_actor(client, centre, worker, me):
    survey = SurveyFactory(centre=centre)
    client.force_login(worker)
    before = AuditEntry.objects.count()
    _anonymous_items(client, centre, survey)
    assert AuditEntry.objects.count() == before
    assert not AuditEntry.objects.filter(actor=worker).exists()
