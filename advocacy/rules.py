"""Who may do what with grievance cases: every permission of this app, in one place.

Reaching a particular case is decided by `Grievance.objects.visible_to(user)`: its
assignees and the centre's manager. These permissions decide who may use the pages.
"""

import rules

from centres.access import roles_in
from centres.models import Role
from centres.rules import (
    coordinates_programme,
    is_committee,
    is_coordinator,
    is_manager,
    is_manager_or_social_worker,
    is_staff_member,
    is_worker,
)


@rules.predicate
def advises_on_case(user, grievance) -> bool:
    """Reads and writes `grievance`'s legal notes: a legal advisor of the case's centre
    assigned to the case. Legal privilege is between the worker and her legal advisor
    (F19): not the manager, who sees only that a legal note exists, its date and its
    author's role (`advocacy.see_legal_notes_exist`), nor other staff on the case. An
    administrator, like for everything, reads it with the read audited."""
    if grievance is None or not user.is_authenticated:
        return False
    if Role.LEGAL_ADVISOR not in roles_in(user, grievance.centre):
        return False
    return grievance.assignees.filter(pk=user.pk).exists()


rules.add_perm("advocacy.work_cases", is_staff_member)
rules.add_perm("advocacy.open_case", is_manager_or_social_worker)
# Asked of the case (`advises_on_case`); the manager's is asked of the centre.
rules.add_perm("advocacy.read_legal_notes", advises_on_case)
rules.add_perm("advocacy.write_legal_notes", advises_on_case)
rules.add_perm("advocacy.see_legal_notes_exist", is_manager)
rules.add_perm("advocacy.assign_cases", is_manager)
rules.add_perm("advocacy.read_access_history", is_manager)
rules.add_perm("advocacy.view_case_figures", is_manager)
# Released figures of closed periods (advocacy.statistics): what leaves the staff.
rules.add_perm("advocacy.view_released_figures", is_staff_member | is_committee | is_coordinator)
rules.add_perm("advocacy.follow_own_case", is_worker)

# Workers' feedback (advocacy.feedback).
rules.add_perm("advocacy.manage_surveys", is_manager)
# A programme's surveys, asked in all its centres, are its coordinators'.
rules.add_perm("advocacy.manage_programme_surveys", coordinates_programme)
rules.add_perm("advocacy.give_feedback", is_worker)
rules.add_perm("advocacy.enter_paper_feedback", is_manager_or_social_worker)
# Free text stays with the manager and social workers.
rules.add_perm("advocacy.code_comments", is_manager_or_social_worker)
rules.add_perm("advocacy.view_feedback_summary", is_manager_or_social_worker | is_committee)

# Recommendations (advocacy.recommendations): the manager owns them; the committee sees
# them (it is their feedback) and may propose one.
rules.add_perm("advocacy.view_recommendations", is_manager | is_committee)
rules.add_perm("advocacy.manage_recommendations", is_manager)
rules.add_perm("advocacy.propose_recommendation", is_committee)
# Employers are never named to workers: a letter names its addressee, so it is staff's.
rules.add_perm("advocacy.name_employers", is_manager)
# A coordinator builds the programme's own recommendations from its centres' releases.
rules.add_perm("advocacy.manage_programme_recommendations", coordinates_programme)

# Periodic feedback reports (advocacy.reports): a centre's go to its manager and
# committee; a programme's to its coordinators.
rules.add_perm("advocacy.view_reports", is_manager | is_committee)
rules.add_perm("advocacy.rebuild_reports", is_manager)
rules.add_perm("advocacy.view_programme_figures", coordinates_programme)
rules.add_perm("advocacy.rebuild_programme_reports", coordinates_programme)
