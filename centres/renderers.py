"""The site's form renderer: Django's TemplatesSetting, with labels that take the
label suffix (":") only when they do not already end in a question or a colon.

Django leaves the suffix off after the punctuation its own catalogue lists for the
language ("Translators: ... these punctuation characters will prevent the default
label_suffix"), which misses the Arabic question mark: "أين يوجد هذا؟" became
"أين يوجد هذا؟:". Every form gets this rule through FORM_RENDERER (Django 5.2's
`BaseRenderer.bound_field_class`).
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# After any of these a label takes no suffix: Latin and Arabic question marks, colons,
# the full stop and the exclamation mark, and their full-width forms.
NO_SUFFIX_AFTER = frozenset("?؟:.!？：")


class LabelBoundField(BoundField):
    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        text = str(contents or self.label or "").rstrip()
        if text and text[-1] in NO_SUFFIX_AFTER:
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(TemplatesSetting):
    bound_field_class = LabelBoundField
