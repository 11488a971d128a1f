"""Forms of the polling station: booth devices, officers, check-in and paper batches."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centres.formfields import ShortTextField, validator_bounds
from centres.models import CASE_ROLES, Centre, User
from centres.numbers import figure
from centres.templatetags.bidi import isolated
from members.forms import unknown_code_message
from members.models import Member, typed_code

from .models import Ballot, BoothDevice, PaperBatch


class BoothDeviceForm(forms.Form):
    label = ShortTextField(label=_("Where is this booth?"), max_length=100)


class OfficerForm(forms.Form):
    """The centre's staff who can still be named for `ballot`: its officers are not
    offered again, and choosing one (a page left open) is refused with a message."""

    prefix = "officer"
    user = forms.ModelChoiceField(
        label=_("Member of staff"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose a member of the centre's staff who is not yet a polling officer "
                "for this ballot."
            )
        },
    )

    def __init__(self, *args, centre: Centre, ballot: Ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(centre_roles__centre=centre, centre_roles__role__in=CASE_ROLES)
            .exclude(pk__in=ballot.polling_officers.values("user"))
            .distinct()
            .order_by("name", "email")
        )

    @property
    def offers_someone(self) -> bool:
        return self.fields["user"].queryset.exists()


class MemberCodeForm(forms.Form):
    """A member found by the code typed, or read from their card by a scanner."""

    code = ShortTextField(
        label=_("Member code"),
        max_length=20,
        help_text=_("Type it, or scan the code on the member's card."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )

    def __init__(self, *args, centre: Centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_code(self) -> Member:
        code = typed_code(self.cleaned_data["code"])
        member = Member.objects.for_centre(self.centre).active().filter(code=code).first()
        if member is None:
            raise forms.ValidationError(unknown_code_message(self.centre, code))
        return member


class CheckInForm(MemberCodeForm):
    """A member and a free booth: a booth where a ballot is waiting is not offered, and
    choosing one (a page left open) is refused with a message."""

    device = forms.ModelChoiceField(
        label=_("Booth"),
        queryset=BoothDevice.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("This booth is not free. Choose another one or wait.")},
    )
    assisted = forms.BooleanField(
        label=_("Assisted voting: someone reads the ballot to the member"), required=False
    )

    def __init__(self, *args, centre: Centre, **kwargs):
        super().__init__(*args, centre=centre, **kwargs)
        self.fields["device"].queryset = (
            BoothDevice.objects.filter(centre=centre).usable().filter(open_pass__isnull=True)
        )

    @property
    def offers_a_booth(self) -> bool:
        return self.fields["device"].queryset.exists()


class PaperBatchForm(forms.Form):
    """The hand count of one batch: its papers and a total per option. The confirming
    officer fills the same form without the label, blind to the first entry."""

    label = ShortTextField(
        label=_("Batch"), max_length=100, help_text=_("For example the box number.")
    )
    papers = forms.IntegerField(
        label=_("Papers in the batch"), **validator_bounds(PaperBatch._meta.get_field("papers"))
    )

    def __init__(self, *args, ballot: Ballot, with_label: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_label:
            del self.fields["label"]
        fewest = PaperBatch.fewest_papers(ballot)
        self.fields["papers"].help_text = ngettext(
            "At least %(fewest)s paper, unless this is the last batch, and never leave "
            "fewer to count. Mix a small box with another before counting, so that no "
            "one's vote can be told from the totals.",
            "At least %(fewest)s papers, unless this is the last batch, and never leave "
            "fewer to count. Mix a small box with another before counting, so that no "
            "one's vote can be told from the totals.",
            fewest,
        ) % {"fewest": figure(fewest)}
        self.option_fields = {}
        for option in ballot.options.all():
            name = f"option_{option.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("Marks for “%(option)s”") % {"option": isolated(option.shown_label)},
                # No more marks for an option than papers in the batch can hold.
                **validator_bounds(PaperBatch._meta.get_field("papers")) | {"min_value": 0},
            )
            self.option_fields[name] = option.pk

    def totals(self) -> dict[int, int]:
        return {pk: self.cleaned_data[name] for name, pk in self.option_fields.items()}
