"""On a 360 px phone, in Arabic and in English, a manager merges a duplicate record
from the member's page: the look-alike is offered, the confirmation passes axe and
fits the screen, and the merge lands on the record kept. The import's rows to skip
pass axe too."""

import pytest
import tablib
from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import Browser, expect

from members.models import Member, Visit

from ..factories import MemberFactory, VisitFactory
from .test_accessibility import AXE_OPTIONS, AXE_RUN, PHONE
from .test_sign_in import _sign_in

pytestmark = pytest.mark.browser


def _violations(page) -> list[str]:
    found = page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]
    return [f"{v['id']} {[' '.join(n['target']) for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_manager_merges_a_duplicate_on_a_phone(
    browser: Browser, live_server, manager, centre, language
):
    keep = MemberFactory(centre=centre, preferred_name="أمينة رحمن", phone="0795550101")
    absorb = MemberFactory(centre=centre, preferred_name="Amina R.", phone="0795550101")
    VisitFactory(centre=centre, member=absorb)
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(path=AXE_FILE_PATH)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/members/{absorb.pk}/")
    page.locator(f"a[href$='?into={keep.code}']").first.click()

    expect(page.locator("main")).to_contain_text(keep.code)
    assert _violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("main form button.danger").click()

    expect(page.locator("h1")).to_contain_text("أمينة رحمن")
    assert Member.objects.get(pk=absorb.pk).merged_into_id == keep.pk
    assert Visit.objects.get().member_id == keep.pk
    context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_rows_to_skip_pass_axe_on_a_phone(
    browser: Browser, live_server, manager, centre, language, tmp_path
):
    MemberFactory(centre=centre, preferred_name="Sita", phone="0795550101")
    # A phone comes with consent to be contacted.
    rows = [["Sita T.", "+962 79 555 0101", "yes"], ["Rahim", "", ""], ["rahim", "", ""]]
    upload = tmp_path / "members.csv"
    headers = ["preferred_name", "phone", "safe_to_contact"]
    upload.write_text(tablib.Dataset(*rows, headers=headers).export("csv"))
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(path=AXE_FILE_PATH)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    _sign_in(page, live_server, manager.email)
    page.goto(f"{live_server.url}/centres/{centre.pk}/members/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.locator("main form button[type=submit]").click()

    expect(page.locator("input[name=skip]")).to_have_count(2)
    assert _violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("input[name=skip_all]").check()
    page.locator("main form button.primary").click()
    expect(page.locator("h1")).to_be_visible()
    assert Member.objects.count() == 2  # Sita, and Rahim once
    context.close()
