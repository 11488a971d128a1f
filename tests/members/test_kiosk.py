"""The entrance kiosk logs visits with no login, reads nothing, and needs a live token."""

import hashlib
import re

import pytest
from django.urls import reverse

from centres.categories import ServiceCategory
from members.models import Kiosk, Visit, VisitChannel

from ..factories import MemberFactory


@pytest.fixture
def kiosk_url(client, manager, centre):
    client.force_login(manager)
    response = client.post(reverse("kiosk_list", args=[centre.pk]), {"label": "Front door"})
    client.logout()
    return re.search(r"http://testserver(/kiosk/[^<\s]+/)", response.content.decode()).group(1)


def test_kiosk_logs_an_anonymous_visit_without_login(client, centre, kiosk_url):
    bonding = ServiceCategory.objects.get(code="bonding", centre=None)
    assert client.get(kiosk_url).status_code == 200
    response = client.post(kiosk_url, {"code": "", "purposes": [bonding.pk]}, follow=True)
    assert "You are checked in" in response.content.decode()
    visit = Visit.objects.get()
    assert visit.centre == centre and visit.member is None and visit.channel == VisitChannel.KIOSK
    assert list(visit.purposes.all()) == [bonding]


def test_kiosk_with_a_code_identifies_without_showing_anything(client, centre, kiosk_url):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    known = client.post(kiosk_url, {"code": member.code}, follow=True).content.decode()
    unknown = client.post(kiosk_url, {"code": "AMM-9999"}, follow=True).content.decode()
    assert Visit.objects.filter(member=member).count() == 1
    assert Visit.objects.filter(member=None).count() == 1  # an unknown code is still welcome
    assert "Sita" not in known

    # The page says the same whether the code exists or not.
    def same(page, code):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page).replace(code, "")

    assert same(known, member.code) == same(unknown, "AMM-9999")


def test_kiosk_cannot_read_any_data(client, centre, kiosk_url):
    MemberFactory(centre=centre, preferred_name="Sita Tamang")
    client.post(kiosk_url, {"code": ""})
    for url in [
        reverse("member_list", args=[centre.pk]),
        reverse("visit_list", args=[centre.pk]),
        reverse("dashboard", args=[centre.pk]),
        reverse("centre_detail", args=[centre.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        )
    assert "Sita" not in client.get(kiosk_url).content.decode()


def test_invalid_or_switched_off_token_is_refused(client, manager, centre, kiosk_url):
    assert client.get("/kiosk/not-a-token/").status_code == 404
    assert client.post("/kiosk/not-a-token/", {"code": ""}).status_code == 404
    client.force_login(manager)
    kiosk = Kiosk.objects.get()
    client.post(reverse("kiosk_revoke", args=[centre.pk, kiosk.pk]))
    client.logout()
    assert client.get(kiosk_url).status_code == 404
    assert client.post(kiosk_url, {"code": ""}).status_code == 404
    assert not Visit.objects.exists()


def test_the_token_is_stored_only_as_a_hash(kiosk_url):
    token = kiosk_url.split("/")[2]
    stored = Kiosk.objects.get().token_hash
    assert token not in stored
    # A one-way hash: the stored value is the SHA-256 of the token, which no
    # encoding of the token (base64, hex) would be.
    assert stored == hashlib.sha256(token.encode()).hexdigest()


@pytest.mark.parametrize(
    "role", ["social_worker", "legal", "committee_member", "worker", "coordinator"]
)
def test_only_the_manager_sets_up_kiosks(client, cast, centre, role):
    client.force_login(cast[role])
    assert client.get(reverse("kiosk_list", args=[centre.pk])).status_code == 403
    assert client.post(reverse("kiosk_list", args=[centre.pk]), {"label": "x"}).status_code == 403
    assert not Kiosk.objects.exists()


def test_kiosk_management_scoping_method_and_input(client, manager, centre, other_centre):
    from members.actions import kiosk_create

    theirs, _token = kiosk_create(centre=other_centre, label="Theirs", by=None)
    client.force_login(manager)
    assert client.get(reverse("kiosk_list", args=[other_centre.pk])).status_code == 404
    assert client.post(reverse("kiosk_revoke", args=[centre.pk, theirs.pk])).status_code == 404
    assert client.get(reverse("kiosk_revoke", args=[centre.pk, theirs.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    response = client.post(reverse("kiosk_list", args=[centre.pk]), {"label": ""})
    assert "This field is required" in response.content.decode()
    assert not Kiosk.objects.filter(centre=centre).exists()
