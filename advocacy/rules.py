"""Who may do what with grievance cases: every permission of this app, in one place.

Reaching a particular case is decided by `Grievance.objects.visible_to(user)`: its
assignees and the centre's manager. These permissions decide who may use the pages.
"""

import rules

from centres.models import Role
from centres.rules import holds

is_manager = holds(Role.MANAGER)
is_case_worker = holds(Role.MANAGER, Role.SOCIAL_WORKER, Role.LEGAL_ADVISOR)
is_intake = holds(Role.MANAGER, Role.SOCIAL_WORKER)
is_legal = holds(Role.MANAGER, Role.LEGAL_ADVISOR)
is_worker = holds(Role.WORKER_MEMBER)

rules.add_perm("advocacy.work_cases", is_case_worker)
rules.add_perm("advocacy.open_case", is_intake)
rules.add_perm("advocacy.read_legal_notes", is_legal)
rules.add_perm("advocacy.write_legal_notes", is_legal)
rules.add_perm("advocacy.assign_cases", is_manager)
rules.add_perm("advocacy.read_access_history", is_manager)
rules.add_perm("advocacy.view_case_figures", is_manager)
rules.add_perm("advocacy.follow_own_case", is_worker)
