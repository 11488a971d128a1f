"""Case, member and export responses are never stored by a browser or proxy: the
phones and tablets of a centre are shared."""

from django.urls import reverse

from advocacy import actions as case_actions

from ..factories import MemberFactory
from ..test_fuzz import world  # noqa: F401  (the fixture)


def test_case_member_and_export_responses_are_not_stored(client, centre, manager):
    member = MemberFactory(centre=centre)
    case = case_actions.grievance_open(
        consent_given=True,
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


def test_every_page_and_export_a_role_reaches_is_not_stored(client, world):  # noqa: F811
    """Walks every URL pattern as each role and signed out: every page, download and
    letter says no-store."""
    from ..test_fuzz import _patterns, _url

    ids, users = world
    kept = []
    for role, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, pattern in _patterns():
            url = _url(name, pattern, ids)
            if url is None or name == "account_logout":
                continue
            response = client.get(url)
            if response.status_code == 200 and "no-store" not in response.get("Cache-Control", ""):
                kept.append(f"{role} {name} {url}")
    assert not kept
