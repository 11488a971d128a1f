from django.urls import path

from . import downloads, views, views_programme

centre = "centres/<int:centre_id>/reports/"
programme = "programmes/<int:programme_id>/"

urlpatterns = [
    path(centre, views.report_list, name="report_list"),
    path(centre + "build/", views.report_build, name="report_build"),
    path(centre + "<int:report_id>/", views.report_detail, name="report_detail"),
    path(
        centre + "<int:report_id>/report.<str:fmt>",
        downloads.report_download,
        name="report_download",
    ),
    path(programme + "figures/", views_programme.programme_figures, name="programme_figures"),
    path(
        programme + "figures.<str:fmt>",
        views_programme.programme_figures_export,
        name="programme_figures_export",
    ),
    path(programme + "reports/", views_programme.programme_report_list, name="programme_reports"),
    path(
        programme + "reports/build/",
        views_programme.programme_report_build,
        name="programme_report_build",
    ),
    path(
        programme + "reports/<int:report_id>/",
        views_programme.programme_report_detail,
        name="programme_report_detail",
    ),
    path(
        programme + "reports/<int:report_id>/report.<str:fmt>",
        views_programme.programme_report_download,
        name="programme_report_download",
    ),
]
