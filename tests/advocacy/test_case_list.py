"""The case list at its cost: labels translated once per page, not once per row, and
no ciphertext read for columns it does not show."""

from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse

from advocacy import actions
from advocacy.models import Grievance
from centres import crypto

from ..translations import catalogue_lookups


def _cases(centre, by, assignee, count):
    while Grievance.objects.filter(centre=centre).count() < count:
        actions.grievance_open(
            consent_given=True,
            centre=centre, by=by, pseudonym="P", narrative="n", contact="+962 79 555 0101",
            issue_types=["wage_theft", "debt"], assignees=[assignee], risk="high",
        )  # fmt: skip


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_labels_are_looked_up_once_a_page(client, cast, centre, role):
    client.force_login(cast[role])
    url = reverse("case_list", args=[centre.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    _cases(centre, cast["manager"], cast["social_worker"], 2)
    client.get(url)
    with catalogue_lookups() as few:
        client.get(url)
    _cases(centre, cast["manager"], cast["social_worker"], 50)
    with catalogue_lookups() as many:
        page = client.get(url).content.decode()
    assert many.call_count == few.call_count
    # The reader's language, not the language of whoever rendered first.
    assert page.count("<td>التسجيل الأولي</td>") == 50  # intake
    assert page.count("<td>مرتفع</td>") == 50  # high
    # Every row, and the issue filter's option.
    assert page.count("سرقة الأجور") == 50 + 1  # wage theft
    assert page.count("عبودية الدَّين") == 50 + 1  # debt bondage


def test_the_list_decrypts_nothing(client, manager, social_worker, centre):
    _cases(centre, manager, social_worker, 20)
    client.force_login(manager)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        response = client.get(reverse("case_list", args=[centre.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("CASE-") == 20
    assert decrypt.call_count == 0
