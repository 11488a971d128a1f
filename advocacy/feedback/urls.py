from django.urls import path

from . import views_answer, views_programme, views_surveys, views_themes

centre = "centres/<int:centre_id>/feedback/"
survey = centre + "surveys/<int:survey_id>/"
programme = "programmes/<int:programme_id>/surveys/"

urlpatterns = [
    path(centre + "surveys/", views_surveys.survey_list, name="survey_list"),
    path(survey, views_surveys.survey_detail, name="survey_detail"),
    path(survey + "open/", views_surveys.survey_toggle, name="survey_toggle"),
    path(
        survey + "questions/<int:question_id>/",
        views_surveys.question_edit,
        name="question_edit",
    ),
    path(survey + "answer/", views_answer.survey_answer, name="survey_answer"),
    path(survey + "paper/", views_answer.paper_entry, name="paper_entry"),
    path(centre, views_answer.my_feedback, name="my_feedback"),
    path(centre + "tell/", views_answer.comment_new, name="comment_new"),
    path(centre + "comments/", views_themes.comment_list, name="comment_list"),
    path(
        centre + "comments/<int:comment_id>/code/", views_themes.comment_code, name="comment_code"
    ),
    path(
        centre + "comments/<int:comment_id>/share/",
        views_themes.comment_share,
        name="comment_share",
    ),
    path(centre + "summary/", views_themes.feedback_summary, name="feedback_summary"),
    path(programme, views_programme.programme_survey_list, name="programme_surveys"),
    path(
        programme + "<int:survey_id>/",
        views_programme.programme_survey_detail,
        name="programme_survey_detail",
    ),
    path(
        programme + "<int:survey_id>/open/",
        views_programme.programme_survey_toggle,
        name="programme_survey_toggle",
    ),
    path(
        programme + "<int:survey_id>/questions/<int:question_id>/",
        views_programme.programme_question_edit,
        name="programme_question_edit",
    ),
    path("kiosk/survey/", views_answer.kiosk_survey, name="kiosk_survey"),
]
