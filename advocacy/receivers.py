"""How grievance cases follow changes made in lower apps."""

from django.dispatch import receiver

from centres.signals import case_role_lost

from . import actions


@receiver(case_role_lost, dispatch_uid="advocacy.unassign_departed")
def unassign_departed(sender, *, centre, user, by, **kwargs) -> None:
    actions.grievance_unassign_departed(centre=centre, user=user, by=by)
