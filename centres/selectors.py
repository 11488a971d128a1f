"""Reads that cross models: what each person's home page shows."""

from __future__ import annotations

from itertools import groupby

from .models import Centre, CentreRole, Programme
from .numbers import figure


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


def retention_for(centre: Centre, runs: int = 14) -> dict:
    """The periods of the centre's programme, each with why, and the counts of the
    last runs for this centre only (data classes in a fixed order)."""
    from django.utils.translation import ngettext

    from .retention import step_labels
    from .retention.models import RetentionCount, RetentionRun, policy_for

    policy = policy_for(centre.programme)
    units = {
        "months": lambda n: ngettext("%(n)s month", "%(n)s months", n) % {"n": figure(n)},
        "years": lambda n: ngettext("%(n)s year", "%(n)s years", n) % {"n": figure(n)},
        "days": lambda n: ngettext("%(n)s day", "%(n)s days", n) % {"n": figure(n)},
    }
    periods = []
    for name in policy.PERIOD_FIELDS:
        field = policy._meta.get_field(name)
        amount = getattr(policy, name)
        periods.append(
            {
                "label": field.verbose_name.rsplit(":", 1)[0],
                "period": units[name.rsplit("_", 1)[1]](amount),
                "why": field.help_text,
            }
        )
    labels = step_labels()
    classes = sorted(labels)
    recent = list(RetentionRun.objects.order_by("-day")[:runs])
    counts = {
        (row.run_id, row.data_class): row.count
        for row in RetentionCount.objects.filter(run__in=recent, centre=centre)
    }
    rows = [
        {"run": run, "counts": [counts.get((run.pk, key), 0) for key in classes]} for run in recent
    ]
    return {
        "periods": periods,
        "custom": policy.pk is not None and not policy._state.adding,
        "classes": [labels[key] for key in classes],
        "rows": rows,
    }
