"""Every form is rendered by templates/_form_fields.html: a group of checkboxes is a
fieldset whose legend is the question, its help and errors are tied to it with
aria-describedby, and a failed submit starts with an error summary linking to the fields."""

import re

from django.urls import reverse

from members.models import Member


def _fieldset(page: str, name: str) -> str:
    pattern = r"<fieldset[^>]*>(?:(?!</fieldset>).)*?name=\"" + name + '"'
    match = re.search(pattern, page, re.S)
    assert match, name
    return match.group(0)


def test_checkbox_group_is_a_fieldset_with_its_help(client, manager, centre):
    client.force_login(manager)
    page = client.get(reverse("member_register", args=[centre.pk])).content.decode()
    consents = _fieldset(page, "consents")
    assert 'aria-describedby="id_consents_helptext"' in consents
    assert "<legend>" in consents
    assert 'id="id_consents_helptext"' in consents
    # No error summary before anything is submitted.
    assert "error-summary" not in page


def test_failed_submit_has_a_summary_and_linked_errors(client, manager, centre):
    client.force_login(manager)
    url = reverse("member_register", args=[centre.pk])
    response = client.post(url, {"preferred_name": "", "consents": ["no-such-purpose"]})
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index('class="error-summary"') : page.index("</section>")]
    assert 'href="#id_preferred_name"' in summary
    assert 'href="#id_consents_0"' in summary
    assert re.search(r'aria-describedby="id_preferred_name_error"', page)
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_consents_helptext id_consents_error"' in _fieldset(
        page, "consents"
    )
    # Each error's id appears once, whatever the number of errors.
    assert page.count('id="id_preferred_name_error"') == 1
    assert not Member.objects.exists()


def test_messages_are_a_status_region_around_a_list(client, manager, centre):
    client.force_login(manager)
    response = client.post(
        reverse("member_register", args=[centre.pk]),
        {"preferred_name": "Sita", "consents": ["services"]},
        follow=True,
    )
    page = response.content.decode()
    assert re.search(r'<div class="messages" role="status">\s*<ul>\s*<li class="message', page)
