"""Case, member and export responses are never stored by a browser or proxy: the
phones and tablets of a centre are shared."""

from django.urls import reverse

from advocacy import actions as case_actions

from ..factories import MemberFactory


def test_case_member_and_export_responses_are_not_stored(client, centre, manager):
    member = MemberFactory(centre=centre)
    case = case_actions.grievance_open(
        centre=centre,
        by=manager,
        member=member,
        narrative="n",
        issue_types=["wage_theft"],
        assignees=[manager],
    )
    client.force_login(manager)
    for url in (
        reverse("case_detail", args=[centre.pk, case.pk]),
        reverse("member_detail", args=[centre.pk, member.pk]),
        reverse("visit_export", args=[centre.pk, "csv"]),
        reverse("case_list", args=[centre.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
