from django import forms
from django.utils.translation import gettext_lazy as _

from centres.dates import PlannedDateField
from centres.formfields import CurrencyField, ModelMultipleChoiceField, ShortTextField
from centres.models import CASE_ROLES, User
from members.forms import MemberCodeField
from members.models import CONSENT_WORDING, ConsentPurpose, Sector
from services.models import ReferralPartner

from .models import (
    NARRATIVE_MAX,
    NOTE_MAX,
    Employer,
    EmployerKind,
    IssueType,
    Outcome,
    ReferralStatus,
    RemedyKind,
    Risk,
    Status,
)


def case_staff(centre):
    return (
        User.objects.filter(
            centre_roles__centre=centre, centre_roles__role__in=CASE_ROLES, is_active=True
        )
        .distinct()
        .order_by("name", "email")
    )


class StaffChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class IntakeForm(forms.Form):
    pseudonym = ShortTextField(label=_("Pseudonym"), max_length=60, required=False)
    issue_types = forms.MultipleChoiceField(
        label=_("What is the complaint about?"),
        choices=IssueType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    employer = forms.ModelChoiceField(
        label=_("Employer or recruiter"), queryset=Employer.objects.none(), required=False
    )
    new_employer = ShortTextField(
        label=_("…or a new employer or recruiter"), max_length=200, required=False
    )
    new_employer_kind = forms.ChoiceField(
        label=_("Kind"), choices=EmployerKind.choices, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Not given")), *Sector.choices], required=False
    )
    narrative = forms.CharField(
        label=_("What happened, in the worker's words"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    contact = forms.CharField(
        label=_("How to reach the worker safely"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    risk = forms.ChoiceField(label=_("Risk"), choices=Risk.choices, initial=Risk.MEDIUM)
    consent_given = forms.BooleanField(
        label=CONSENT_WORDING[ConsentPurpose.CASE_HANDLING],
        required=False,
        help_text=_("Tick only if the worker agrees, after you read this sentence to them."),
    )
    consent_override = ShortTextField(
        label=_("If the worker has not consented to case handling: why the case cannot wait"),
        max_length=300,
        required=False,
        help_text=_(
            "Not needed for a member whose consent to case handling is on record. "
            "The reason is kept on the case."
        ),
    )
    assignees = StaffChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    follow_up_on = PlannedDateField(
        label=_("Next follow-up"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields = {
            "member": MemberCodeField(
                centre=centre,
                label=_("Member code"),
                required=False,
                help_text=_("Leave empty for someone who is not registered, and give a pseudonym."),
            ),
            **self.fields,
        }
        # Only employers of cases this person may open; a new name typed below is
        # matched to the centre's existing employer without listing the others.
        self.fields["employer"].queryset = Employer.objects.known_to(user, centre)
        self.fields["assignees"].queryset = case_staff(centre)

    def clean(self):
        cleaned = super().clean()
        # A field refused by its own validation already says what is wrong with it.
        member_given = cleaned.get("member") or self.has_error("member")
        if not member_given and not cleaned.get("pseudonym", "").strip():
            self.add_error("pseudonym", _("Give a member code or a pseudonym."))
        kind_given = cleaned.get("new_employer_kind") or self.has_error("new_employer_kind")
        if cleaned.get("new_employer") and not kind_given:
            self.add_error(
                "new_employer_kind", _("Say whether this is an employer or a recruiter.")
            )
        return cleaned


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move the case to"))
    outcome = forms.ChoiceField(
        label=_("Outcome (to resolve)"),
        choices=[("", _("Not given")), *Outcome.choices],
        required=False,
    )
    reason = ShortTextField(label=_("Why closed (to close)"), max_length=300, required=False)

    def __init__(self, *args, grievance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (value, label) for value, label in Status.choices if value in grievance.allowed_next()
        ]


class PlanForm(forms.Form):
    """A case's risk and next follow-up date, changed as the case goes on."""

    risk = forms.ChoiceField(label=_("Risk"), choices=Risk.choices)
    follow_up_on = PlannedDateField(
        label=_("Next follow-up"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if no follow-up is planned."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    legal = forms.BooleanField(
        label=_("Legal note: only the legal advisors assigned to this case can read it"),
        required=False,
    )

    def __init__(self, *args, can_write_legal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_write_legal:
            del self.fields["legal"]


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Refer to"), queryset=ReferralPartner.objects.none())
    override_reason = ShortTextField(
        label=_("If the worker has not consented to referral: why it cannot wait"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = ReferralPartner.objects.filter(centre=centre, active=True)


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Referral status"), choices=ReferralStatus.choices)


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Remedy obtained"), choices=RemedyKind.choices)
    amount = forms.DecimalField(
        label=_("Amount (if any)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    currency = CurrencyField(label=_("Currency"), required=False)

    def clean(self):
        cleaned = super().clean()
        # A currency refused by its own field already says what is wrong with it.
        if (
            cleaned.get("amount") is not None
            and not cleaned.get("currency")
            and not self.has_error("currency")
        ):
            self.add_error("currency", _("Give the currency of the amount."))
        return cleaned


class AssignForm(forms.Form):
    assignees = StaffChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = case_staff(centre)


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False
    )
    issue = forms.ChoiceField(
        label=_("Issue"), choices=[("", _("Any")), *IssueType.choices], required=False
    )
    risk = forms.ChoiceField(
        label=_("Risk"), choices=[("", _("Any")), *Risk.choices], required=False
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), required=False, empty_label=_("Any")
    )
    overdue = forms.BooleanField(label=_("Overdue follow-ups only"), required=False)

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.known_to(user, centre)

    def apply(self, cases):
        data = self.cleaned_data
        if data.get("status"):
            cases = cases.filter(status=data["status"])
        if data.get("issue"):
            cases = cases.filter(issues__issue_type=data["issue"])
        if data.get("risk"):
            cases = cases.filter(risk=data["risk"])
        if data.get("employer"):
            cases = cases.filter(employer=data["employer"])
        if data.get("overdue"):
            cases = cases.overdue()
        return cases
