"""The site's form renderer: Django's TemplatesSetting, with labels that take the
label suffix (":") only when they do not already end in a question or a colon.

Django leaves the suffix off after the punctuation its own catalogue lists for the
language ("Translators: ... these punctuation characters will prevent the default
label_suffix"), which misses the Arabic question mark: "أين يوجد هذا؟" became
"أين يوجد هذا؟:". Every form gets this rule through FORM_RENDERER (Django 5.2's
`BaseRenderer.bound_field_class`).

The same bound field names a select's empty choice: Django's "---------" is read as
dashes by screen readers and is never translated. An optional field's says "Not
given", a required one's "Choose one"; filters say "Any" (FILTERS_EMPTY_CHOICE_LABEL).
A form that names its empty choice itself ("Not asked", "Everyone") keeps its words.
"""

from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

# After any of these a label takes no suffix: Latin and Arabic question marks, colons,
# the full stop and the exclamation mark, and their full-width forms.
NO_SUFFIX_AFTER = frozenset("?؟:.!？：")


DASHES = BLANK_CHOICE_DASH[0][1]


def _empty_label(field) -> str:
    return _("Choose one") if field.required else _("Not given")


def name_empty_choice(field) -> None:
    """Give a select's "---------" choice words (the field is the form's own copy)."""
    if getattr(field, "empty_label", None) == DASHES:  # a model choice field
        field.empty_label = _empty_label(field)
        return
    choices = getattr(field, "choices", None)
    if isinstance(choices, ModelChoiceIterator) or choices is None:
        return
    # A model field's choices come as a lazy iterator with the blank choice first.
    choices = list(choices)
    if choices and tuple(choices[0]) == ("", DASHES):
        field.choices = [("", _empty_label(field)), *choices[1:]]


class LabelBoundField(BoundField):
    def __init__(self, form, field, name):
        name_empty_choice(field)
        super().__init__(form, field, name)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        text = str(contents or self.label or "").rstrip()
        if text and text[-1] in NO_SUFFIX_AFTER:
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(TemplatesSetting):
    bound_field_class = LabelBoundField
