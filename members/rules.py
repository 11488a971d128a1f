"""Who may do what with members and visits: every permission of this app, in one place."""

import rules

from centres.access import roles_in
from centres.models import Role
from centres.rules import (
    is_committee,
    is_coordinator,
    is_manager,
    is_manager_or_social_worker,
    is_staff_member,
    is_worker,
)

# The roles that see the contact details and sensitive attributes of every member of
# their centre, not only of some. Only they may look a member up by phone: a search by
# number tells whose number it is, whichever member it finds.
sees_every_members_sensitive_attributes = is_manager_or_social_worker


@rules.predicate
def sees_sensitive_attributes(user, member) -> bool:
    """Whether `user` may see `member`'s contact details and sensitive attributes: the
    manager and social workers of the member's centre, who register, contact and serve
    every member; a legal advisor only for a member on a case of that centre assigned
    to them. Nobody else needs them (DESIGN: never shown to people who do not)."""
    if member is None or not user.is_authenticated:
        return False
    if sees_every_members_sensitive_attributes(user, member.centre):
        return True
    if Role.LEGAL_ADVISOR not in roles_in(user, member.centre):
        return False
    # Through the cases' reverse relation: cases live in a higher app than members.
    return member.grievances.filter(centre_id=member.centre_id, assignees=user).exists()


# Names: centre staff only; contact details and sensitive attributes: see above.
rules.add_perm("members.view_members", is_staff_member)
rules.add_perm("members.register_member", is_manager_or_social_worker)
# Correcting a member's details after registration: the front desk that registers them.
rules.add_perm("members.edit_member", is_manager_or_social_worker)
rules.add_perm("members.manage_consent", is_manager_or_social_worker)
rules.add_perm("members.erase_member", is_manager_or_social_worker)
rules.add_perm("members.import_members", is_manager)
# Merging two records of one person moves cases, seats and votes' places: the manager.
rules.add_perm("members.merge_members", is_manager)
rules.add_perm("members.print_card", is_manager_or_social_worker)
# A member's phone, nationality and migration status: see
# `sees_sensitive_attributes`, asked of the member.
rules.add_perm("members.view_sensitive_attributes", sees_sensitive_attributes)
# Finding a member by phone number: asked of the centre, for every search.
rules.add_perm("members.search_by_phone", sees_every_members_sensitive_attributes)
# Visits.
rules.add_perm("members.log_visit", is_manager_or_social_worker)
rules.add_perm("members.view_visit_log", is_manager_or_social_worker)
rules.add_perm("members.export_visits", is_manager)
rules.add_perm("members.manage_kiosks", is_manager)
# Live aggregated figures are the staff's, exact; the committee and coordinators who
# open them are sent to the released figures of closed periods (advocacy.statistics).
rules.add_perm("members.view_dashboard", is_staff_member | is_committee | is_coordinator)
rules.add_perm("members.view_unsuppressed_figures", is_staff_member)

# Self-governance. The committee runs its ballots, meetings and decisions; staff help
# with logistics (opening and closing windows, polling-officer duty) but cannot
# change results, decisions or minutes, and nobody can see a vote.
rules.add_perm("members.view_governance", is_committee | is_worker | is_staff_member)
rules.add_perm("members.run_ballots", is_committee)
rules.add_perm("members.administer_ballots", is_committee | is_manager_or_social_worker)
rules.add_perm("members.vote", is_committee | is_worker)
rules.add_perm("members.respond_priorities", is_manager)
rules.add_perm("members.run_meetings", is_committee)


@rules.predicate
def is_polling_officer(user, ballot) -> bool:
    """Checks voters in for `ballot`: a seat holder of the centre's committee, the
    election's returning officer, or a member of staff the committee named for it."""
    from centres.access import roles_in
    from centres.models import CASE_ROLES, Role

    from .governance.models import Election

    if ballot is None or not user.is_authenticated:
        return False
    roles = roles_in(user, ballot.committee.centre)
    if Role.COMMITTEE_MEMBER in roles:
        return True
    if not roles & CASE_ROLES:
        return False
    return (
        ballot.polling_officers.filter(user=user).exists()
        or Election.objects.filter(ballot=ballot, returning_officer=user).exists()
    )


# Booths and paper: officers check voters in and enter hand counts; they never see a vote.
rules.add_perm("members.manage_booths", is_committee | is_manager_or_social_worker)
rules.add_perm("members.officiate_ballot", is_polling_officer)


@rules.predicate
def records_tie_draw(user, ballot) -> bool:
    """Records the draw by lot that breaks a tie at the last winning place: for an
    election, its returning officer only (who certifies it); for a priority ballot,
    those who administer the centre's ballots."""
    from .governance.models import Election

    if ballot is None or not user.is_authenticated:
        return False
    election = Election.objects.filter(ballot=ballot).only("returning_officer_id").first()
    if election is not None:
        return user.pk == election.returning_officer_id
    return user.has_perm("members.administer_ballots", ballot.committee.centre)


rules.add_perm("members.record_tie_draw", records_tie_draw)
