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
    ],
)
def test_composite_index_exists(table, name, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    assert constraints[name]["index"] and constraints[name]["columns"] == columns
