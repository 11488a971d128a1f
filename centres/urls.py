from django.urls import path

from . import views

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
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
