"""Every row of a report is named in words: a table of one total names it "Total",
never by its stored key ("members", "all", "people")."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from advocacy.statistics.family import DERIVED, STANDALONE
from advocacy.statistics.labels import Labeller
from tests.factories import MemberFactory, VisitFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_no_row_of_a_report_is_named_by_its_key(client, manager, centre):
    member = MemberFactory(centre=centre)
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
        VisitFactory(
            centre=centre, member=member, arrived_at=datetime(2026, 3, day, 11, tzinfo=UTC)
        )
    now = datetime(2026, 4, 15, 12, tzinfo=UTC)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=now)
    name = Labeller(centre)
    keys = {"members", "all", "people", "cases", "responses", "comments"}
    for table in report.contents["tables"]:
        for row in table["rows"]:
            assert name(table["name"], row["label"]) not in keys, (table["name"], row["label"])
    client.force_login(manager)
    html = client.get(reverse("report_detail", args=[centre.pk, report.pk])).content.decode()
    members = html[html.index('id="table-visits-members"') :]
    members = members[: members.index("</table>")]
    assert ">members<" not in members and ">Total<" in members


@pytest.mark.parametrize("table, label", [("use.total", "all"), *STANDALONE.items()])
def test_derived_and_standalone_totals_read_total(centre, table, label):
    assert table in DERIVED or table in STANDALONE
    assert Labeller(centre)(table, label) == "Total"
