"""Staff code comments into themes; the committee gets counts and approved redactions only."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy.feedback.actions import comment_share_approve
from advocacy.models import Comment, Theme

from ..factories import CommentFactory, centre_today
from ..releases import released_for


def test_a_social_worker_codes_a_comment(client, social_worker, centre):
    comment = CommentFactory(centre=centre)
    client.force_login(social_worker)
    page = client.get(reverse("comment_list", args=[centre.pk])).content.decode()
    assert "Golden Palm keeps our passports" in page
    url = reverse("comment_code", args=[centre.pk, comment.pk])
    data = {"themes": ["documents", "wages"], "sentiment": "negative"}
    client.post(url, data)
    client.post(url, data)
    comment.refresh_from_db()
    assert set(comment.themes.values_list("code", flat=True)) == {"documents", "wages"}
    assert comment.sentiment == "negative" and comment.coded_by == social_worker
    client.post(url, {"themes": ["documents"]})
    assert list(comment.themes.values_list("code", flat=True)) == ["documents"]


def test_coding_refuses_bad_input(client, manager, centre):
    comment = CommentFactory(centre=centre)
    client.force_login(manager)
    url = reverse("comment_code", args=[centre.pk, comment.pk])
    for data in ({"themes": []}, {"themes": ["nonsense"]}, {"themes": ["wages"], "sentiment": "?"}):
        response = client.post(url, data, follow=True)
        assert "Nothing was saved" in response.content.decode()
    assert not Theme.objects.exists()


def test_access_matrix_of_the_comment_pages(client, cast, centre, other_centre):
    comment = CommentFactory(centre=centre)
    pages = [reverse("comment_list", args=[centre.pk])]
    posts = [
        reverse("comment_code", args=[centre.pk, comment.pk]),
        reverse("comment_share", args=[centre.pk, comment.pk]),
    ]
    for role in ("legal", "committee_member", "worker", "coordinator"):
        client.force_login(cast[role])
        for url in pages:
            assert client.get(url).status_code == 403, role
        for url in posts:
            assert client.post(url, {"themes": ["wages"]}).status_code == 403, role
    client.force_login(cast["outsider"])
    assert client.get(pages[0]).status_code == 404
    client.force_login(cast["manager"])
    for url in posts:
        assert client.get(url).status_code == 405
    foreign = CommentFactory(centre=other_centre)
    url = reverse("comment_code", args=[centre.pk, foreign.pk])
    assert client.post(url, {"themes": ["wages"]}).status_code == 404
    assert not Theme.objects.exists()


def test_the_committee_never_receives_a_comment_not_shared_and_approved(
    client, committee_member, manager, centre
):
    CommentFactory(centre=centre, text="Private: Ram at Golden Palm was beaten")
    allowed = CommentFactory(centre=centre, text="Ram at Golden Palm: no pay", may_share=True)
    # A day of the last closed month: the page shows the comments of the period shown.
    last_month = centre_today(centre).replace(day=1) - timedelta(days=1)
    approved = CommentFactory(
        centre=centre,
        text="Maya at Cedar Farms: locked in",
        may_share=True,
        submitted_on=last_month,
    )
    comment_share_approve(comment=approved, by=manager, shared_text="Workers are locked in.")
    client.force_login(committee_member)
    url = reverse("feedback_summary", args=[centre.pk])
    released_for(centre, last_month.strftime("%Y-%m"))
    page = client.get(url, {"period": last_month.strftime("%Y-%m")}).content.decode()
    assert "Workers are locked in." in page
    for secret in ("Private", "Ram", "Golden Palm", "no pay", "Maya", "Cedar Farms"):
        assert secret not in page
    assert allowed.shared_approved_at is None
    # A comment the worker did not allow cannot be approved, even by the manager.
    private = Comment.objects.get(may_share=False)
    with pytest.raises(ValidationError):
        comment_share_approve(comment=private, by=manager, shared_text="redacted")
    client.force_login(manager)
    url = reverse("comment_share", args=[centre.pk, private.pk])
    client.post(url, {"shared_text": "redacted"})
    private.refresh_from_db()
    assert private.shared_approved_at is None
    assert list(Comment.objects.shared_with_committee()) == [approved]
