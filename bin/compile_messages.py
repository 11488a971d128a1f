#!/usr/bin/env python
"""Compile locale*/*/LC_MESSAGES/django.po to .mo without GNU gettext (uses polib).

Covers both entries of LOCALE_PATHS: locale/ (our strings) and locale_allauth/
(django-allauth's strings for languages allauth ships no catalogue for).
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for directory in ("locale", "locale_allauth"):
    for po_path in sorted((ROOT / directory).glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
