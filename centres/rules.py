"""Who may do what in a centre: every permission of this app, in one place."""

import rules
from django.utils.translation import gettext_lazy

from .access import coordinates_programme_of, roles_in
from .models import CASE_ROLES, CentreRole, Role


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


# Staff are not voters. DESIGN, self-governance: "staff cannot see or change ballots",
# and one member, one vote: an account holding a staff role in a centre (CASE_ROLES)
# never also holds the worker-member role there, is never linked to a member of it,
# and never casts a vote in its ballots. Staff elsewhere does not matter.
STAFF_NOT_VOTER_MESSAGE = gettext_lazy(
    "This account holds a staff role in this centre, and staff cannot be worker members "
    "or vote in its ballots."
)
WORKER_NOT_STAFF_MESSAGE = gettext_lazy(
    "This person is a worker member of this centre, and staff cannot vote in its ballots: "
    "remove the worker-member role before giving a staff role."
)


def holds_staff_role(*, centre_id: int, user_id: int | None) -> bool:
    """Whether the account `user_id` holds a staff role (CASE_ROLES) in the centre. One query."""
    if user_id is None:
        return False
    return CentreRole.objects.filter(
        centre_id=centre_id, user_id=user_id, role__in=CASE_ROLES
    ).exists()


def role_clash(*, centre_id: int, email: str, role: str):
    """The refusal (a lazy message) if granting `role` in the centre to the account with
    `email` (case-insensitive) would join a staff role and the worker-member role in one
    account, else None. Used by invitation_create and invitation_accept. One query."""
    if role == Role.WORKER_MEMBER:
        clashing, message = CASE_ROLES, STAFF_NOT_VOTER_MESSAGE
    elif role in CASE_ROLES:
        clashing, message = {Role.WORKER_MEMBER}, WORKER_NOT_STAFF_MESSAGE
    else:
        return None
    held = CentreRole.objects.filter(
        centre_id=centre_id, user__email__iexact=email.strip(), role__in=clashing
    )
    return message if held.exists() else None
