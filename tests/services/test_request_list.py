"""The request list at its cost: labels and move forms made once per page, not once
per row, and no member's ciphertext read for a row that shows only their code."""

from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse

from centres import crypto
from centres.categories import ServiceCategory
from services.models import RequestStatus, ServiceRequest

from ..factories import MemberFactory
from ..translations import catalogue_lookups

STATUSES = [RequestStatus.NEW, RequestStatus.UNDER_REVIEW, RequestStatus.DECLINED]


def _requests(centre, count):
    health = ServiceCategory.objects.get(code="health", centre=None)
    member = MemberFactory(centre=centre, phone="+962 79 555 0101")
    for n in range(ServiceRequest.objects.filter(centre=centre).count(), count):
        status = STATUSES[n % 3]
        ServiceRequest.objects.create(
            centre=centre, wish=f"Wish {n}", category=health, member=member, status=status,
            decline_reason="No room" if status == RequestStatus.DECLINED else "",
        )  # fmt: skip


@pytest.fixture
def url(client, manager, centre):
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return reverse("request_list", args=[centre.pk])


def test_labels_are_looked_up_once_a_page(client, centre, url):
    _requests(centre, 3)
    client.get(url)
    with catalogue_lookups() as few:
        client.get(url)
    _requests(centre, 51)
    with catalogue_lookups() as many:
        page = client.get(url).content.decode()
    # What is left on a row: its category's name and the month in its date.
    assert many.call_count <= few.call_count + 2 * 48
    assert page.count("<strong>قيد الدراسة</strong>") == 17  # under review
    assert page.count('<label for="id_move') == 2 * 50
    assert page.count(">نقل إلى:</label>") == 50  # move to


def test_each_row_offers_the_moves_its_status_allows(client, centre, url):
    _requests(centre, 3)
    page = client.get(url).content.decode()
    new, review, declined = ServiceRequest.objects.order_by("pk")
    for item, moves in [
        (new, ["review", "declined"]),
        (review, ["planned", "offered", "declined"]),
        (declined, ["review"]),
    ]:
        select = page.split(f'id="id_move{item.pk}_status">')[1].split("</select>")[0]
        assert [part.split('"')[0] for part in select.split('value="')[1:]] == moves


def test_the_list_decrypts_only_the_words_it_shows(client, centre, url):
    _requests(centre, 30)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        assert client.get(url).status_code == 200
    # Each wish and each decline reason; never the member's phone or card.
    assert decrypt.call_count == 30 + 10
