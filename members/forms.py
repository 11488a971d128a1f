from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centres.categories import ServiceCategory
from centres.countries import validate_country_code
from centres.dates import DateTimeField, in_zone_of
from centres.formfields import (
    ModelForm,
    ModelMultipleChoiceField,
    ShortTextField,
    bounded_formfield,
)
from centres.phones import to_e164
from centres.templatetags.bidi import isolated

from .models import (
    CONSENT_VERSION,
    CONSENT_WORDING,
    PROFILE_FIELDS,
    AgeBand,
    ConsentPurpose,
    Member,
    MigrationStatus,
    typed_code,
)

# Blank is "not asked": the person was not asked or did not want to answer then.
MIGRATION_STATUS_CHOICES = [("", _("Not asked")), *MigrationStatus.choices]


def _consent_instruction() -> str:
    # Formatted when shown, in the reader's language: `gettext_lazy(...) % x` at class
    # level would translate once, at import, in the default language.
    return gettext(
        "Read each sentence to the person. Record only what they agree to. Version %(v)s."
    ) % {"v": CONSENT_VERSION}


class MemberForm(ModelForm):
    consents = forms.MultipleChoiceField(
        label=_("Consent given today"),
        choices=[(p.value, CONSENT_WORDING[p]) for p in ConsentPurpose],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=lazy(_consent_instruction, str)(),
    )

    class Meta:
        formfield_callback = bounded_formfield  # short texts without direction controls
        model = Member
        fields = PROFILE_FIELDS
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "nationality": forms.TextInput(attrs={"maxlength": 2, "autocapitalize": "characters"}),
        }
        help_texts = {
            "nationality": _("Optional. Two letters, e.g. NP, BD, IN, LK, ET."),
            "migration_status": _(
                "Optional and sensitive: ask only if the person wants to say. Once saved "
                "it is not shown on any page or list, to anybody."
            ),
            "phone": _(
                "Only with the person's consent to be contacted: mark them safe to "
                "contact too. A number from another country needs its country code, "
                "e.g. +977."
            ),
            "safe_to_contact": _(
                "Only if the person agrees to be contacted and a call or message puts "
                "them at no risk. Needed to keep a phone number."
            ),
        }

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        centre = centre or (self.instance.centre if self.instance.centre_id else None)
        # A number typed without its country code is one of the centre's country.
        self.region = centre.country if centre else ""
        self.fields["migration_status"].choices = MIGRATION_STATUS_CHOICES

    def clean_nationality(self):
        return self.cleaned_data["nationality"].strip().upper()

    def clean_phone(self):
        return to_e164(self.cleaned_data["phone"], region=self.region)

    # A phone without consent to be contacted, or the flag without a phone: refused
    # beside the phone by `Member.clean`, which every writer goes through.


FORGET_MIGRATION_STATUS = "forget"


class MemberEditForm(MemberForm):
    """Correcting a member's details after registration: the registration form without
    its consents, which are given and withdrawn one purpose at a time.

    The migration status can be replaced or removed here but is never shown, not even
    as the choice already made: the form starts at "keep what is on record", which
    changes nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["consents"]
        self.initial["migration_status"] = ""
        field = self.fields["migration_status"]
        field.choices = [
            ("", _("Keep what is on record, if anything (not shown)")),
            *MigrationStatus.choices,
            (FORGET_MIGRATION_STATUS, _("Remove what is on record")),
        ]
        field.help_text = _(
            "Sensitive: what is on record is never shown. Choose only if the person asks "
            "to change or remove it."
        )

    def clean_migration_status(self) -> str:
        value = self.cleaned_data["migration_status"]
        return "" if value == FORGET_MIGRATION_STATUS else value


class ConsentGiveForm(forms.Form):
    """One purpose, with the version of the wording that was read out."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    version = ShortTextField(max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, missing: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [
            (p.value, CONSENT_WORDING[p]) for p in ConsentPurpose if p.value in missing
        ]
        self.fields["purpose"].widget = forms.RadioSelect(choices=self.fields["purpose"].choices)
        self.fields["purpose"].help_text = lazy(_consent_instruction, str)()
        self.initial.setdefault("version", CONSENT_VERSION)


class MemberSearchForm(forms.Form):
    """A search box; its label names a phone only to those who may search by phone."""

    q = ShortTextField(label=_("Code, name or phone"), max_length=100, required=False)

    def __init__(self, *args, by_phone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not by_phone:
            self.fields["q"].label = _("Code or name")


class PurposeField(ModelMultipleChoiceField):
    def __init__(self, centre, **kwargs):
        kwargs.setdefault("label", _("Purposes of the visit"))
        super().__init__(
            queryset=ServiceCategory.objects.for_centre(centre),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.name


def unknown_code_message(centre, code: str) -> str:
    """Why no active member of `centre` has `code`: a merged record's code names the
    record kept, to be used instead; any other code is simply not this centre's."""
    kept = Member.objects.for_centre(centre).kept_instead_of(code)
    if kept is not None and kept.erased_at is None:
        return gettext("The record %(code)s was merged into %(kept)s: use %(kept)s instead.") % {
            "code": isolated(code),
            "kept": isolated(kept.code),
        }
    return gettext("No member of this centre has the code %(code)s.") % {"code": isolated(code)}


class MemberCodeField(forms.CharField):
    """A member code, cleaned to the member of this centre it names (never another
    centre's). Optional fields give None when left empty."""

    def __init__(self, *, centre, **kwargs):
        kwargs.setdefault("label", _("Member code, or scan the card"))
        kwargs.setdefault("help_text", _("For example AMM-0042."))
        super().__init__(max_length=100, **kwargs)
        self.centre = centre

    def clean(self, value):
        typed = super().clean(value).strip()
        if not typed:
            return None
        code = typed_code(typed)
        members = Member.objects.for_centre(self.centre).active()
        # Staff may type the code or scan the card, whose QR code carries its token.
        member = members.filter(code=code).first() or members.with_card(typed).first()
        if member is None:
            raise forms.ValidationError(unknown_code_message(self.centre, code))
        return member


class VisitForm(forms.Form):
    arrived_at = DateTimeField(
        label=_("Arrived"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )
    left_at = DateTimeField(
        label=_("Left"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        in_zone_of(self, centre)
        self.fields = {"member": MemberCodeField(centre=centre), **self.fields}
        self.fields["purposes"] = PurposeField(centre)

    def clean(self):
        cleaned = super().clean()
        arrived, left = cleaned.get("arrived_at"), cleaned.get("left_at")
        if arrived and left and left < arrived:
            self.add_error("left_at", _("Leaving time is before the arrival time."))
        return cleaned


class HeadcountForm(forms.Form):
    """Anonymous visitors in one step: how many, and only if known, who."""

    COUNT_LABELS = {
        "woman": _("Women"),
        "man": _("Men"),
        "other": _("People of another gender"),
        "unknown": _("People, gender not noted"),
    }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in self.COUNT_LABELS.items():
            self.fields[f"count_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=500, required=False
            )
        self.fields["age_band"] = forms.ChoiceField(
            label=_("Age band (if the same for all)"),
            choices=[("", _("Not noted"))] + list(AgeBand.choices),
            required=False,
        )
        self.fields["nationality"] = ShortTextField(
            label=_("Nationality group (if the same for all)"),
            max_length=2,
            required=False,
            help_text=_("Optional. Two letters, e.g. NP."),
        )
        self.fields["purposes"] = PurposeField(centre)

    def clean_nationality(self):
        value = self.cleaned_data["nationality"].strip().upper()
        validate_country_code(value)
        return value

    def groups(self) -> list[dict]:
        data = self.cleaned_data
        groups = []
        for key in self.COUNT_LABELS:
            count = data.get(f"count_{key}") or 0
            if count:
                groups.append(
                    {
                        "people": count,
                        "gender": "" if key == "unknown" else key,
                        "age_band": data.get("age_band", ""),
                        "nationality": data.get("nationality", ""),
                    }
                )
        return groups

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.groups():
            raise forms.ValidationError(_("Enter how many people came in."))
        return cleaned


class LinkAccountForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of their worker-member account"), max_length=254)
