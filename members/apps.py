from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Consent, Kiosk, Member, Visit

        # Only non-identifying fields: audit rows outlive erasure, so they must
        # never hold a name, a phone number or a sensitive attribute.
        auditlog.register(
            Member,
            include_fields=["code", "safe_to_contact", "never_contact_via_employer", "erased_at"],
        )
        auditlog.register(Consent, include_fields=["purpose", "version", "withdrawn_at"])
        auditlog.register(
            Visit, include_fields=["member", "people", "arrived_at", "left_at", "channel"]
        )
        auditlog.register(Kiosk, include_fields=["label", "revoked_at"])
