"""Who may do what with members and visits: every permission of this app, in one place."""

import rules
from django.db.models import QuerySet

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

# The roles that read every member of their centre, with their contact details and
# sensitive attributes. Only they may look a member up by phone: a search by number
# tells whose number it is, whichever member it finds.
reads_every_member = is_manager_or_social_worker
sees_every_members_sensitive_attributes = reads_every_member


def readable_members(user, centre, members: QuerySet) -> QuerySet:
    """The members among `members` (of `centre`) whom `user` may read at all: every one
    for the centre's manager and social workers, who register, contact and serve them;
    for a legal advisor only those on a case of the centre assigned to them (DESIGN:
    they work the cases assigned to them, and a member's page tells who has a case);
    nobody for anyone else. The member list, its search, a member's page and every
    member page reached by a link go through it."""
    if not user.is_authenticated:
        return members.none()
    if user.is_superuser or reads_every_member(user, centre):
        return members
    if Role.LEGAL_ADVISOR not in roles_in(user, centre):
        return members.none()
    # Through the cases' reverse relation: cases live in a higher app than members.
    on_their_cases = members.model.objects.filter(
        grievances__centre_id=centre.pk, grievances__assignees=user
    )
    return members.filter(pk__in=on_their_cases.values("pk"))


@rules.predicate
def may_read_member(user, member) -> bool:
    """Whether `user` may read `member` (`readable_members`): their page, and with it
    their contact details and sensitive attributes, which nobody else needs (DESIGN:
    never shown to people who do not)."""
    if member is None:
        return False
    found = member.__class__.objects.filter(pk=member.pk)
    return readable_members(user, member.centre, found).exists()


sees_sensitive_attributes = may_read_member


# Names: centre staff only; contact details and sensitive attributes: see above.
rules.add_perm("members.view_members", is_staff_member)
# One member: `readable_members`, asked of the member.
rules.add_perm("members.view_member", may_read_member)
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
# with logistics (opening voting, counting once a window is over, polling-officer
# duty) but cannot change windows, results, decisions or minutes, and nobody can see
# a vote.
rules.add_perm("members.view_governance", is_committee | is_worker | is_staff_member)
rules.add_perm("members.run_ballots", is_committee)
rules.add_perm("members.administer_ballots", is_committee | is_manager_or_social_worker)
# Staff are not voters, whatever other role they hold (centres.rules.STAFF_NOT_VOTER_MESSAGE).
rules.add_perm("members.vote", (is_committee | is_worker) & ~is_staff_member)
rules.add_perm("members.respond_priorities", is_manager)
rules.add_perm("members.run_meetings", is_committee)


@rules.predicate
def closes_ballot(user, ballot) -> bool:
    """Closes voting in `ballot` and counts it: once its window is over, anyone who
    administers the centre's ballots; while voting is still open, only the committee
    (DESIGN, self-governance: staff cannot change ballots, and ending voting early
    changes who could vote). Asked of the ballot, at the time of asking."""
    if ballot is None or not user.is_authenticated:
        return False
    centre = ballot.committee.centre
    if ballot.closes_early():
        return user.has_perm("members.run_ballots", centre)
    return user.has_perm("members.administer_ballots", centre)


rules.add_perm("members.close_ballot", closes_ballot)


@rules.predicate
def opens_ballot(user, ballot) -> bool:
    """Opens voting in `ballot` (freezing its roll): before its opening time, anyone
    who administers the centre's ballots (staff help with the logistics); once that
    time has passed with the ballot still in preparation (`Ballot.opens_late`), only
    the committee, since opening late shortens the vote (DESIGN, self-governance:
    staff cannot change ballots). Asked of the ballot, at the time of asking."""
    if ballot is None or not user.is_authenticated:
        return False
    centre = ballot.committee.centre
    if ballot.opens_late():
        return user.has_perm("members.run_ballots", centre)
    return user.has_perm("members.administer_ballots", centre)


rules.add_perm("members.open_ballot", opens_ballot)


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
    the committee, which runs it (DESIGN, self-governance: staff cannot see or change
    ballots, and the draw decides the result)."""
    from .governance.models import Election

    if ballot is None or not user.is_authenticated:
        return False
    election = Election.objects.filter(ballot=ballot).only("returning_officer_id").first()
    if election is not None:
        return user.pk == election.returning_officer_id
    return user.has_perm("members.run_ballots", ballot.committee.centre)


rules.add_perm("members.record_tie_draw", records_tie_draw)
