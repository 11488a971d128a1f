from django.urls import path

from . import (
    views,
    views_import,
    views_kiosk,
    views_merge,
    views_profile,
    views_register,
    views_visits,
)
from .governance.urls import urlpatterns as governance_urls

centre = "centres/<int:centre_id>/"

urlpatterns = [
    path(centre + "members/", views.member_list, name="member_list"),
    path(centre + "members/new/", views_register.member_register, name="member_register"),
    path(centre + "members/import/", views_import.member_import, name="member_import"),
    path(centre + "members/<int:member_id>/", views.member_detail, name="member_detail"),
    path(centre + "members/<int:member_id>/card/", views.member_card, name="member_card"),
    path(centre + "members/<int:member_id>/edit/", views_profile.member_edit, name="member_edit"),
    path(
        centre + "members/<int:member_id>/consents/new/",
        views_profile.consent_give,
        name="consent_give",
    ),
    path(
        centre + "members/<int:member_id>/card/renew/",
        views.member_card_renew,
        name="member_card_renew",
    ),
    path(
        centre + "members/<int:member_id>/consents/<str:purpose>/withdraw/",
        views_profile.consent_withdraw,
        name="consent_withdraw",
    ),
    path(centre + "members/<int:member_id>/erase/", views.member_erase, name="member_erase"),
    path(centre + "members/<int:member_id>/merge/", views_merge.member_merge, name="member_merge"),
    path(
        centre + "members/<int:member_id>/account/",
        views.member_link_account,
        name="member_link_account",
    ),
    path(centre + "visits/", views_visits.visit_list, name="visit_list"),
    path(centre + "visits/export.<str:fmt>", views_visits.visit_export, name="visit_export"),
    path(centre + "visits/new/", views_visits.visit_new, name="visit_new"),
    path(centre + "visits/headcount/", views_visits.headcount_new, name="headcount_new"),
    path(centre + "kiosks/", views_kiosk.kiosk_list, name="kiosk_list"),
    path(
        centre + "kiosks/<int:kiosk_id>/activity/",
        views_kiosk.kiosk_activity,
        name="kiosk_activity",
    ),
    path(centre + "kiosks/<int:kiosk_id>/revoke/", views_kiosk.kiosk_revoke, name="kiosk_revoke"),
    # A kiosk's pages hold no secret in their address: the tablet's cookie says which.
    path("kiosk/", views_kiosk.kiosk_checkin, name="kiosk_checkin"),
    path("kiosk/pair/", views_kiosk.kiosk_pair, name="kiosk_pair"),
]

urlpatterns += governance_urls
