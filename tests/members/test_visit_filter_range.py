"""A visit list or export whose range ends before it starts is refused with the
reason, instead of an empty list or file."""

from django.urls import reverse

from ..factories import MemberFactory

REVERSED = {"since": "2026-11-20", "until": "2026-11-10"}


def test_a_reversed_export_range_is_refused_with_its_reason(client, manager, centre):
    MemberFactory(centre=centre)
    client.force_login(manager)
    response = client.get(reverse("visit_export", args=[centre.pk, "csv"]), REVERSED, follow=True)
    assert response.redirect_chain  # back to the list, no file
    shown = [str(message) for message in response.context["messages"]]
    assert any("end date is before the start date" in text for text in shown), shown


def test_a_reversed_list_range_says_so_beside_the_field(client, manager, centre):
    client.force_login(manager)
    page = client.get(reverse("visit_list", args=[centre.pk]), REVERSED)
    assert "end date is before the start date" in page.content.decode()
