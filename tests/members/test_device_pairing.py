"""Kiosks and voting booths are paired with their tablet once: the code travels in a POST
body, the tablet then holds an HttpOnly, SameSite=Strict cookie, and no address carries
a device's secret (addresses land in access logs, browser history and Referer headers)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from centres.categories import ServiceCategory
from centres.submissions import FIELD, new_key
from centres.tokens import hash_token
from members.actions import booth_device_create, kiosk_create
from members.models import BoothDevice, Kiosk, Visit

from ..devices import pair, paired_booth, paired_kiosk

KIOSK_PAGES = ["/kiosk/", "/kiosk/request/", "/kiosk/survey/", "/kiosk/you-said-we-did/"]


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def test_no_device_page_takes_a_secret_in_its_address():
    device_routes = []
    for route, pattern in _patterns(get_resolver()):
        if route.startswith(("kiosk/", "booth/")):
            device_routes.append(route)
            # Only numbers (a candidate's id) may follow: never a token, a code or any text.
            assert set(pattern.pattern.converters) <= {"candidate_id"}, route
            assert "<str:" not in route and "<slug:" not in route and "<path:" not in route
        assert "token" not in route or pattern.name == "invitation_accept", route
    assert "kiosk/" in device_routes and "booth/" in device_routes
    assert "kiosk/pair/" in device_routes and "booth/pair/" in device_routes


def _created_code(client, manager, url) -> str:
    client.force_login(manager)
    page = client.post(url, {"label": "Front door"}, follow=True).content.decode()
    client.logout()
    return re.search(r'<code class="pairing-code"[^>]*>([^<]+)</code>', page).group(1)


def test_the_manager_gets_a_pairing_code_not_a_link(client, manager, centre):
    code = _created_code(client, manager, reverse("kiosk_list", args=[centre.pk]))
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4}){5}", code)
    client.force_login(manager)
    page = client.get(reverse("kiosk_list", args=[centre.pk])).content.decode()
    assert code not in page  # shown once
    assert "/kiosk/pair/" in page or "pairing-code" not in page


def test_pairing_a_kiosk_then_checking_in(client, manager, centre):
    code = _created_code(client, manager, reverse("kiosk_list", args=[centre.pk]))
    tablet = Client()
    assert tablet.get("/kiosk/").status_code == 404  # not paired yet
    assert tablet.get("/kiosk/pair/").status_code == 200
    response = tablet.post("/kiosk/pair/", {"code": code.lower().replace(" ", "-")})
    assert response.status_code == 302 and response["Location"] == "/kiosk/"
    cookie = response.cookies["wc_kiosk"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/kiosk/"
    assert code.replace(" ", "") not in cookie.value
    page = tablet.get("/kiosk/")
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    bonding = ServiceCategory.objects.get(code="bonding", centre=None)
    checked = tablet.post("/kiosk/", {"code": "", "people": "1", "purposes": [bonding.pk]})
    assert checked.status_code == 302 and checked["Location"] == "/kiosk/"
    visit = Visit.objects.get()
    assert visit.centre == centre and visit.channel == "kiosk"
    for url in KIOSK_PAGES[1:]:
        assert tablet.get(url).status_code in (200, 302), url
    kiosk = Kiosk.objects.get()
    assert kiosk.paired_at is not None


def test_a_pairing_code_works_once(client, manager, centre):
    kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    first, second = Client(), Client()
    pair(first, code)
    response = second.post("/kiosk/pair/", {"code": code})
    assert response.status_code == 200 and "wc_kiosk" not in response.cookies
    assert "This code does not pair a device" in response.content.decode()
    assert second.get("/kiosk/").status_code == 404
    assert first.get("/kiosk/").status_code == 200


@pytest.mark.parametrize("sent", ["", "WRONG-CODE", "\x00", "x" * 3000, ["a", "b"], "kiosk secret"])
def test_a_wrong_code_is_refused_with_a_clear_error(client, manager, centre, sent):
    kiosk, _code = kiosk_create(centre=centre, label="Door", by=manager)
    response = client.post("/kiosk/pair/", {"code": sent})
    assert response.status_code == 200 and "wc_kiosk" not in response.cookies
    assert "error-summary" in response.content.decode()
    kiosk.refresh_from_db()
    assert kiosk.paired_at is None
    assert client.get("/kiosk/").status_code == 404


def test_a_booth_code_does_not_pair_a_kiosk(client, manager, centre):
    _device, code = booth_device_create(centre=centre, label="Booth", by=manager)
    assert client.post("/kiosk/pair/", {"code": code}).status_code == 200
    assert client.get("/kiosk/").status_code == 404
    pair(client, code, "booth")
    assert client.get("/booth/").status_code == 200


def test_pairing_twice_from_one_form_pairs_once(client, manager, centre):
    kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    key = new_key()
    first = client.post("/kiosk/pair/", {"code": code, FIELD: key})
    again = client.post("/kiosk/pair/", {"code": code, FIELD: key})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == "/kiosk/"
    assert client.get("/kiosk/").status_code == 200
    assert Kiosk.objects.filter(paired_at__isnull=False).count() == 1


def test_the_pairing_page_takes_get_and_post_only(client):
    assert client.put("/kiosk/pair/").status_code == 405
    assert client.delete("/booth/pair/").status_code == 405


def test_switching_a_kiosk_off_ends_its_cookie(client, manager, centre):
    tablet = Client()
    kiosk = paired_kiosk(tablet, centre, by=manager)
    client.force_login(manager)
    client.post(reverse("kiosk_revoke", args=[centre.pk, kiosk.pk]))
    for url in KIOSK_PAGES:
        response = tablet.get(url)
        assert response.status_code == 404, url
    response = tablet.post("/kiosk/", {"code": "", "people": "1"})
    assert response.status_code == 404 and not Visit.objects.exists()
    assert "This kiosk is not set up" in response.content.decode()
    assert response.cookies["wc_kiosk"].value == ""  # the dead cookie is removed


def test_a_forged_or_copied_cookie_is_refused(client, manager, centre):
    tablet = Client()
    paired_kiosk(tablet, centre, by=manager)
    value = tablet.cookies["wc_kiosk"].value
    forger = Client()
    forger.cookies["wc_kiosk"] = value[:-3] + "abc"
    assert forger.get("/kiosk/").status_code == 404
    forger.cookies["wc_kiosk"] = value.rsplit(":", 1)[0]  # the secret without its signature
    assert forger.get("/kiosk/").status_code == 404
    assert tablet.get("/kiosk/").status_code == 200


def test_the_cookie_is_secure_in_production(client, settings, manager, centre):
    settings.SESSION_COOKIE_SECURE = True
    _kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    response = client.post("/kiosk/pair/", {"code": code})
    assert response.cookies["wc_kiosk"]["secure"]


def test_old_token_addresses_answer_not_found(client, manager, centre):
    _kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    _device, booth_code = booth_device_create(centre=centre, label="Booth", by=manager)
    for url in [
        f"/kiosk/{code}/",
        f"/kiosk/{code}/request/",
        f"/kiosk/{code}/survey/",
        f"/kiosk/{code}/you-said-we-did/",
        f"/booth/{booth_code}/",
        f"/booth/{booth_code}/pictures/1/",
        f"/kiosk/{code}",
    ]:
        response = client.get(url)
        assert response.status_code == 404 and not response.has_header("Location"), url


def test_pairing_a_booth(client, manager, centre):
    tablet = Client()
    device = paired_booth(tablet, centre, by=manager)
    response = tablet.get("/booth/")
    assert response.status_code == 200 and "Voting booth" in response.content.decode()
    cookie = tablet.cookies["wc_booth"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/booth/"
    assert Client().get("/booth/").status_code == 404
    client.force_login(manager)
    client.post(reverse("booth_device_revoke", args=[centre.pk, device.pk]))
    assert tablet.get("/booth/").status_code == 404
    device.refresh_from_db()
    assert device.paired_at is not None and device.revoked_at is not None


def test_other_centres_devices_are_not_found(client, cast, centre, other_centre):
    theirs, _code = kiosk_create(centre=other_centre, label="Theirs", by=None)
    their_booth, _code = booth_device_create(centre=other_centre, label="Theirs", by=None)
    client.force_login(cast["manager"])
    assert client.post(reverse("kiosk_revoke", args=[centre.pk, theirs.pk])).status_code == 404
    revoke = reverse("booth_device_revoke", args=[centre.pk, their_booth.pk])
    assert client.post(revoke).status_code == 404
    assert Kiosk.objects.get(pk=theirs.pk).revoked_at is None
    assert BoothDevice.objects.get(pk=their_booth.pk).revoked_at is None


def test_the_pairing_is_in_the_audit_trail_without_its_code(client, manager, centre):
    from django.contrib.contenttypes.models import ContentType

    from centres.models import AuditEntry

    kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    pair(client, code)
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Kiosk), object_pk=str(kiosk.pk)
    )
    assert any("paired_at" in (entry.changes_dict or {}) for entry in entries)
    for entry in entries:
        assert code not in str(entry.changes) and code.lower() not in str(entry.changes)


def test_a_code_typed_with_look_alike_digits_still_pairs(client, manager, centre):
    """Base32 has no 0, 1 or 8: someone reading O, I or B as a digit still pairs."""
    kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    kiosk.token_hash = hash_token("OIBAAAAAAAAAAAAAAAAAAAAA")
    kiosk.save(update_fields=["token_hash"])
    pair(client, "018a aaaa aaaa aaaa aaaa aaaa")
    assert client.get("/kiosk/").status_code == 200
