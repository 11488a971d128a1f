"""What each column of an import file holds, for the upload page."""

from django.utils.translation import gettext as _

from ..models import AgeBand, ConsentPurpose, Gender, MigrationStatus, Sector
from ..resources import codes_and_names


def column_guide() -> list[tuple[str, str]]:
    """What each column holds, for the upload page."""
    yes_no = _("yes or no (also 1/0, true/false).")
    consent = _(
        "Optional: yes only if the person agreed to this purpose, in today's wording: %(purpose)s."
    )
    choice = _("Optional. A code or its name in any of the application's languages: %(values)s.")
    return [
        ("preferred_name", _("Required. The name the person wants to be called.")),
        ("preferred_language", _("Optional.")),
        ("gender", choice % {"values": codes_and_names(Gender)}),
        ("age_band", choice % {"values": codes_and_names(AgeBand)}),
        ("sector", choice % {"values": codes_and_names(Sector)}),
        ("occupation", _("Optional.")),
        ("nationality", _("Optional. Two letters, e.g. NP, BD, IN.")),
        (
            "migration_status",
            _(
                "Optional and sensitive: best left out of a file. Fill it in only for a "
                "person who chose to say it, and delete the file after the import: it is "
                "never shown again. A code or its name in any of the application's "
                "languages: %(values)s."
            )
            % {"values": codes_and_names(MigrationStatus)},
        ),
        (
            "phone",
            _(
                "Optional. Only with the person's consent to be contacted, with "
                "safe_to_contact yes. A number without its country code is read as one "
                "of this centre's country."
            ),
        ),
        ("safe_to_contact", _("Optional: %(yes_no)s Empty means no.") % {"yes_no": yes_no}),
        (
            "never_contact_via_employer",
            _("Optional: %(yes_no)s Empty means yes.") % {"yes_no": yes_no},
        ),
        *[
            (f"consent_{purpose.value}", consent % {"purpose": purpose.label})
            for purpose in ConsentPurpose
        ],
    ]
