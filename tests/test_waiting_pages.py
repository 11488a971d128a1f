"""Pages that wait (a booth for its next voter, an export being written) load
themselves again by a script, never by <meta http-equiv="refresh">: axe counts a
timed refresh the reader cannot stop as a critical fault (WCAG 2.2.1, 3.2.5)."""

from pathlib import Path

from django.conf import settings


def test_no_template_refreshes_itself_with_a_meta_tag():
    templates = Path(settings.BASE_DIR) / "templates"
    refreshing = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'http-equiv="refresh"' in path.read_text().lower()
    ]
    assert refreshing == []


def test_waiting_pages_load_the_refresh_script():
    templates = Path(settings.BASE_DIR) / "templates"
    for name in ("members/governance/booth.html", "centres/export_job.html"):
        assert "js/refresh.js" in (templates / name).read_text(), name
    assert (Path(settings.BASE_DIR) / "static" / "js" / "refresh.js").exists()
