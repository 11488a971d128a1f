"""A person signs in and reaches their role's home page, in English and in Arabic."""

import pytest
from playwright.sync_api import Page, expect

from ..factories import PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()


def test_social_worker_signs_in_to_their_home(page: Page, live_server, social_worker, centre):
    _sign_in(page, live_server, social_worker.email)
    expect(page.locator("h1")).to_contain_text("Welcome")
    expect(page.locator("main")).to_contain_text(centre.name)
    expect(page.locator("main")).to_contain_text("Social worker")
    expect(page.locator("main")).not_to_contain_text("Staff and invitations")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_manager_signs_in_in_arabic(page: Page, live_server, manager, centre):
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("#language-select", "ar")
    page.locator("form.language button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    _sign_in(page, live_server, manager.email)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The manager's home links to the staff page; the link is in Arabic.
    expect(page.locator(f"main a[href='/centres/{centre.pk}/staff/']")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Staff and invitations")


def test_no_content_security_policy_violations(page: Page, live_server, manager, centre):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/edit/")
    page.goto(f"{live_server.url}/accounts/2fa/totp/activate")
    assert violations == []
