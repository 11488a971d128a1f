"""Kinds of service (seed §9–10): reference data shared by visits (their purposes),
services and workers' requests. It lives at the base layer because the lowest app
that needs it, `members` (a visit's purposes), must not import `services`."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .names import NameField, UniqueNameMixin, unique_name


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


CODE_LENGTH = 40


def _is_code_character(ch: str) -> bool:
    # Letters and digits of any script with their combining marks: Devanagari and
    # Bengali vowel signs are marks, which `\w` (and so Django's slugs) leaves out.
    return ch.isalnum() or ch in "-_" or unicodedata.category(ch).startswith("M")


def validate_code(value: str) -> None:
    if not value or not all(_is_code_character(ch) for ch in value):
        raise ValidationError(
            _("Use letters, numbers, hyphens or underscores only."), code="invalid"
        )


def code_from_name(name: str) -> str:
    """A category's code made from its name, in the name's own script.

    An Arabic or Devanagari name keeps its letters and vowel signs, and a name
    with no letter in it (a phone number, a date) gets a letter in front, so
    that a spreadsheet opening an export reads the code as text, not as a number
    or a date. A name with nothing usable gives `category`.
    """
    text = unicodedata.normalize("NFKC", name).lower()
    text = "".join(ch for ch in text if _is_code_character(ch) or ch.isspace())
    code = re.sub(r"[-\s]+", "-", text)[:CODE_LENGTH].strip("-_")
    if not code:
        return "category"
    if not any(ch.isalpha() for ch in code):
        code = f"c-{code}"[:CODE_LENGTH].strip("-_")
    return code


class ServiceCategoryQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The shared categories and the centre's own."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))


class ServiceCategory(UniqueNameMixin, models.Model):
    code = models.CharField(
        _("code"), max_length=CODE_LENGTH, db_index=True, validators=[validate_code]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    own_name = NameField(_("name"), max_length=200, blank=True)
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
            unique_name(
                "own_name",
                "centre",
                name="category_name_per_centre",
                condition=models.Q(centre__isnull=False),
            ),
        ]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self) -> str:
        return str(self.name)

    name_field = "own_name"

    def name_taken(self, name: str) -> bool:
        """A centre's category may not take the name of another of its list, the
        shared ones included, in any of the languages they are shown in."""
        wanted = name.casefold()
        others = ServiceCategory.objects.filter(centre__isnull=True)
        if self.centre_id is not None:
            others = ServiceCategory.objects.for_centre(self.centre_id)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return any(wanted in other.names_in_every_language() for other in others)

    def names_in_every_language(self) -> set[str]:
        if self.centre_id is not None or self.code not in BUILT_IN:
            return {self.own_name.casefold()}
        names = set()
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(str(self.name).casefold())
        return names

    @property
    def name(self):
        if self.centre_id is None and self.code in BUILT_IN:
            return BUILT_IN[self.code][1]
        return self.own_name
