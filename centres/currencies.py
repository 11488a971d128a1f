"""Currencies a centre records money in: ISO 4217 codes, named in the reader's language.

Amounts (a remedy won, a service's fee) are stored with the three-letter code, never a
word typed in any language ("دينار" names several currencies). The list covers the
centres' countries, the workers' countries of origin and the common reserve currencies.
Source: ISO 4217, list one (SIX Group, maintenance agency), codes in current use.
"""

from django.utils.translation import gettext_lazy as _

CURRENCIES: dict[str, str] = {
    "JOD": _("Jordanian dinar"),
    "LBP": _("Lebanese pound"),
    "SYP": _("Syrian pound"),
    "IQD": _("Iraqi dinar"),
    "EGP": _("Egyptian pound"),
    "SAR": _("Saudi riyal"),
    "AED": _("UAE dirham"),
    "QAR": _("Qatari riyal"),
    "KWD": _("Kuwaiti dinar"),
    "BHD": _("Bahraini dinar"),
    "OMR": _("Omani rial"),
    "ILS": _("New Israeli shekel"),
    "TRY": _("Turkish lira"),
    "INR": _("Indian rupee"),
    "NPR": _("Nepalese rupee"),
    "BDT": _("Bangladeshi taka"),
    "LKR": _("Sri Lankan rupee"),
    "PKR": _("Pakistani rupee"),
    "PHP": _("Philippine peso"),
    "IDR": _("Indonesian rupiah"),
    "MMK": _("Myanmar kyat"),
    "ETB": _("Ethiopian birr"),
    "KES": _("Kenyan shilling"),
    "UGX": _("Ugandan shilling"),
    "SDG": _("Sudanese pound"),
    "GHS": _("Ghanaian cedi"),
    "NGN": _("Nigerian naira"),
    "USD": _("US dollar"),
    "EUR": _("Euro"),
    "GBP": _("Pound sterling"),
}


def currency_choices() -> list[tuple[str, str]]:
    """[(code, "JOD · Jordanian dinar"), ...] in the order above, for a select."""
    return [(code, f"{code} · {name}") for code, name in CURRENCIES.items()]
