"""Keyboard users: every focus stop shows a ring of at least 3:1 contrast against what
surrounds it (WCAG 1.4.11 and 2.4.7), and after a failed submit the error summary
takes focus and the page title says there is an error (WCAG 3.3.1)."""

import pytest
from django.conf import settings
from playwright.sync_api import Browser, expect

from .test_accessibility import PHONE, _session_cookie

pytestmark = pytest.mark.browser

# What the ring measures at one focus stop: its own colour and width, and the colour
# behind it (the first opaque background among the parents, since the ring sits
# outside the element).
RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let node = el.parentElement, behind = "rgb(255, 255, 255)";
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0")) { behind = bg; break; }
    node = node.parentElement;
  }
  return {
    what: el.tagName + "#" + el.id + " " + (el.textContent || "").trim().slice(0, 30),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    ring: style.outlineColor, behind: behind,
  };
}"""


def _luminance(rgb: str) -> float:
    """Relative luminance of a CSS rgb()/rgba() colour (WCAG 2.2, definition)."""
    parts = [float(p) for p in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (p / 255 for p in parts)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(242, 169, 0)", "rgb(255, 255, 255)"), 1) == 2.0


# One page of each kind: sign-in (signed out), a form with checkbox groups, a wide
# table, the dashboard's disclosures, a case, the kiosk.
WALKS = [
    ("anonymous", "/accounts/login/"),
    ("manager", "/centres/{centre}/members/new/"),
    ("manager", "/centres/{centre}/visits/"),
    ("manager", "/centres/{centre}/dashboard/"),
    ("social_worker", "/centres/{centre}/cases/{case}/"),
    ("anonymous", "/kiosk/"),
]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_focus_stop_has_a_visible_ring(a11y_world, browser: Browser, live_server, language):
    faint = []
    for role, path in WALKS:
        url = live_server.url + path.format(
            centre=a11y_world["centre"].pk,
            case=a11y_world["case"].pk,
        )
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            + _session_cookie(role, a11y_world, live_server.url)
        )
        page = context.new_page()
        page.goto(url)
        seen = set()
        for _ in range(80):
            page.keyboard.press("Tab")
            stop = page.evaluate(RING)
            if stop["what"] in seen or stop["what"].startswith("BODY"):
                break
            seen.add(stop["what"])
            ratio = contrast(stop["ring"], stop["behind"])
            if stop["style"] == "none" or stop["width"] < 2 or ratio < 3:
                faint.append(f"{path} {stop['what']!r}: {stop} ratio {ratio:.2f}")
        assert len(seen) > 3, (path, seen)
        context.close()
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_error_summary_takes_focus(a11y_world, browser: Browser, live_server, language):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        + _session_cookie("manager", a11y_world, live_server.url)
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/centres/{a11y_world['centre'].pk}/members/new/")
    title = page.title()
    page.locator("#id_preferred_name").fill("")
    page.locator("main form").first.evaluate("form => { form.noValidate = true; }")
    page.locator("main form button[type=submit]").first.click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#id_preferred_name']")).to_be_visible()
    assert page.title() != title
    assert page.title().endswith(title)
    if language == "en":
        assert page.title().startswith("Error: ")
    # The summary's link leads to the field, which names its error.
    described = page.locator("#id_preferred_name").get_attribute("aria-describedby")
    assert "id_preferred_name_error" in described.split()
    ring = page.evaluate(RING)
    assert contrast(ring["ring"], ring["behind"]) >= 3
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_header_stays_short_on_a_phone(language, a11y_world, browser: Browser, live_server):
    """The site header (brand, menu, language) takes at most 104 px of a 360 px phone,
    signed in or not, in English and in Arabic."""
    for role in ("anonymous", "worker", "manager"):
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            + _session_cookie(role, a11y_world, live_server.url)
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/centres/{a11y_world['centre'].pk}/governance/")
        height = page.evaluate("document.querySelector('.site-header').offsetHeight")
        assert height <= 104, (role, language, height)
        context.close()
