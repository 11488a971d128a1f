"""Forms of the feedback pages: the survey as a worker sees it, and the staff's forms."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.dates import DateField
from centres.formfields import ShortTextField

from .models import COMMENT_MAX, QuestionKind, Sentiment, Survey, ThemeCode

# The five faces (static/img/faces/face-N.svg), worst to best, each with words.
FACES = [
    ("1", gettext_lazy("Very bad")),
    ("2", gettext_lazy("Bad")),
    ("3", gettext_lazy("OK")),
    ("4", gettext_lazy("Good")),
    ("5", gettext_lazy("Very good")),
]


class FacesWidget(forms.RadioSelect):
    template_name = "advocacy/feedback/_faces.html"

    def _render(self, template_name, context, renderer=None):
        # The project's templates, whatever form renderer is configured.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308


def centre_languages(centre) -> list[tuple[str, str]]:
    """The application's languages the centre speaks, as (code, name) in the site's
    order, or all of them when the centre speaks none of them or has not said."""
    spoken = set(centre.languages)
    chosen = [(code, name) for code, name in settings.LANGUAGES if code in spoken]
    return chosen or list(settings.LANGUAGES)


def programme_languages(programme) -> list[tuple[str, str]]:
    """The union of the languages of the programme's centres, in the site's order: a
    programme survey is read in every one of its centres."""
    spoken = {code for centre in programme.centres.all() for code, _n in centre_languages(centre)}
    return [(code, name) for code, name in settings.LANGUAGES if code in spoken] or list(
        settings.LANGUAGES
    )


class OnceMixin(forms.Form):
    """A random value per form shown: submitting the same form twice records once."""

    once = ShortTextField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["once"] = secrets.token_urlsafe(24)


class SurveyAnswerForm(OnceMixin):
    """A survey's current questions, in the reader's language."""

    def __init__(self, *args, survey: Survey, contact_possible: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.current_questions())
        for question in self.questions:
            name = f"q{question.pk}"
            common = {"label": question.text, "required": question.required}
            if question.kind == QuestionKind.RATING:
                self.fields[name] = forms.ChoiceField(
                    choices=[(value, words) for value, words in FACES],
                    widget=FacesWidget,
                    **common,
                )
            elif question.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    choices=question.option_choices(), widget=forms.RadioSelect, **common
                )
            elif question.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=question.option_choices(),
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            else:
                self.fields[name] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                    max_length=COMMENT_MAX,
                    **common,
                )
        if any(q.kind == QuestionKind.COMMENT for q in self.questions):
            self.fields["may_share"] = forms.BooleanField(
                label=_("My words may be shared with the committee, without my name"),
                required=False,
            )
        if contact_possible:
            self.fields["contact_wanted"] = forms.BooleanField(
                label=_("I would like the centre to contact me about this"),
                help_text=_("Leave this empty to stay anonymous."),
                required=False,
            )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class PaperAnswerForm(SurveyAnswerForm):
    """A paper form typed in by staff: its date and, only if the worker asked to be
    contacted, their member code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_on"] = DateField(
            label=_("Date on the form"),
            widget=forms.DateInput(attrs={"type": "date"}),
            initial=timezone.localdate,
        )
        self.fields["member_code"] = ShortTextField(
            label=_("Member code (only if the worker asked to be contacted)"),
            max_length=20,
            required=False,
        )


class CommentForm(OnceMixin):
    text = forms.CharField(
        label=gettext_lazy("What would you like to tell the centre?"),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        max_length=COMMENT_MAX,
    )
    may_share = forms.BooleanField(
        label=gettext_lazy("My words may be shared with the committee, without my name"),
        required=False,
    )
    contact_wanted = forms.BooleanField(
        label=gettext_lazy("I would like the centre to contact me about this"),
        help_text=gettext_lazy("Leave this empty to stay anonymous."),
        required=False,
    )


class SurveyForm(forms.Form):
    on_kiosk = forms.BooleanField(
        label=gettext_lazy("Offer it at the kiosk after a check-in"), required=False, initial=True
    )

    def __init__(self, *args, centre=None, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        languages = languages or centre_languages(centre)
        for code, name in languages:
            self.fields[f"title_{code}"] = ShortTextField(
                label=_("Title in %(language)s") % {"language": _(name)},
                max_length=200,
                required=False,
            )
        self.languages = [code for code, _name in languages]

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}", "") for code in self.languages}


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)

    def __init__(self, *args, centre=None, languages=None, fixed_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_kind:
            del self.fields["kind"]
        languages = languages or centre_languages(centre)
        self.languages = [code for code, _name in languages]
        for code, name in languages:
            self.fields[f"text_{code}"] = ShortTextField(
                label=_("Question in %(language)s") % {"language": _(name)},
                max_length=500,
                required=False,
            )
            self.fields[f"options_{code}"] = forms.CharField(
                label=_("Options in %(language)s, one a line, same order in every language")
                % {"language": _(name)},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code in self.languages}

    def options(self) -> list[dict[str, str]]:
        lines = {
            code: [
                line.strip() for line in self.cleaned_data.get(f"options_{code}", "").splitlines()
            ]
            for code in self.languages
        }
        count = max((len([x for x in v if x]) for v in lines.values()), default=0)
        return [
            {code: (lines[code][i] if i < len(lines[code]) else "") for code in self.languages}
            for i in range(count)
        ]


def question_initial(question) -> dict:
    """A question's texts and options as `QuestionForm` shows them for a change."""
    initial = {f"text_{code}": text for code, text in question.texts.items()}
    for code in {c for o in question.options for c in o["texts"]}:
        initial[f"options_{code}"] = "\n".join(o["texts"].get(code, "") for o in question.options)
    initial["required"] = question.required
    return initial


class CodingForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Themes"), choices=ThemeCode.choices, widget=forms.CheckboxSelectMultiple
    )
    sentiment = forms.ChoiceField(
        label=gettext_lazy("Sentiment"),
        choices=[("", gettext_lazy("Not given")), *Sentiment.choices],
        required=False,
    )


class ShareForm(forms.Form):
    shared_text = forms.CharField(
        label=gettext_lazy("Redacted text the committee may read"),
        help_text=gettext_lazy("Remove names, employers, places and anything that identifies."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=COMMENT_MAX,
    )
