"""The audit trail: every change of a domain model, every confidential read, every export.

Changes are recorded by django-auditlog for the models registered here; reads are
recorded explicitly with `record_access`, because only the view knows that a person
looked. Entries never hold the text of what was read.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.db import models


def register_models() -> None:
    from .models import (
        Centre,
        CentreRole,
        FundingSource,
        Invitation,
        Programme,
        ProgrammeCoordinator,
        User,
    )

    auditlog.register(
        User, include_fields=["email", "name", "is_active", "is_staff", "is_superuser"]
    )
    auditlog.register(Programme)
    auditlog.register(Centre)
    auditlog.register(FundingSource)
    auditlog.register(CentreRole)
    auditlog.register(ProgrammeCoordinator)
    auditlog.register(Invitation, exclude_fields=["token_hash"])


def record_access(instance: models.Model) -> None:
    """Write one 'access' entry for a confidential record that a person has just read."""
    accessed.send(sender=instance.__class__, instance=instance)
