"""Logging a visit costs a fixed, small number of queries: it is the busiest write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centres.categories import BUILT_IN, ServiceCategory
from centres.submissions import new_key
from members.models import Visit

from ..factories import MemberFactory


@pytest.fixture
def purposes(db):
    return list(ServiceCategory.objects.filter(code__in=["advice", "health"], centre=None))


def test_logging_a_visit_through_the_form_takes_few_queries(
    client, social_worker, centre, purposes
):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    url = reverse("visit_new", args=[centre.pk])
    client.get(url)  # the session's expiry was pushed on: not this request's work
    data = {"member": member.code, "purposes": [p.pk for p in purposes]}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {**data, "form_key": new_key()})
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert set(visit.purposes.all()) == set(purposes)
    sql = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    assert not [s for s in sql if s.startswith("SELECT 1 AS")], sql  # no re-checks
    # Session, user, the roles with their centres, member, purposes; the form key's
    # claim, the visit, its content type (cached after the first) and audit row, its
    # purposes in one INSERT. Where the key led is not stored: back to this form, as a
    # repeat goes.
    assert len(sql) <= 10, "\n".join(sql)
    assert not [s for s in sql if 'FROM "centres_centre"' in s], sql  # came with the roles
    # The key is claimed without a savepoint (INSERT … ON CONFLICT DO NOTHING), and the
    # action writes in the key's transaction without one of its own: one transaction
    # (a savepoint here, inside the test's).
    assert len(queries.captured_queries) - len(sql) <= 2, "\n".join(
        q["sql"] for q in queries.captured_queries
    )


def test_a_visit_leaving_before_it_arrived_is_refused_by_the_action(centre, social_worker):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from members.actions import visit_log

    now = timezone.now()
    with pytest.raises(ValidationError):
        visit_log(
            centre=centre, by=social_worker, people=2, arrived_at=now, left_at=now - timedelta(1)
        )
    assert not Visit.objects.exists()


@pytest.fixture
def built_in_categories(transactional_db):
    """A transactional test empties the database afterwards, data migrations included:
    put the shared categories back, for this test and the next one."""
    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


@pytest.mark.postgresql
def test_a_fault_while_writing_leaves_nothing_and_the_form_may_be_sent_again(
    built_in_categories, client, social_worker, centre, purposes
):
    """The action has no savepoint of its own: a fault in its writes (here the database
    refusing the purposes) undoes the visit, its audit row and the form's key alike."""
    from centres.models import AuditEntry

    assert purposes
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    client.raise_request_exception = False
    url = reverse("visit_new", args=[centre.pk])
    data = {"member": member.code, "purposes": [p.pk for p in purposes], "form_key": new_key()}
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_purposes() RETURNS trigger LANGUAGE plpgsql"
            " AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_purposes BEFORE INSERT ON members_visit_purposes"
            " FOR EACH ROW EXECUTE FUNCTION refuse_purposes()"
        )
    try:
        response = client.post(url, data)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER refuse_purposes ON members_visit_purposes")
            cursor.execute("DROP FUNCTION refuse_purposes()")
    assert response.status_code == 500
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="visit").exists()
    assert client.post(url, data).status_code == 302  # the same key: it was not spent
    assert Visit.objects.count() == 1
