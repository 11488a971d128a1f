"""Services the centre offers: categories of activity (seed §9–10), services and
their sessions, bookings and attendance, childcare pick-ups, workers' requests, and
the partners the centre refers people to.

- `catalogue`: services, their weekly times, referral partners;
- `sessions`: sessions, bookings, children and pick-ups;
- `requests`: workers' requests.
"""

from .catalogue import (
    PartnerKind,
    ReferralPartner,
    ScheduleSlot,
    Service,
    ServiceQuerySet,
    Weekday,
)
from .sessions import (
    Booking,
    BookingQuerySet,
    BookingStatus,
    Child,
    FeeStatus,
    PickUp,
    Session,
    SessionQuerySet,
)

# isort: split
from .requests import RequestChannel, RequestStatus, ServiceRequest, ServiceRequestQuerySet

__all__ = [
    "Booking",
    "BookingQuerySet",
    "BookingStatus",
    "Child",
    "FeeStatus",
    "PartnerKind",
    "PickUp",
    "ReferralPartner",
    "RequestChannel",
    "RequestStatus",
    "ScheduleSlot",
    "Service",
    "ServiceQuerySet",
    "ServiceRequest",
    "ServiceRequestQuerySet",
    "Session",
    "SessionQuerySet",
    "Weekday",
]
