"""A worker answers a survey at the kiosk in Nepali and on a phone in Arabic; a manager
codes the comments."""

import pytest
from playwright.sync_api import Page, expect

from advocacy.models import Comment, Response
from members.actions import kiosk_create

from ..devices import pair_in_browser
from ..factories import MemberFactory, SurveyFactory
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser

SHOTS = "var/screenshots"


def _language(page: Page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def test_a_worker_answers_at_the_kiosk_in_nepali(page: Page, live_server, manager, centre):
    survey = SurveyFactory(centre=centre)
    code = kiosk_create(centre=centre, label="Entrance", by=manager)[1]
    _language(page, live_server, "ne")
    pair_in_browser(page, live_server.url, code)
    page.locator("input[name=purposes]").first.check()
    page.locator("main button[type=submit]").click()
    page.locator("a[href='/kiosk/survey/']").click()
    expect(page.locator("h1")).to_have_text(survey.titles["ne"])
    expect(page.locator("main")).to_contain_text("तपाईंलाई कत्तिको स्वागत महसुस भयो?")
    page.locator(".face").nth(4).click()
    page.get_by_label("सल्लाह").check()
    page.locator("textarea").fill("धन्यवाद")
    page.screenshot(path=f"{SHOTS}/feedback_kiosk_ne.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    answer = Response.objects.get()
    assert answer.channel == "self" and answer.member is None  # anonymous: phone or kiosk
    assert answer.answers.get(rating__isnull=False).rating == 5
    # The check-in's ticket is spent: the survey is no longer offered.
    page.goto(f"{live_server.url}/kiosk/survey/")
    expect(page).to_have_url(f"{live_server.url}/kiosk/")
    assert Response.objects.count() == 1


def test_a_worker_answers_on_a_phone_in_arabic(page: Page, live_server, worker, centre):
    member = MemberFactory(centre=centre)
    member.account = worker
    member.save()
    survey = SurveyFactory(centre=centre)
    _language(page, live_server, "ar")
    _sign_in(page, live_server, worker.email)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto(f"{live_server.url}/centres/{centre.pk}/feedback/")
    page.locator(f"a[href$='/surveys/{survey.pk}/answer/']").click()
    expect(page.locator("h1")).to_have_text(survey.titles["ar"])
    page.locator(".face").nth(1).click()
    page.get_by_label("درس لغة").check()
    page.locator("textarea").fill("الرواتب تتأخر كل شهر")
    page.screenshot(path=f"{SHOTS}/feedback_phone_ar.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert Response.objects.get().member is None
    assert Comment.objects.get().text == "الرواتب تتأخر كل شهر"


def test_a_manager_codes_comments(page: Page, live_server, manager, centre):
    from ..factories import CommentFactory

    CommentFactory(centre=centre, text="Our passports are kept by the agency", may_share=True)
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/feedback/comments/")
    comment = page.locator("article.comment").first
    comment.get_by_label("Retention of identity documents").check()
    comment.get_by_label("Contracts and recruitment fees").check()
    comment.locator("select[name=sentiment]").select_option("negative")
    page.screenshot(path=f"{SHOTS}/feedback_coding.png", full_page=True)
    comment.get_by_role("button", name="Save the coding").click()
    expect(page.locator(".messages")).to_contain_text("Comment coded")
    expect(page.locator("article.comment .tag")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("language", ["en", "ar"])
def test_you_said_we_did_on_a_phone(page: Page, live_server, worker, centre, language):
    _language(page, live_server, language)
    _sign_in(page, live_server, worker.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/you-said-we-did/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/you_said_{language}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
