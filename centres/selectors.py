"""Reads that cross models: what each person's home page shows."""

from __future__ import annotations

from itertools import groupby

from .models import Centre, CentreRole, Programme


def home_for(user) -> dict:
    """The centres a person works in, with their roles there, and the programmes they coordinate."""
    roles = (
        CentreRole.objects.filter(user=user)
        .select_related("centre")
        .order_by("centre__name", "centre_id", "role")
    )
    centres = [
        {
            "centre": centre,
            "roles": [r.get_role_display() for r in items],
            "codes": {r.role for r in items},
        }
        for centre, items in ((c, list(i)) for c, i in groupby(roles, key=lambda r: r.centre))
    ]
    programmes = Programme.objects.filter(coordinators__user=user).prefetch_related("centres")
    return {"centres": centres, "programmes": programmes, "all_centres": _all_for_admin(user)}


def _all_for_admin(user):
    return Centre.objects.select_related("programme") if user.is_superuser else None
