"""Who may do what in a centre: every permission of this app, in one place."""

import rules

from .access import coordinates_programme_of, roles_in
from .models import CASE_ROLES, Role


def holds_any_of(*wanted: str):
    """A predicate: the user holds at least one of these roles in the centre."""

    @rules.predicate(name="holds any of " + "/".join(wanted))
    def predicate(user, centre) -> bool:
        return centre is not None and bool(roles_in(user, centre) & set(wanted))

    return predicate


# The predicates every app's rules are built from.
is_manager = holds_any_of(Role.MANAGER)
is_manager_or_social_worker = holds_any_of(Role.MANAGER, Role.SOCIAL_WORKER)
is_staff_member = holds_any_of(*CASE_ROLES)
is_committee = holds_any_of(Role.COMMITTEE_MEMBER)
is_worker = holds_any_of(Role.WORKER_MEMBER)
has_any_role = holds_any_of(*Role.values)


@rules.predicate
def is_coordinator(user, centre) -> bool:
    return centre is not None and coordinates_programme_of(user, centre)


@rules.predicate
def coordinates_programme(user, programme) -> bool:
    """For programme pages: the user coordinates this programme."""
    if programme is None or not user.is_authenticated:
        return False
    return user.coordinator_roles.filter(programme=programme).exists()


rules.add_perm("centres.view_centre", has_any_role | is_coordinator)
rules.add_perm("centres.edit_profile", is_manager)
rules.add_perm("centres.manage_staff", is_manager)
rules.add_perm("centres.read_audit", is_manager)
rules.add_perm("centres.view_retention", is_manager)
rules.add_perm("centres.view_funding", is_manager | is_coordinator)
