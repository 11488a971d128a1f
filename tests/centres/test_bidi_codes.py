"""Reference codes and hour ranges are isolated left to right and kept on one line
(class "code") wherever they are shown: "CASE-" and "8" never part, and a busiest hour
of 22:00–23:00 never reads "23:00–22:00" in an Arabic page."""

from datetime import datetime, timedelta

from django.urls import reverse

from advocacy import actions

from ..factories import SessionFactory, VisitFactory


def _arabic(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "ar"


def test_case_references_are_whole_in_the_case_list(client, manager, centre):
    case = actions.grievance_open(
        consent_given=True,
        centre=centre, by=manager, pseudonym="P", narrative="n", contact="+962 79 555 0101",
        issue_types=["wage_theft"], assignees=[manager], risk="high",
    )  # fmt: skip
    _arabic(client, manager)
    page = client.get(reverse("case_list", args=[centre.pk])).content.decode()
    assert f'<bdi dir="ltr" class="code">{case.reference}</bdi></a>' in page
    detail = client.get(reverse("case_detail", args=[centre.pk, case.pk])).content.decode()
    assert f'<h1><bdi dir="ltr" class="code">{case.reference}</bdi>' in detail


def test_the_busiest_hour_reads_left_to_right_in_arabic(client, manager, centre):
    yesterday = datetime.now(centre.time_zone) - timedelta(days=1)
    VisitFactory(centre=centre, arrived_at=yesterday.replace(hour=22, minute=10))
    _arabic(client, manager)
    page = client.get(reverse("dashboard", args=[centre.pk])).content.decode()
    assert '<dd class="range"><bdi dir="ltr" class="code">22:00–23:00</bdi></dd>' in page


def test_a_sessions_hours_read_left_to_right_in_arabic(client, manager, centre):
    session = SessionFactory(service__centre=centre)
    _arabic(client, manager)
    page = client.get(reverse("session_detail", args=[centre.pk, session.pk])).content.decode()
    here = centre.time_zone
    hours = f"{session.starts_at.astimezone(here):%H:%M}–{session.ends_at.astimezone(here):%H:%M}"
    assert f'<bdi dir="ltr" class="code">{hours}</bdi>' in page
