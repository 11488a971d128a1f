"""Countries as ISO 3166-1 alpha-2 codes: a member's nationality, a visitor group's,
a centre's country.

A nationality is counted in the equality tables: "ZZ" or "XX" typed in would become a
group of its own. Only the 249 codes assigned by ISO 3166-1 are taken. Source: ISO
3166 Maintenance Agency, as listed in the IANA time zone database (iso3166.tab).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ISO_3166_ALPHA2: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
    BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
    CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
    GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
    TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()
)

COUNTRY_CODE_MESSAGE = _("A two-letter country code (ISO 3166), e.g. NP, BD, IN, JO.")


def is_country_code(text: str) -> bool:
    return text in ISO_3166_ALPHA2


def validate_country_code(value: str) -> None:
    """Refuse anything but an assigned ISO 3166-1 alpha-2 code, in capitals."""
    if value and not is_country_code(value):
        raise ValidationError(COUNTRY_CODE_MESSAGE, code="invalid_country")
