"""Who may do what in a centre: every permission of this app, in one place."""

import rules

from .access import coordinates, roles_in
from .models import Role


def holds(*wanted: str):
    @rules.predicate(name="holds " + "/".join(wanted))
    def predicate(user, centre) -> bool:
        return centre is not None and bool(roles_in(user, centre) & set(wanted))

    return predicate


is_manager = holds(Role.MANAGER)
is_staff_member = holds(Role.MANAGER, Role.SOCIAL_WORKER, Role.LEGAL_ADVISOR)
has_any_role = holds(*Role.values)


@rules.predicate
def is_coordinator(user, centre) -> bool:
    return centre is not None and coordinates(user, centre)


rules.add_perm("centres.view_centre", has_any_role | is_coordinator)
rules.add_perm("centres.edit_profile", is_manager)
rules.add_perm("centres.manage_staff", is_manager)
rules.add_perm("centres.read_audit", is_manager)
rules.add_perm("centres.view_funding", is_manager | is_coordinator)
