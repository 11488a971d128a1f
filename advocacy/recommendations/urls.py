from django.urls import path

from . import letter, views, views_programme, views_workflow, views_yousaid

centre = "centres/<int:centre_id>/recommendations/"
one = centre + "<int:recommendation_id>/"
programme = "programmes/<int:programme_id>/"
programme_one = programme + "recommendations/<int:recommendation_id>/"

urlpatterns = [
    path(centre, views.recommendation_list, name="recommendation_list"),
    path(centre + "new/", views.recommendation_new, name="recommendation_new"),
    path(one, views.recommendation_detail, name="recommendation_detail"),
    path(one + "edit/", views.recommendation_edit, name="recommendation_edit"),
    path(one + "evidence/", views_workflow.evidence_cite, name="evidence_cite"),
    path(
        one + "evidence/<int:item_id>/remove/",
        views_workflow.evidence_remove,
        name="evidence_remove",
    ),
    path(one + "send/", views_workflow.recommendation_send, name="recommendation_send"),
    path(one + "status/", views_workflow.recommendation_move, name="recommendation_move"),
    path(one + "responses/", views_workflow.response_record, name="recommendation_response"),
    path(one + "letter/", letter.letter, name="recommendation_letter"),
    path(one + "letter.pdf", letter.letter_download, name="recommendation_letter_pdf"),
    path("centres/<int:centre_id>/you-said-we-did/", views_yousaid.you_said, name="you_said"),
    path(
        "centres/<int:centre_id>/you-said-we-did/poster/<str:language>/",
        views_yousaid.you_said_poster,
        name="you_said_poster",
    ),
    path("kiosk/you-said-we-did/", views_yousaid.kiosk_you_said, name="kiosk_you_said"),
    path(
        programme + "recommendations/",
        views_programme.programme_recommendation_list,
        name="programme_recommendations",
    ),
    path(
        programme_one,
        views_programme.programme_recommendation_detail,
        name="programme_recommendation_detail",
    ),
    path(
        programme_one + "send/",
        views_programme.programme_recommendation_send,
        name="programme_recommendation_send",
    ),
    path(
        programme_one + "letter/",
        views_programme.programme_recommendation_letter,
        name="programme_recommendation_letter",
    ),
]
