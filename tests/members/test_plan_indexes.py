"""The composite indexes the slow plans at design scale need (issue #16) exist."""

import pytest
from django.db import connection


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("table", "name", "columns"),
    [
        (
            "members_visit_purposes",
            "visit_purposes_category_visit",
            ["servicecategory_id", "visit_id"],
        ),
        ("advocacy_grievance_assignees", "case_assignees_user_case", ["user_id", "grievance_id"]),
        ("members_visit", "visit_member_arrived", ["member_id", "arrived_at"]),
    ],
)
def test_composite_index_exists(table, name, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    assert constraints[name]["index"] and constraints[name]["columns"] == columns


@pytest.mark.postgresql
@pytest.mark.django_db
def test_who_consents_now_is_read_from_the_partial_index_alone():
    """The figures' "consents to statistics now" subquery reads the partial index of
    open consents by purpose, expiry included (an index-only scan), not the table."""
    from members.models import Consent, ConsentPurpose

    consenting = Consent.objects.current().filter(purpose=ConsentPurpose.STATISTICS)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = consenting.order_by().values("member_id").explain()
    assert "Index Only Scan using consent_current_by_purpose" in plan, plan


@pytest.mark.postgresql
@pytest.mark.django_db
def test_the_jit_compiler_is_off_for_the_application():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
