"""Export of sessions for the manager: use against capacity, counts only, never names."""

from django.db.models import Count, Q, QuerySet
from import_export import fields, resources, widgets

from members.exports import neutralise

from .models import BookingStatus, Session


def sessions_for_export(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """The sessions with their booking counts, in one query."""
    booked = Q(bookings__status=BookingStatus.BOOKED)
    return (
        sessions.select_related("service__category")
        .annotate(
            booked=Count("bookings", filter=booked),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            attended=Count("bookings", filter=booked & Q(bookings__attended=True)),
            no_shows=Count("bookings", filter=booked & Q(bookings__attended=False)),
        )
        .order_by("starts_at", "pk")
    )


class SessionResource(resources.ModelResource):
    service = fields.Field(column_name="service")
    category = fields.Field(column_name="category")
    starts = fields.Field(
        attribute="starts_at", column_name="starts", widget=widgets.DateTimeWidget()
    )
    ends = fields.Field(attribute="ends_at", column_name="ends", widget=widgets.DateTimeWidget())
    cancelled = fields.Field(
        attribute="is_cancelled", column_name="cancelled", widget=widgets.BooleanWidget()
    )
    places = fields.Field(attribute="capacity", column_name="places")
    booked = fields.Field(attribute="booked", column_name="booked")
    waiting = fields.Field(attribute="waiting", column_name="waiting")
    attended = fields.Field(attribute="attended", column_name="attended")
    no_shows = fields.Field(attribute="no_shows", column_name="no_shows")
    walk_ins = fields.Field(attribute="walk_ins", column_name="walk_ins")

    class Meta:
        model = Session
        fields = [
            "service",
            "category",
            "starts",
            "ends",
            "cancelled",
            "places",
            "booked",
            "waiting",
            "attended",
            "no_shows",
            "walk_ins",
        ]
        export_order = fields

    def dehydrate_service(self, session: Session) -> str:
        return neutralise(session.service.name)

    def dehydrate_category(self, session: Session) -> str:
        return neutralise(str(session.service.category.name))
