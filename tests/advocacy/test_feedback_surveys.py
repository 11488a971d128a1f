"""The manager defines surveys; a question that changes after answers gets a new version."""

from django.urls import reverse

from advocacy.feedback.actions import question_change, response_submit
from advocacy.models import Question, Survey

from ..factories import SurveyFactory


def test_a_manager_creates_a_survey_with_questions_in_each_language(client, manager, centre):
    centre.languages = ["ar", "en", "ne"]
    centre.save()
    client.force_login(manager)
    url = reverse("survey_list", args=[centre.pk])
    response = client.post(url, {"title_en": "Our centre", "title_ar": "مركزنا", "on_kiosk": "on"})
    survey = Survey.objects.get()
    assert response.url == reverse("survey_detail", args=[centre.pk, survey.pk])
    assert survey.titles == {"en": "Our centre", "ar": "مركزنا"} and survey.on_kiosk
    client.post(
        response.url,
        {
            "kind": "single",
            "text_en": "Which day suits you?",
            "text_ne": "कुन दिन ठीक छ?",
            "options_en": "Friday\nSunday",
            "options_ne": "शुक्रबार\nआइतबार",
        },
    )
    question = survey.questions.get()
    assert question.options == [
        {"key": "1", "texts": {"en": "Friday", "ne": "शुक्रबार"}},
        {"key": "2", "texts": {"en": "Sunday", "ne": "आइतबार"}},
    ]


def test_bad_input_is_refused_and_nothing_saved(client, manager, centre):
    client.force_login(manager)
    response = client.post(reverse("survey_list", args=[centre.pk]), {"title_en": " "})
    assert "at least one language" in response.content.decode()
    assert not Survey.objects.exists()
    survey = SurveyFactory(centre=centre, questions=False)
    url = reverse("survey_detail", args=[centre.pk, survey.pk])
    response = client.post(url, {"kind": "single", "text_en": "Pick", "options_en": "Only one"})
    assert "at least two options" in response.content.decode()
    assert not Question.objects.exists()


def test_access_matrix_of_the_survey_pages(client, cast, centre):
    survey = SurveyFactory(centre=centre)
    urls = [
        reverse("survey_list", args=[centre.pk]),
        reverse("survey_detail", args=[centre.pk, survey.pk]),
    ]
    for url in urls:
        for role in ("social_worker", "legal", "committee_member", "worker", "coordinator"):
            client.force_login(cast[role])
            assert client.get(url).status_code == 403, (url, role)
        client.force_login(cast["outsider"])
        assert client.get(url).status_code == 404
        client.force_login(cast["manager"])
        assert client.get(url).status_code == 200
        assert client.put(url).status_code == 405
    toggle = reverse("survey_toggle", args=[centre.pk, survey.pk])
    assert client.get(toggle).status_code == 405
    client.post(toggle, {"open": "0"})
    client.post(toggle, {"open": "0"})  # a double tap closes it once, never reopens it
    survey.refresh_from_db()
    assert not survey.is_open
    response = client.post(toggle, {"open": "maybe"}, follow=True)
    assert "Choose whether the survey is open or closed." in response.content.decode()
    survey.refresh_from_db()
    assert not survey.is_open
    client.post(toggle, {"open": "1"})
    survey.refresh_from_db()
    assert survey.is_open


def test_a_changed_question_without_answers_is_edited_in_place(manager, centre):
    survey = SurveyFactory(centre=centre)
    question = survey.current_questions()[0]
    changed = question_change(question=question, by=manager, texts={"en": "How was it?"})
    assert changed.pk == question.pk and changed.version == 1 and changed.text == "How was it?"


def test_a_changed_question_with_answers_gets_a_new_version(client, manager, centre):
    survey = SurveyFactory(centre=centre)
    question = survey.current_questions()[0]
    response_submit(
        survey=survey, centre=centre, channel="paper", entered_by=manager,
        answers={question.pk: 2}, once="one",
    )  # fmt: skip
    client.force_login(manager)
    url = reverse("question_edit", args=[centre.pk, survey.pk, question.pk])
    page = client.post(url, {"text_en": "How safe did you feel?"}, follow=True)
    assert "version 2 now replaces it" in page.content.decode()
    question.refresh_from_db()
    new = question.replaced_by
    assert question.retired_at is not None and question.text == "How welcome did you feel?"
    assert new.version == 2 and new.text == "How safe did you feel?"
    assert question.answers.get().rating == 2 and not new.answers.exists()
    assert list(survey.current_questions())[0] == new
    # The retired version can no longer be changed.
    assert client.post(url, {"text_en": "x"}).status_code == 404
