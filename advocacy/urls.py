from django.urls import path

from . import views, views_dashboard, views_figures, views_released
from .feedback import urls as feedback_urls
from .recommendations import urls as recommendation_urls
from .reports import urls as report_urls

centre = "centres/<int:centre_id>/"
case = centre + "cases/<int:case_id>/"

urlpatterns = [
    path(centre + "dashboard/", views_dashboard.dashboard, name="dashboard"),
    path(centre + "cases/", views.case_list, name="case_list"),
    path(centre + "cases/new/", views.case_new, name="case_new"),
    path(centre + "cases/figures/", views_figures.case_figures, name="case_figures"),
    path(centre + "figures/", views_released.released_figures, name="released_figures"),
    path(case, views.case_detail, name="case_detail"),
    path(case + "move/", views.case_move, name="case_move"),
    path(case + "plan/", views.case_plan, name="case_plan"),
    path(case + "notes/", views.note_add, name="note_add"),
    path(case + "referrals/", views.referral_send, name="referral_send"),
    path(case + "referrals/<int:referral_id>/", views.referral_update, name="referral_update"),
    path(case + "remedies/", views.remedy_record, name="remedy_record"),
    path(case + "assign/", views.case_assign, name="case_assign"),
    path(centre + "my-cases/", views.my_cases, name="my_cases"),
]

urlpatterns += feedback_urls.urlpatterns + recommendation_urls.urlpatterns + report_urls.urlpatterns
