"""A label that is a question or ends in a colon takes no label suffix, in any language:
"أين يوجد هذا الكشك؟:" read as a question followed by a stray colon."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation


class Questions(forms.Form):
    latin = forms.CharField(label="Where is it?")
    arabic = forms.CharField(label="أين يوجد هذا؟")
    colon = forms.CharField(label="Note:")
    plain = forms.CharField(label="Name")
    ticks = forms.MultipleChoiceField(
        label="لماذا أتيت؟", choices=[("a", "a")], widget=forms.CheckboxSelectMultiple
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_suffix_after_a_question_mark_or_a_colon(language):
    with translation.override(language):
        form = Questions()
        assert form["latin"].label_tag().endswith(">Where is it?</label>")
        assert form["arabic"].label_tag().endswith(">أين يوجد هذا؟</label>")
        assert form["colon"].label_tag().endswith(">Note:</label>")
        assert form["ticks"].legend_tag().endswith(">لماذا أتيت؟</legend>")
        assert form["plain"].label_tag().endswith(f">Name{form.label_suffix}</label>")


def test_the_kiosk_page_asks_its_question_without_a_colon(client, manager, centre):
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("kiosk_list", args=[centre.pk])).content.decode()
    with translation.override("ar"):
        question = translation.gettext("Where is this kiosk?")
    assert question.endswith("؟")
    assert f">{question}</label>" in page and f"{question}:" not in page
