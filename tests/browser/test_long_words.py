"""A long word or link typed anywhere (a decision, a candidate's statement, a meeting's
minutes, a paper batch's label, a name or a title) wraps inside a 360 px phone in English
and Arabic: the page never grows wider than the screen. A wide table scrolls inside its
own frame instead, which does not widen the page either.

Every page of the accessibility walk (``PAGES``) is opened as the roles that see typed
text, after each typed field of its world was replaced by a long link."""

import os

import pytest
from django.conf import settings
from playwright.sync_api import Browser

from .test_accessibility import PHONE, _reachable, _session_cookie

pytestmark = pytest.mark.browser

# Set to a folder to keep screenshots of the pages (for a person to look at).
SHOTS = os.environ.get("WC_SCREENSHOTS")

LONG = "https://www.facebook.com/groups/amman.domestic.workers.union/permalink/1234567890123456/"
# An Arabic word run together with a link, as pasted from a phone.
LONG_AR = "رابط:" + LONG


def _lengthen(world: dict) -> None:
    """Every kind of text a person types, replaced by a link that no line holds."""
    from advocacy.feedback.models import Comment
    from advocacy.models import Grievance
    from advocacy.recommendations.models import Recommendation
    from members.models import (
        Ballot,
        BallotOption,
        BoothDevice,
        Candidate,
        Committee,
        Decision,
        Meeting,
        Member,
        PaperBatch,
    )
    from services.models import ReferralPartner, Service, ServiceRequest

    centre = world["centre"]
    Candidate.objects.update(display_name=LONG, statement=LONG_AR + " " + LONG)
    Meeting.objects.update(minutes=LONG)
    Decision.objects.update(motion=LONG_AR, text=LONG)
    # Names unique per centre (whatever their case) each get their own long word.
    for model, field in ((Committee, "name"), (BoothDevice, "label"), (ReferralPartner, "name")):
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{field: f"{LONG}{pk}"})
    Ballot.objects.update(question=LONG_AR)
    BallotOption.objects.filter(pk=world["closed_option"].pk).update(label=LONG)
    PaperBatch.objects.create(
        ballot=world["open_ballot"], label=LONG, papers=0, totals={}, entered_by=world["manager"]
    )
    Member.objects.filter(pk=world["member"].pk).update(preferred_name=LONG)
    Service.objects.filter(pk=world["service"].pk).update(name=LONG)
    ServiceRequest.objects.update(wish=LONG_AR)
    Grievance.objects.filter(pk=world["case"].pk).update(narrative=LONG)
    Comment.objects.update(text=LONG)
    Recommendation.objects.update(title=LONG, addressee_name=LONG_AR, text=LONG)
    type(centre).objects.filter(pk=centre.pk).update(address=LONG)


@pytest.mark.parametrize("role", ["worker", "committee_member", "manager"])
def test_long_typed_words_wrap_within_a_phone(role, a11y_world, browser: Browser, live_server):
    _lengthen(a11y_world)
    reachable = _reachable(role, a11y_world)
    assert reachable
    wide = []
    for language in ("en", "ar"):
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            + _session_cookie(role, a11y_world, live_server.url)
        )
        page = context.new_page()
        for listed, url in reachable:
            if listed.url_name.startswith("admin:"):
                continue  # Django's own admin site keeps its own layout
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide.append(f"{language} {url}: {width} px")
            if SHOTS:
                name = f"{role}-{language}-{listed.url_name}-{url.count('/')}.png"
                page.screenshot(path=os.path.join(SHOTS, name), full_page=True)
        context.close()
    assert not wide, "\n".join(wide)
