"""Every table of the site's pages sits in a frame that scrolls sideways (class
"table-wrap"), so that a wide table never widens the page on a phone. The
recommendation letter and the report PDF's charts are printed (PDF), not on a screen."""

import re
from pathlib import Path

from django.conf import settings

PRINTED = {"letter.html", "_row_chart_print.html"}  # laid out on paper, never on a phone


def test_every_table_is_in_a_scrolling_frame():
    bare = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        if path.name in PRINTED or "admin" in path.parts:
            continue
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()].rstrip()
            if not re.search(r'<div class="table-wrap[^"]*">$', before):
                bare.append(f"{path.relative_to(settings.BASE_DIR)} at {match.start()}")
    assert bare == []
