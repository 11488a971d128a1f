"""Who may do what with services, sessions, bookings and requests: all in one place."""

import rules

from centres.rules import (
    has_any_role,
    is_committee,
    is_coordinator,
    is_manager,
    is_manager_or_social_worker,
    is_staff_member,
    is_worker,
)

# What is on offer, and when: everyone of the centre, workers included.
rules.add_perm("services.view_calendar", has_any_role)
# Who is booked (names): the front desk.
rules.add_perm("services.view_bookings", is_manager_or_social_worker)
# Exact counts of a session (booked, waiting, attended, no-shows, walk-ins, everyone
# included): the staff's. Workers and the committee see only whether places are left,
# or summed over sessions they would rebuild the released figures' hidden cells.
rules.add_perm("services.view_session_counts", is_staff_member)
rules.add_perm("services.book", is_manager_or_social_worker)
# Members with an account book themselves and ask for services themselves.
rules.add_perm("services.book_self", is_worker)
rules.add_perm("services.request_self", is_worker)
rules.add_perm("services.mark_attendance", is_manager_or_social_worker)
rules.add_perm("services.childcare", is_manager_or_social_worker)
rules.add_perm("services.manage_services", is_manager)
rules.add_perm("services.export", is_manager)
# Referral partners: staff read the directory, the manager keeps it.
rules.add_perm("services.view_partners", is_staff_member)
rules.add_perm("services.manage_partners", is_manager)
# Workers' requests: the front desk records them, the manager answers them; demand
# (aggregated) is for the committee's priorities too, small cells hidden for them.
rules.add_perm("services.log_request", is_manager_or_social_worker)
rules.add_perm("services.review_requests", is_manager)
rules.add_perm("services.view_demand", is_staff_member | is_committee | is_coordinator)
