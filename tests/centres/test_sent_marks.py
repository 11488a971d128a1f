"""Back after sending an anonymous member-facing form (a survey answer, a comment, a
request for a service) shows that it was sent, not a form that a second Send would
record again; answering again for someone else on the same phone is a link of its
own. The mark is the phone's own signed cookie, for that page only."""

import pytest
from django.urls import reverse

from advocacy.models import Comment, Response
from centres.submissions import FIELD, new_key
from services.models import ServiceRequest

from ..factories import MemberFactory, SurveyFactory


@pytest.fixture
def me(centre, worker):
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save(update_fields=["account"])
    return member


def _survey_post(survey, once):
    rating, _choice, _comment = survey.current_questions()
    return {f"q{rating.pk}": "2", "once": once}


FORMS = {
    # name: (url name, needs a survey, data, recorded rows, what the page says once sent)
    "survey": ("survey_answer", Response, "Your answers to this survey are recorded"),
    "comment": ("comment_new", Comment, "What you wrote is sent to the centre"),
    "request": ("my_request_new", ServiceRequest, "Your request is sent to the centre"),
}


def _url_and_data(name, centre):
    if name == "survey":
        survey = SurveyFactory(centre=centre)
        url = reverse("survey_answer", args=[centre.pk, survey.pk])
        return url, lambda once: _survey_post(survey, once)
    if name == "comment":
        return reverse("comment_new", args=[centre.pk]), lambda once: {
            "text": "The toilets are locked",
            "once": once,
        }
    return reverse("my_request_new", args=[centre.pk]), lambda once: {
        "wish": "A night clinic",
        "anonymous": "on",
    }


@pytest.mark.parametrize("name", sorted(FORMS))
def test_back_after_sending_shows_sent_and_again_is_a_choice(client, centre, worker, me, name):
    _url_name, model, sent_text = FORMS[name]
    url, data = _url_and_data(name, centre)
    client.force_login(worker)
    first = client.post(url, {**data("a1"), FIELD: new_key()})
    assert first.status_code == 302 and first["Location"] != url
    back = client.get(url)
    assert back.status_code == 200
    page = back.content.decode()
    assert sent_text in page and "?again=1" in page
    assert 'type="submit"' not in page.split("<main", 1)[-1]
    assert model.objects.count() == 1
    again = client.get(url + "?again=1").content.decode()
    assert 'type="submit"' in again and sent_text not in again
    client.post(url + "?again=1", {**data("a2"), FIELD: new_key()})
    assert model.objects.count() == 2
    # Kept by the phone, for this page only; nothing of it on the server.
    cookie = client.cookies[f"{name}_sent"]
    assert cookie["path"] == url and cookie["httponly"]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_forged_or_foreign_mark_shows_the_form(client, centre, worker, me, name):
    url, _data = _url_and_data(name, centre)
    client.force_login(worker)
    client.cookies[f"{name}_sent"] = "1"
    assert 'type="submit"' in client.get(url).content.decode()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_refused_form_sets_no_mark(client, centre, worker, me, name):
    url, _data = _url_and_data(name, centre)
    client.force_login(worker)
    response = client.post(url, {FIELD: new_key()})
    assert response.status_code == 200
    assert f"{name}_sent" not in client.cookies
