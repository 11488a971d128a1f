"""Sessions stay alive while used, without a write on every request."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

REFRESHED = "_refreshed_at"  # centres.middleware.REFRESHED


def session_writes(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_a_used_session_is_written_at_most_once_a_minute(client, worker):
    client.force_login(worker)
    home = reverse("home")
    assert session_writes(client, home) == 1  # the first request pushes the expiry on
    assert session_writes(client, home) == 0
    assert session_writes(client, home) == 0

    # As if the last write had been a minute ago: the next request writes again.
    session = client.session
    session[REFRESHED] -= 60
    session.save()
    stored = Session.objects.get(session_key=session.session_key)
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert session_writes(client, home) == 1
    left = Session.objects.get(pk=stored.pk).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_a_visitor_without_a_session_gets_none(client, db):
    assert client.get(reverse("account_login")).status_code == 200
    assert not Session.objects.exists()
