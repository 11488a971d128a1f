from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = _("Advocacy")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, receivers  # noqa: F401

        # Never the narrative, the contact or a note's text: the trail outlives erasure.
        auditlog.register(
            models.Grievance,
            include_fields=[
                "status",
                "risk",
                "outcome",
                "follow_up_on",
                "employer",
                "consent_given",
            ],
        )
        auditlog.register(models.CaseNote, include_fields=["legal", "author"])
        auditlog.register(models.Referral, include_fields=["partner", "status", "consent_override"])
        auditlog.register(models.Remedy)
        auditlog.register(models.Employer)
        # Feedback: staff's writes only. Workers' answers and comments are written with
        # the trail switched off (see advocacy.feedback.actions), so no actor is linked.
        auditlog.register(models.Survey, include_fields=["is_open", "on_kiosk"])
        auditlog.register(models.Question, include_fields=["kind", "version", "retired_at"])
        auditlog.register(
            models.Comment, include_fields=["sentiment", "coded_at", "shared_approved_at"]
        )
