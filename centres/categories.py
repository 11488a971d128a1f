"""Kinds of service (seed §9–10): reference data shared by visits (their purposes),
services and workers' requests. It lives at the base layer because the lowest app
that needs it, `members` (a visit's purposes), must not import `services`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryKind(models.TextChoices):
    BASIC = "basic", _("Basic activity")
    SUPPLEMENTARY = "supplementary", _("Supplementary service")


# The seed's activities, shipped as data (migration 0002). Their names are
# translated from here; categories a manager adds use their own name.
BUILT_IN = {
    "psychosocial": (CategoryKind.BASIC, _("Psycho-social support")),
    "language": (CategoryKind.BASIC, _("Language, acculturation and information")),
    "empowerment": (CategoryKind.BASIC, _("Soft skills and empowerment")),
    "bonding": (CategoryKind.BASIC, _("Space for social bonding and networking")),
    "advice": (CategoryKind.BASIC, _("Advice on labour and living conditions")),
    "recreation": (CategoryKind.SUPPLEMENTARY, _("Recreation")),
    "vocational": (CategoryKind.SUPPLEMENTARY, _("Vocational skills")),
    "unpaid_work": (
        CategoryKind.SUPPLEMENTARY,
        _("Childcare, laundry and other help with unpaid work"),
    ),
    "health": (CategoryKind.SUPPLEMENTARY, _("Health consultations")),
    "transport": (CategoryKind.SUPPLEMENTARY, _("Transport")),
    "commercial": (CategoryKind.SUPPLEMENTARY, _("Other commercial services")),
}


class ServiceCategoryQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The shared categories and the centre's own."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))


class ServiceCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    own_name = models.CharField(_("name"), max_length=200, blank=True)
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_categories",
        help_text=_("Empty for the categories every centre shares."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = ServiceCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="category_code_per_centre"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(centre__isnull=True),
                name="shared_category_code",
            ),
        ]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self):
        if self.centre_id is None and self.code in BUILT_IN:
            return BUILT_IN[self.code][1]
        return self.own_name
