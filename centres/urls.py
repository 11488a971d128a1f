from django.urls import path

from . import views
from .exports import views as export_views

urlpatterns = [
    path("", views.home, name="home"),
    path("centres/<int:centre_id>/", views.centre_detail, name="centre_detail"),
    path("centres/<int:centre_id>/edit/", views.centre_edit, name="centre_edit"),
    path("centres/<int:centre_id>/staff/", views.staff_list, name="staff_list"),
    path("centres/<int:centre_id>/staff/invite/", views.staff_invite, name="staff_invite"),
    path(
        "centres/<int:centre_id>/staff/roles/<int:role_id>/remove/",
        views.role_revoke,
        name="role_revoke",
    ),
    path(
        "centres/<int:centre_id>/staff/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("centres/<int:centre_id>/audit/", views.audit_trail, name="audit_trail"),
    path("centres/<int:centre_id>/retention/", views.retention, name="retention"),
    path(
        "centres/<int:centre_id>/exports/<int:job_id>/",
        export_views.export_job,
        name="export_job",
    ),
    path(
        "centres/<int:centre_id>/exports/<int:job_id>/file/",
        export_views.export_job_file,
        name="export_job_file",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
