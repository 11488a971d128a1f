"""A coordinator defines a survey for all the programme's centres; each centre's members
answer it on their phone and at the kiosk, and each answer counts for its centre."""

import pytest
from django.urls import reverse

from advocacy.models import Question, Response, Survey
from centres.models import Role
from members.actions import kiosk_create
from tests.devices import pair

from ..factories import CentreFactory, CentreRoleFactory, MemberFactory, UserFactory

KEY = "k" * 32  # a form key, as `{% form_key %}` renders one


@pytest.fixture
def sister_centre(programme):
    """A second centre of the same programme, speaking other languages."""
    return CentreFactory(programme=programme, name="Doha centre", code="DOH", languages=["ne"])


def _create(client, programme, key=KEY, **data):
    url = reverse("programme_surveys", args=[programme.pk])
    return client.post(url, {"form_key": key, "on_kiosk": "on", **data})


def _add_rating(client, programme, survey, key="q" * 32):
    url = reverse("programme_survey_detail", args=[programme.pk, survey.pk])
    data = {"form_key": key, "kind": "rating", "text_en": "How was it?", "text_ne": "कस्तो थियो?"}
    return client.post(url, data)


def test_a_coordinator_defines_a_survey_every_centre_answers(
    client, programme, centre, sister_centre, coordinator, worker, manager
):
    centre.languages = ["ar", "en"]
    centre.save()
    client.force_login(coordinator)
    page = client.get(reverse("programme_surveys", args=[programme.pk])).content.decode()
    # The union of the centres' languages, and no other.
    for code in ("en", "ar", "ne"):
        assert f'name="title_{code}"' in page
    assert 'name="title_hi"' not in page and 'name="form_key"' in page
    response = _create(client, programme, title_en="Our programme", title_ne="हाम्रो कार्यक्रम")
    survey = Survey.objects.get()
    assert survey.programme == programme and survey.centre is None
    assert response.url == reverse("programme_survey_detail", args=[programme.pk, survey.pk])
    assert _add_rating(client, programme, survey).status_code == 302
    question = survey.questions.get()
    assert question.texts == {"en": "How was it?", "ne": "कस्तो थियो?"}

    # A member of the first centre, on their phone.
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save()
    client.force_login(worker)
    assert "Our programme" in client.get(reverse("my_feedback", args=[centre.pk])).content.decode()
    answer = reverse("survey_answer", args=[centre.pk, survey.pk])
    client.post(answer, {f"q{question.pk}": "4", "once": "phone-1"})
    # The sister centre's kiosk, after a check-in.
    sister_manager = CentreRoleFactory(
        centre=sister_centre, role=Role.MANAGER, user=UserFactory(email="doha@example.org")
    ).user
    client.logout()
    pair(client, kiosk_create(centre=sister_centre, label="Entrance", by=sister_manager)[1])
    client.post(reverse("kiosk_checkin"), {"code": ""})
    kiosk = reverse("kiosk_survey")
    assert "कस्तो थियो?" in client.get(kiosk, HTTP_ACCEPT_LANGUAGE="ne").content.decode()
    client.post(kiosk, {f"q{question.pk}": "2", "once": "kiosk-1"})
    # Each answer is counted for the centre it was given at; given anonymously, on a phone
    # or at a kiosk, its channel says only that the worker gave it.
    assert {(r.centre_id, r.channel) for r in Response.objects.filter(survey=survey)} == {
        (centre.pk, "self"),
        (sister_centre.pk, "self"),
    }


def test_the_same_form_sent_twice_makes_one_survey(client, programme, centre, coordinator):
    client.force_login(coordinator)
    _create(client, programme, title_en="Once")
    again = _create(client, programme, title_en="Once")
    assert again.status_code == 302 and Survey.objects.count() == 1
    survey = Survey.objects.get()
    _add_rating(client, programme, survey)
    _add_rating(client, programme, survey)
    assert survey.questions.count() == 1


def test_bad_input_is_refused_and_nothing_saved(client, programme, centre, coordinator):
    client.force_login(coordinator)
    response = _create(client, programme, title_en=" ")
    assert response.status_code == 400
    assert "at least one language" in response.content.decode()
    assert not Survey.objects.exists()
    survey = Survey.objects.create(programme=programme, titles={"en": "Ours"})
    url = reverse("programme_survey_detail", args=[programme.pk, survey.pk])
    data = {"form_key": KEY, "kind": "single", "text_en": "Pick", "options_en": "Only one"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "at least two options" in response.content.decode()
    response = client.post(url, {"form_key": "r" * 32, "kind": "nonsense", "text_en": "Pick"})
    assert response.status_code == 400
    assert not Question.objects.exists()
    toggle = reverse("programme_survey_toggle", args=[programme.pk, survey.pk])
    client.post(toggle, {"open": "maybe"})
    survey.refresh_from_db()
    assert survey.is_open


def test_access_matrix_of_the_programme_survey_pages(client, cast, programme, centre, other_centre):
    survey = Survey.objects.create(programme=programme, titles={"en": "Ours"})
    other = Survey.objects.create(programme=other_centre.programme, titles={"en": "Theirs"})
    urls = [
        reverse("programme_surveys", args=[programme.pk]),
        reverse("programme_survey_detail", args=[programme.pk, survey.pk]),
    ]
    for url in urls:
        for role in ("manager", "social_worker", "legal", "committee_member", "worker"):
            client.force_login(cast[role])
            assert client.get(url).status_code == 403, (url, role)
        client.force_login(cast["outsider"])
        assert client.get(url).status_code == 404
        client.force_login(cast["coordinator"])
        assert client.get(url).status_code == 200
        assert client.put(url).status_code == 405
    # Another programme's survey, or the other programme's pages, are not found.
    client.force_login(cast["coordinator"])
    wrong = reverse("programme_survey_detail", args=[programme.pk, other.pk])
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("programme_surveys", args=[other.programme.pk])).status_code == 404
    toggle = reverse("programme_survey_toggle", args=[programme.pk, survey.pk])
    assert client.get(toggle).status_code == 405
    client.force_login(cast["manager"])
    assert client.post(toggle, {"open": "0"}).status_code == 403
    client.force_login(cast["coordinator"])
    client.post(toggle, {"open": "0"})
    survey.refresh_from_db()
    assert not survey.is_open


@pytest.mark.parametrize("language", ["en", "ar", "ne"])
def test_the_language_fields_do_not_depend_on_the_readers_language(
    client, programme, centre, sister_centre, coordinator, manager, language
):
    centre.languages = ["ar", "en"]
    centre.save()
    for user, url, fields in (
        (coordinator, reverse("programme_surveys", args=[programme.pk]), ("en", "ar", "ne")),
        (manager, reverse("survey_list", args=[centre.pk]), ("en", "ar")),
    ):
        client.force_login(user)
        client.cookies["django_language"] = language
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        offered = {
            code for code in ("en", "ar", "hi", "ne", "bn") if f'name="title_{code}"' in page
        }
        assert offered == set(fields), (url, language)


def test_a_changed_programme_question_with_answers_gets_a_new_version(
    client, programme, centre, coordinator, manager
):
    from advocacy.feedback.actions import response_submit

    survey = Survey.objects.create(programme=programme, titles={"en": "Ours"})
    question = Question.objects.create(survey=survey, kind="rating", texts={"en": "How was it?"})
    url = reverse("programme_question_edit", args=[programme.pk, survey.pk, question.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"form_key": KEY, "text_en": " "})
    assert response.status_code == 400 and "at least one language" in response.content.decode()
    response_submit(
        survey=survey, centre=centre, channel="phone", answers={question.pk: "4"}, once="p1"
    )
    client.post(url, {"form_key": "v" * 32, "text_en": "How were you welcomed?"})
    question.refresh_from_db()
    assert question.retired_at is not None and question.texts == {"en": "How was it?"}
    new = survey.current_questions().get()
    assert new.version == 2 and new.texts == {"en": "How were you welcomed?"}
    assert client.get(url).status_code == 404  # the replaced version cannot be changed
