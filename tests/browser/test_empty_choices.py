"""No select of any page offers Django's "---------": screen readers read it as dashes
and it is never translated. An optional field's empty choice says what it means in the
reader's language ("Not given" in a form, "Any" in a filter)."""

import re

from django.test import Client

from .test_accessibility import ROLES, _reachable

DASHES = "---------"


def test_no_select_offers_dashes(a11y_world):
    found = []
    for role in ROLES:
        client = Client()
        if role == "anonymous":
            continue
        client.force_login(a11y_world[role])
        for page, url in _reachable(role, a11y_world):
            if page.url_name.startswith("admin:"):
                continue  # Django's own admin site
            html = client.get(url).content.decode()
            for select in re.findall(
                r'<select name="([^"]+)"(?:(?!</select>).)*' + DASHES, html, re.S
            ):
                found.append(f"{role} {url} {select}")
            if DASHES in html and not found:
                found.append(f"{role} {url}")
    assert not found, "\n".join(found)


def test_the_empty_choice_says_what_it_means(client, social_worker, centre):
    from django.urls import reverse

    client.force_login(social_worker)
    form = client.get(reverse("member_register", args=[centre.pk])).content.decode()
    assert re.search(r'<select name="gender"[^>]*>\s*<option value="" selected>Not given<', form)
    log = client.get(reverse("visit_list", args=[centre.pk])).content.decode()
    assert re.search(r'<select name="purpose"[^>]*>\s*<option value="" selected>Any<', log)


def test_a_required_select_asks_for_a_choice():
    from centres.renderers import name_empty_choice
    from services.forms_catalogue import PartnerForm

    field = PartnerForm().fields["kind"]
    name_empty_choice(field)
    assert field.required and list(field.choices)[0] == ("", "Choose one")
