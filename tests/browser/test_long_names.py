"""A name typed as one long word (100 characters, no space) does not widen the member
table past a 360 px phone: its cell breaks it (td.name), in English and Arabic."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from ..factories import MemberFactory
from .test_narrow_text import show

pytestmark = pytest.mark.browser

LONG_NAME = "Maya" * 25


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_a_long_unbroken_name_does_not_widen_the_member_table(
    page: Page, client, social_worker, centre, direction
):
    MemberFactory(centre=centre, preferred_name=LONG_NAME)
    client.force_login(social_worker)
    html = client.get(reverse("member_list", args=[centre.pk])).content.decode()
    table = re.search(r'<div class="table-wrap row-names">.*?</table>', html, re.S).group(0)
    show(page, table + "</div>", direction)
    widths = page.evaluate(
        "[document.querySelector('table').scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the table is {widths[0]} px wide in {widths[1]} px"
