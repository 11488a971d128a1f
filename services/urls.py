from django.urls import path

from . import views_catalogue, views_mine, views_requests, views_sessions

centre = "centres/<int:centre_id>/"
session = centre + "sessions/<int:session_id>/"
booking = session + "bookings/<int:booking_id>/"

urlpatterns = [
    # Catalogue, schedule, partners, exports
    path(centre + "services/", views_catalogue.service_list, name="service_list"),
    path(centre + "services/new/", views_catalogue.service_new, name="service_new"),
    path(centre + "services/categories/new/", views_catalogue.category_add, name="category_add"),
    path(
        centre + "services/<int:service_id>/edit/",
        views_catalogue.service_edit,
        name="service_edit",
    ),
    path(centre + "services/<int:service_id>/slots/", views_catalogue.slot_add, name="slot_add"),
    path(
        centre + "services/<int:service_id>/sessions/new/",
        views_catalogue.session_add,
        name="session_add",
    ),
    path(centre + "partners/", views_catalogue.partner_list, name="partner_list"),
    path(centre + "partners/new/", views_catalogue.partner_new, name="partner_new"),
    path(
        centre + "partners/<int:partner_id>/edit/",
        views_catalogue.partner_edit,
        name="partner_edit",
    ),
    path(
        centre + "sessions/export.<str:fmt>", views_catalogue.session_export, name="session_export"
    ),
    # Calendar, sessions, bookings, attendance, childcare
    path(centre + "calendar/", views_sessions.calendar, name="calendar"),
    path(session, views_sessions.session_detail, name="session_detail"),
    path(session + "cancel/", views_sessions.session_cancel, name="session_cancel"),
    path(session + "walk-ins/", views_sessions.walk_ins_set, name="walk_ins_set"),
    path(session + "book/", views_sessions.booking_create, name="booking_create"),
    path(session + "book-me/", views_sessions.book_me, name="book_me"),
    path(session + "unbook-me/", views_sessions.unbook_me, name="unbook_me"),
    path(session + "pick-up/", views_sessions.pick_up, name="pick_up"),
    path(booking + "cancel/", views_sessions.booking_cancel, name="booking_cancel"),
    path(booking + "attendance/", views_sessions.attendance_mark, name="attendance_mark"),
    path(booking + "fee/", views_sessions.fee_settle, name="fee_settle"),
    path(
        centre + "members/<int:member_id>/children/new/",
        views_sessions.child_add,
        name="child_add",
    ),
    # Workers' requests and demand
    path(centre + "requests/", views_requests.request_list, name="request_list"),
    path(centre + "requests/new/", views_requests.request_new, name="request_new"),
    path(centre + "requests/mine/", views_requests.my_request_new, name="my_request_new"),
    path(centre + "my-requests/", views_mine.my_requests, name="my_requests"),
    path(centre + "my-bookings/", views_mine.my_bookings, name="my_bookings"),
    path(
        centre + "requests/<int:request_id>/move/", views_requests.request_move, name="request_move"
    ),
    path(centre + "demand/", views_requests.demand, name="demand"),
    path("kiosk/request/", views_requests.kiosk_request, name="kiosk_request"),
]
