"""Export of sessions for the manager: use against capacity, counts only, never names.

Times are the centre's local time with their UTC offset; columns and values are stable
codes whatever the exporter's language, with translated names only in `*_label` columns.
"""

from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from import_export import fields, resources, widgets

from centres.local_time import local_iso
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
    category_label = fields.Field(column_name="category_label")
    starts = fields.Field(column_name="starts")
    ends = fields.Field(column_name="ends")
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
            "category_label",
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

    def __init__(self, *, zone: ZoneInfo, **kwargs):
        super().__init__(**kwargs)
        self.zone = zone

    def dehydrate_service(self, session: Session) -> str:
        return neutralise(session.service.name)

    def dehydrate_category(self, session: Session) -> str:
        return neutralise(session.service.category.code)

    def dehydrate_category_label(self, session: Session) -> str:
        return neutralise(str(session.service.category.name))

    def dehydrate_starts(self, session: Session) -> str:
        return local_iso(session.starts_at, self.zone)

    def dehydrate_ends(self, session: Session) -> str:
        return local_iso(session.ends_at, self.zone)
