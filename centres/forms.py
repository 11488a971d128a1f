from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .formfields import ModelForm, ShortTextField, bounded_formfield
from .models import Accessibility, Centre, Role


class CentreProfileForm(ModelForm):
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility features"),
        choices=Accessibility.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        formfield_callback = bounded_formfield  # short texts without direction controls
        model = Centre
        fields = [
            "name",
            "area",
            "address",
            "opening_hours",
            "languages",
            "other_languages",
            "accessibility",
            "intermediary_kind",
            "intermediary_name",
            "time_zone",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    # The committee-member role is never handed out: it follows an elected seat.
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.COMMITTEE_MEMBER]
    )


class AcceptInvitationForm(forms.Form):
    name = ShortTextField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            from .models import User

            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=cleaned.get("name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
