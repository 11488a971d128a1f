"""The visit log at its cost: a gender label translated once a page, purposes read as a
plain list, and no member's ciphertext read for a row that shows only their code."""

from unittest import mock

from django.conf import settings
from django.urls import reverse

from centres import crypto
from centres.categories import ServiceCategory
from members.models import Visit

from ..factories import MemberFactory, VisitFactory
from ..translations import catalogue_lookups


def _visits(centre, count):
    advice = ServiceCategory.objects.get(code="advice", centre=None)
    for n in range(Visit.objects.filter(centre=centre).count(), count):
        member = MemberFactory(centre=centre, phone="+962 79 555 0101") if n % 2 else None
        visit = VisitFactory(centre=centre, member=member, gender="" if member else "woman")
        visit.purposes.set([advice])


def test_labels_are_looked_up_once_a_page(client, social_worker, centre):
    client.force_login(social_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("visit_list", args=[centre.pk])
    _visits(centre, 2)
    client.get(url)
    with catalogue_lookups() as few:
        client.get(url)
    _visits(centre, 50)
    with catalogue_lookups() as many:
        page = client.get(url).content.decode()
    # What is left on a row: its purpose's name, the month in its date, and
    # "Anonymous" for a head-count.
    assert many.call_count - few.call_count <= 3 * 48
    assert page.count(" · امرأة</td>") == 25  # an anonymous woman
    assert page.count("<td>نصائح حول ظروف العمل والمعيشة</td>") == 50  # advice


def test_the_log_decrypts_nothing(client, manager, centre):
    _visits(centre, 20)
    client.force_login(manager)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        page = client.get(reverse("visit_list", args=[centre.pk])).content.decode()
    assert page.count("<tr>") == 20 + 1
    assert decrypt.call_count == 0
