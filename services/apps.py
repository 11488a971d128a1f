from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ServiceCategory)
        auditlog.register(models.ReferralPartner)
        auditlog.register(models.Service)
        auditlog.register(models.ScheduleSlot)
        auditlog.register(models.Session)
        auditlog.register(models.Booking)
        # Names of children and of the people collecting them stay out of the trail.
        auditlog.register(models.Child, include_fields=["member"])
        auditlog.register(models.PickUp, include_fields=["child", "session", "allowed"])
        # A worker's own words may identify them: only the request's state is traced.
        auditlog.register(models.ServiceRequest, include_fields=["category", "status", "channel"])
