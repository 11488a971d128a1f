""" "What workers say" shows the shared comments of the period chosen only, and says
what it does with themes: when every theme is hidden it says so in one sentence
instead of listing each one as hidden."""

from datetime import date

from django.urls import reverse

from advocacy.feedback.actions import comment_share_approve
from tests.factories import CommentFactory
from tests.releases import released_for

from .test_statistics_feedback import coded


def _shared(centre, manager, day, words):
    comment = CommentFactory(centre=centre, submitted_on=day, may_share=True)
    comment_share_approve(comment=comment, by=manager, shared_text=words)


def test_the_workers_words_are_those_of_the_period_shown(client, committee_member, manager, centre):
    for _n in range(6):
        coded(centre, manager, date(2026, 3, 10), ["wages"])
    _shared(centre, manager, date(2026, 3, 12), "Words of March.")
    _shared(centre, manager, date(2026, 5, 31), "Words of May.")
    client.force_login(committee_member)
    url = reverse("feedback_summary", args=[centre.pk])
    released_for(centre, "2026-03")
    march = client.get(url, {"period": "2026-03"}).content.decode()
    assert "Words of March." in march and "Words of May." not in march
    released_for(centre, "2026-05")
    may = client.get(url, {"period": "2026-05"}).content.decode()
    assert "Words of May." in may and "Words of March." not in may
    released_for(centre, "2026-Q2")
    year = client.get(url, {"period": "2026-Q2"}).content.decode()
    assert "Words of May." in year and "Words of March." not in year
    released_for(centre, "2026-04")
    april = client.get(url, {"period": "2026-04"}).content.decode()
    assert 'id="no-shared-comments"' in april and "Words of" not in april


def test_a_period_whose_every_theme_is_hidden_says_so_once(
    client, committee_member, manager, centre
):
    for _n in range(6):
        coded(centre, manager, date(2026, 3, 10), ["wages"])
    coded(centre, manager, date(2026, 5, 10), ["wages"])  # one comment: hidden
    client.force_login(committee_member)
    url = reverse("feedback_summary", args=[centre.pk])
    released_for(centre, "2026-05")
    may = client.get(url, {"period": "2026-05"}).content.decode()
    assert 'id="themes-hidden"' in may and 'id="feedback-theme"' not in may
    released_for(centre, "2026-03")
    march = client.get(url, {"period": "2026-03"}).content.decode()
    assert 'id="themes-hidden"' not in march and 'id="feedback-theme"' in march
    assert "Wages and wage theft" in march
