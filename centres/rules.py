"""Who may do what in a centre: every permission of this app, in one place."""

import rules

from .access import coordinates, roles_in
from .models import CASE_ROLES, Role


def holds(*wanted: str):
    @rules.predicate(name="holds " + "/".join(wanted))
    def predicate(user, centre) -> bool:
        return centre is not None and bool(roles_in(user, centre) & set(wanted))

    return predicate


# The predicates every app's rules are built from.
is_manager = holds(Role.MANAGER)
is_front_desk = holds(Role.MANAGER, Role.SOCIAL_WORKER)
is_staff_member = holds(*CASE_ROLES)
is_committee = holds(Role.COMMITTEE_MEMBER)
is_worker = holds(Role.WORKER_MEMBER)
has_any_role = holds(*Role.values)


@rules.predicate
def is_coordinator(user, centre) -> bool:
    return centre is not None and coordinates(user, centre)


rules.add_perm("centres.view_centre", has_any_role | is_coordinator)
rules.add_perm("centres.edit_profile", is_manager)
rules.add_perm("centres.manage_staff", is_manager)
rules.add_perm("centres.read_audit", is_manager)
rules.add_perm("centres.view_funding", is_manager | is_coordinator)
