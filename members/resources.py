"""How one row of a member spreadsheet becomes a member, with django-import-export.

Every row is a new member of the importer's centre: no column can pick an existing
member, another centre or a code. The widgets refuse what they do not recognise
(import-export's own would read "yes" as False and keep "robot" as a gender), and the
real save goes through `member_register`, so codes, consents and the encrypted phone
are made exactly as at the front desk.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from centres.countries import is_country_code
from centres.phones import to_e164
from centres.templatetags.bidi import isolated, joined
from centres.text import without_bidi_controls

from .actions import member_register
from .models import (
    PROFILE_FIELDS,
    AgeBand,
    ConsentPurpose,
    Gender,
    Member,
    MigrationStatus,
    Sector,
)

MEMBER_COLUMNS = PROFILE_FIELDS
CONSENT_COLUMNS = {f"consent_{purpose.value}": purpose.value for purpose in ConsentPurpose}
COLUMNS = [*MEMBER_COLUMNS, *CONSENT_COLUMNS]
REQUIRED_COLUMNS = ["preferred_name"]
YES_WORDS = frozenset({"yes", "1", "true"})
NO_WORDS = frozenset({"no", "0", "false"})
# Model fields the file never sets: the centre, the code and the rest come from the import.
NOT_FROM_FILE = [f.name for f in Member._meta.fields if f.name not in MEMBER_COLUMNS]
# Columns of personal detail a row error never repeats: the report is on screen beside
# the row's number, so "“overstayer” is not allowed" would show who is undocumented.
# Their refusals name the column and what it may hold. A free-text column that comes to
# hold sensitive detail is added here.
SENSITIVE_COLUMNS = frozenset({"nationality", "migration_status", "phone"})


def cell_text(value) -> str:
    """A cell as the text it shows. A cell such as "=SUM(A1)" stays that text: nothing
    in a file is ever evaluated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return without_bidi_controls(str(value)).strip()


def _shown(value) -> str:
    text = cell_text(value)
    return text if len(text) <= 40 else text[:39] + "…"


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs) -> str:
        text = cell_text(value)
        # PostgreSQL refuses a NUL in text: the dry run says so, not the confirmation.
        if "\x00" in text:
            raise ValueError(_("The cell holds an invisible NUL character. Type the value again."))
        return text


def _folded(text: str) -> str:
    """`text` with letter case and runs of spaces ignored."""
    return " ".join(text.casefold().split())


def choice_words(choices: type[TextChoices]) -> dict[str, str]:
    """What a cell may hold for each choice: its stored value (e.g. `woman`, `25-34`)
    or its label in any language the application ships, folded by `_folded`."""
    words = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            for choice in choices:
                words.setdefault(_folded(str(choice.label)), choice.value)
    # A stored value always means itself, whatever a label in some language says.
    words.update({_folded(value): value for value in choices.values})
    return words


def codes_and_names(choices: type[TextChoices]) -> str:
    """Each choice as "code — name" (the name in the reader's language), for a message
    or a guide that says a cell may hold either."""
    return joined((f"{choice.value} — {choice.label}" for choice in choices), holding_commas=True)


class ChoiceWidget(widgets.Widget):
    """One of the stored values (e.g. `woman`, `25-34`) or its label in any shipped
    language ("Woman"), in any letter case."""

    def __init__(self, column: str, choices: type[TextChoices]):
        super().__init__()
        self.column = column
        self.choices = choices
        self.words: dict[str, str] | None = None

    def clean(self, value, row=None, **kwargs) -> str:
        text = cell_text(value)
        if not text:
            return ""
        if self.words is None:  # read once per import, in every language
            self.words = choice_words(self.choices)
        if _folded(text) in self.words:
            return self.words[_folded(text)]
        if self.column in SENSITIVE_COLUMNS:
            refusal = _(
                "The value in the column %(column)s is not allowed. "
                "Use a code or its name: %(allowed)s."
            )
        else:  # a typo in a harmless code is found faster when it is shown
            refusal = _(
                "“%(value)s” is not allowed in the column %(column)s. "
                "Use a code or its name: %(allowed)s."
            )
        raise ValueError(
            refusal
            % {
                "value": isolated(_shown(value)),
                "column": self.column,
                "allowed": codes_and_names(self.choices),
            }
        )


class CountryWidget(widgets.Widget):
    def __init__(self, column: str):
        super().__init__()
        self.column = column

    def clean(self, value, row=None, **kwargs) -> str:
        text = cell_text(value).upper()
        if text and not is_country_code(text):
            if self.column in SENSITIVE_COLUMNS:
                refusal = _(
                    "The value in the column %(column)s is not allowed. "
                    "Use a two-letter country code, e.g. NP, or leave it empty."
                )
            else:
                refusal = _(
                    "“%(value)s” is not allowed in the column %(column)s. "
                    "Use a two-letter country code, e.g. NP, or leave it empty."
                )
            raise ValueError(refusal % {"value": isolated(_shown(value)), "column": self.column})
        return text


class YesNoWidget(widgets.Widget):
    """yes/no, 1/0 or true/false; empty leaves the member's default."""

    def __init__(self, column: str):
        super().__init__()
        self.column = column

    def clean(self, value, row=None, **kwargs) -> bool | None:
        text = cell_text(value).lower()
        if not text:
            return None
        if text in YES_WORDS:
            return True
        if text in NO_WORDS:
            return False
        raise ValueError(
            _(
                "“%(value)s” is not allowed in the column %(column)s. "
                "Allowed values: yes, no, 1, 0, true, false, or empty."
            )
            % {"value": isolated(_shown(value)), "column": self.column}
        )


class PhoneWidget(widgets.Widget):
    """A phone number in E.164, read in the centre's country when it has no country code;
    spreadsheet damage (9.62796E+11) is refused, never guessed at."""

    def __init__(self, column: str):
        super().__init__()
        self.column = column
        self.region = ""

    def clean(self, value, row=None, **kwargs) -> str:
        try:
            return to_e164(cell_text(value), region=self.region)
        except ValidationError as error:
            # `to_e164` repeats what was typed, for the person typing it at the desk;
            # a row error of the file must not (SENSITIVE_COLUMNS).
            if error.code == "spreadsheet":
                refusal = _(
                    "The value in the column %(column)s is a number a spreadsheet has "
                    "changed, and its last digits may be lost. Format the column as text "
                    "and type the whole number again."
                )
            else:
                refusal = _(
                    "The value in the column %(column)s is not a valid phone number. Use "
                    "digits, spaces and + only; a number from another country needs its "
                    "country code, e.g. +977 for Nepal."
                )
            raise ValueError(refusal % {"column": self.column}) from None


def _text(column: str) -> fields.Field:
    return fields.Field(attribute=column, column_name=column, widget=TextWidget())


def _choice(column: str, choices: type[TextChoices]) -> fields.Field:
    return fields.Field(attribute=column, column_name=column, widget=ChoiceWidget(column, choices))


def _yes_no(column: str) -> fields.Field:
    # saves_null_values=False: an empty cell keeps the model's default.
    return fields.Field(
        attribute=column,
        column_name=column,
        widget=YesNoWidget(column),
        saves_null_values=False,
    )


class MemberResource(resources.ModelResource):
    preferred_name = _text("preferred_name")
    preferred_language = _text("preferred_language")
    gender = _choice("gender", Gender)
    age_band = _choice("age_band", AgeBand)
    sector = _choice("sector", Sector)
    occupation = _text("occupation")
    nationality = fields.Field(
        attribute="nationality", column_name="nationality", widget=CountryWidget("nationality")
    )
    migration_status = _choice("migration_status", MigrationStatus)
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget("phone"))
    safe_to_contact = _yes_no("safe_to_contact")
    never_contact_via_employer = _yes_no("never_contact_via_employer")
    # Not model fields: kept on the unsaved instance until `member_register` records them.
    consent_services = _yes_no("consent_services")
    consent_case_handling = _yes_no("consent_case_handling")
    consent_referral = _yes_no("consent_referral")
    consent_statistics = _yes_no("consent_statistics")

    class Meta:
        model = Member
        fields = COLUMNS
        import_id_fields = []
        # Every row is a new member: no column (id, code...) can select an existing one.
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_transactions = True

    def __init__(self, *, centre, by=None):
        super().__init__()
        self.centre = centre
        self.by = by
        self.fields["phone"].widget.region = centre.country

    def init_instance(self, row=None) -> Member:
        return Member(centre=self.centre)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # The code and number do not exist yet; `member_register` checks them on save.
            instance.full_clean(exclude=[*NOT_FROM_FILE, *errors], validate_unique=False)
        except ValidationError as error:
            # A cell refused already keeps its own message: the model's rules on what
            # the refused cell left behind (no phone) would only repeat it differently.
            for column, messages in error.message_dict.items():
                errors.setdefault(column, messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs) -> None:
        if self._is_dry_run(kwargs):
            return
        member_register(
            centre=self.centre,
            by=self.by,
            consents=consents_of(instance),
            **{name: getattr(instance, name) for name in MEMBER_COLUMNS},
        )

    def after_import(self, dataset, result, **kwargs) -> None:
        # import-export resets the id sequence after an import; ids never come from
        # the file here, and resetting it could race with a registration at the desk.
        pass


def consents_of(instance: Member) -> list[str]:
    return [
        purpose for column, purpose in CONSENT_COLUMNS.items() if getattr(instance, column, False)
    ]
