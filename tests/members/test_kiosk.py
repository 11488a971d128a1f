"""The entrance kiosk logs visits with no login, reads nothing, and needs a live pairing."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from centres.categories import ServiceCategory
from members.actions import CHECKIN_WINDOW
from members.models import Kiosk, Visit, VisitChannel
from members.qr import qr_svg

from ..devices import paired_kiosk
from ..factories import MemberFactory


@pytest.fixture
def kiosk_url(client, manager, centre):
    """The kiosk's page, on a client paired as a new kiosk of `centre`."""
    paired_kiosk(client, centre, by=manager)
    return reverse("kiosk_checkin")


def test_kiosk_logs_an_anonymous_visit_without_login(client, centre, kiosk_url):
    bonding = ServiceCategory.objects.get(code="bonding", centre=None)
    assert client.get(kiosk_url).status_code == 200
    response = client.post(kiosk_url, {"code": "", "purposes": [bonding.pk]}, follow=True)
    assert "You are checked in" in response.content.decode()
    visit = Visit.objects.get()
    assert visit.centre == centre and visit.member is None and visit.channel == VisitChannel.KIOSK
    assert list(visit.purposes.all()) == [bonding]


def test_a_typed_member_code_counts_an_anonymous_visit(client, centre, kiosk_url):
    """The code printed on a card is no secret: typed at the kiosk it counts a head,
    and the page is the same whether the member exists (or consented) or not."""
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    known = client.post(kiosk_url, {"code": member.code}, follow=True).content.decode()
    unknown = client.post(kiosk_url, {"code": "AMM-9999"}, follow=True).content.decode()
    assert not Visit.objects.filter(member=member).exists()
    assert Visit.objects.filter(member=None).count() == 2
    assert "Sita" not in known

    def same(page, code):
        hidden = r'name="(csrfmiddlewaretoken|form_key)" value="[^"]+"'
        return re.sub(hidden, "", page).replace(code, "")

    assert same(known, member.code) == same(unknown, "AMM-9999")


def test_the_card_token_identifies_without_showing_anything(client, centre, kiosk_url):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    page = client.post(kiosk_url, {"code": member.card_token}, follow=True).content.decode()
    assert "You are checked in" in page and "Sita" not in page and member.code not in page
    visit = Visit.objects.get()
    assert visit.member == member and visit.channel == VisitChannel.KIOSK


def test_a_second_tap_logs_nothing_more(client, centre, kiosk_url):
    member = MemberFactory(centre=centre)
    for _tap in range(3):
        page = client.post(kiosk_url, {"code": member.card_token}, follow=True)
        assert "You are checked in" in page.content.decode()
    assert Visit.objects.filter(member=member).count() == 1
    # After the window the next tap is a new visit.
    Visit.objects.update(arrived_at=timezone.now() - CHECKIN_WINDOW - timedelta(seconds=1))
    client.post(kiosk_url, {"code": member.card_token})
    assert Visit.objects.filter(member=member).count() == 2


def test_the_card_carries_its_token_not_the_code(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    assert len(member.card_token) >= 24 and member.code not in member.card_token
    assert member.card_token_hash == hashlib.sha256(member.card_token.encode()).hexdigest()
    client.force_login(social_worker)
    page = client.get(reverse("member_card", args=[centre.pk, member.pk])).content.decode()
    assert str(qr_svg(member.card_token)) in page
    assert str(qr_svg(member.code)) not in page


def test_a_new_card_retires_the_old_one(client, social_worker, centre, kiosk_url):
    from django.test import Client

    member = MemberFactory(centre=centre)
    old = member.card_token
    staff = Client()  # the desk's computer; `client` is the kiosk
    staff.force_login(social_worker)
    renew = reverse("member_card_renew", args=[centre.pk, member.pk])
    assert staff.get(renew).status_code == 405
    response = staff.post(renew)
    assert response["Location"] == reverse("member_card", args=[centre.pk, member.pk])
    member.refresh_from_db()
    assert member.card_token != old
    client.post(kiosk_url, {"code": old})
    assert not Visit.objects.filter(member=member).exists()
    client.post(kiosk_url, {"code": member.card_token})
    assert Visit.objects.filter(member=member).count() == 1


def test_renewing_a_card_scoping_and_roles(client, cast, centre, other_centre):
    member = MemberFactory(centre=centre)
    theirs = MemberFactory(centre=other_centre)
    client.force_login(cast["manager"])
    assert client.post(reverse("member_card_renew", args=[centre.pk, theirs.pk])).status_code == 404
    client.force_login(cast["committee_member"])
    assert client.post(reverse("member_card_renew", args=[centre.pk, member.pk])).status_code == 403
    old = member.card_token
    member.refresh_from_db()
    assert member.card_token == old


def test_erasure_retires_the_card(client, centre, kiosk_url, social_worker):
    from members.actions import member_erase

    member = MemberFactory(centre=centre)
    token = member.card_token
    member_erase(member=member, by=social_worker)
    member.refresh_from_db()
    assert member.card_token == "" and member.card_token_hash == ""
    client.post(kiosk_url, {"code": token})
    assert Visit.objects.filter(member=None).count() == 1


def test_staff_may_scan_the_card_at_the_desk(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    client.post(reverse("visit_new", args=[centre.pk]), {"member": member.card_token})
    assert Visit.objects.get().member == member


def test_too_many_check_ins_ask_to_wait(client, settings, centre, kiosk_url, manager):
    settings.KIOSK_WRITES_PER_MINUTE = 3
    for _n in range(3):
        assert client.post(kiosk_url, {"code": ""}).status_code == 302
    response = client.post(kiosk_url, {"code": ""})
    assert response.status_code == 429
    assert "Too many check-ins came from this kiosk" in response.content.decode()
    assert Visit.objects.count() == 3
    # Reading the page is never refused.
    assert client.get(kiosk_url).status_code == 200
    kiosk = Kiosk.objects.get()
    client.force_login(manager)
    page = client.get(reverse("kiosk_activity", args=[centre.pk, kiosk.pk])).content.decode()
    assert "<dd>3</dd>" in page and "<dd>1</dd>" in page  # three check-ins, one refusal


def test_the_hourly_limit_holds_too(client, settings, kiosk_url):
    settings.KIOSK_WRITES_PER_HOUR = 2
    client.post(kiosk_url, {"code": ""})
    client.post(kiosk_url, {"code": ""})
    assert client.post(kiosk_url, {"code": ""}).status_code == 429
    assert Visit.objects.count() == 2


def test_the_activity_page_shows_counts_and_no_person(client, cast, centre, kiosk_url):
    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    client.post(kiosk_url, {"code": member.card_token})
    client.post(kiosk_url, {"code": member.card_token})
    client.post(kiosk_url, {"code": ""})
    kiosk = Kiosk.objects.get()
    url = reverse("kiosk_activity", args=[centre.pk, kiosk.pk])
    client.force_login(cast["manager"])
    page = client.get(url).content.decode()
    assert "<dd>2</dd>" in page and "<dd>1</dd>" in page  # two check-ins, one repeat
    for private in ["Sita", member.code, member.card_token]:
        assert private not in page
    kiosk.refresh_from_db()
    assert kiosk.last_used_at is not None
    assert client.post(url).status_code == 405
    for role in ["social_worker", "legal", "committee_member", "worker", "coordinator"]:
        client.force_login(cast[role])
        assert client.get(url).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404


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


def test_an_unpaired_or_switched_off_kiosk_is_refused(client, manager, centre, kiosk_url):
    from django.test import Client

    stranger = Client()
    assert stranger.get(kiosk_url).status_code == 404
    assert stranger.post(kiosk_url, {"code": ""}).status_code == 404
    client.force_login(manager)
    kiosk = Kiosk.objects.get()
    client.post(reverse("kiosk_revoke", args=[centre.pk, kiosk.pk]))
    client.logout()
    assert client.get(kiosk_url).status_code == 404
    assert client.post(kiosk_url, {"code": ""}).status_code == 404
    assert not Visit.objects.exists()


def test_the_code_and_the_secret_are_stored_only_as_hashes(client, manager, centre):
    from members.actions import kiosk_create
    from tests.devices import pair

    kiosk, code = kiosk_create(centre=centre, label="Door", by=manager)
    # A one-way hash: the stored value is the SHA-256 of the code, which no
    # encoding of the code (base64, hex) would be.
    assert kiosk.token_hash == hashlib.sha256(code.encode()).hexdigest()
    pair(client, code)
    kiosk.refresh_from_db()
    secret = client.cookies["wc_kiosk"].value.split(":")[0]
    assert secret not in kiosk.token_hash
    assert kiosk.token_hash == hashlib.sha256(secret.encode()).hexdigest()


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


def test_taps_without_a_card_in_quick_succession_count_one_visit(
    client, settings, centre, kiosk_url
):
    """ "I'm here" tapped three times in two seconds (each on the page the last one
    answered with) is one person; everyone is still welcomed, and a card still counts."""
    from django.core.cache import cache

    from centres.submissions import FIELD, new_key

    settings.KIOSK_ANONYMOUS_REPEAT_SECONDS = 5
    for _tap in range(3):
        page = client.post(kiosk_url, {"code": "", FIELD: new_key()}, follow=True)
        assert "You are checked in" in page.content.decode()
    assert Visit.objects.count() == 1
    member = MemberFactory(centre=centre)
    client.post(kiosk_url, {"code": member.card_token, FIELD: new_key()})
    assert Visit.objects.filter(member=member).count() == 1
    cache.clear()  # the seconds have passed: the next person is counted
    client.post(kiosk_url, {"code": "", FIELD: new_key()})
    assert Visit.objects.filter(member=None).count() == 2


def test_a_group_checks_in_together_as_one_head_count(client, settings, centre, kiosk_url):
    """Four workers arriving together tap once and say how many they are: one head-count
    of four people, not one person (the cool-down used to swallow the others)."""
    from centres.submissions import FIELD, new_key

    settings.KIOSK_ANONYMOUS_REPEAT_SECONDS = 5
    page = client.get(kiosk_url).content.decode()
    for n in range(1, 11):
        assert f'name="people" value="{n}"' in page
    assert 'name="people" value="1" class="big-choice" id="id_people_0" checked' in page
    response = client.post(kiosk_url, {"code": "", "people": "4", FIELD: new_key()}, follow=True)
    assert "You are checked in" in response.content.decode()
    visit = Visit.objects.get()
    assert visit.people == 4 and visit.member is None
    # A double tap of the same choice within the window is the same group.
    client.post(kiosk_url, {"code": "", "people": "4", FIELD: new_key()})
    assert Visit.objects.count() == 1
    # Another group choosing another number a second later is counted.
    client.post(kiosk_url, {"code": "", "people": "2", FIELD: new_key()})
    assert sorted(Visit.objects.values_list("people", flat=True)) == [2, 4]


def test_a_member_with_a_card_and_companions(client, centre, kiosk_url):
    """A card identifies its holder; the people with them are counted anonymously."""
    member = MemberFactory(centre=centre)
    client.post(kiosk_url, {"code": member.card_token, "people": "3"})
    assert Visit.objects.get(member=member).people == 1
    assert Visit.objects.get(member=None).people == 2


@pytest.mark.parametrize("people", ["0", "11", "x", "\x00", "-1", "99999999999999999999"])
def test_a_bad_number_of_people_is_refused_and_nothing_is_logged(client, kiosk_url, people):
    response = client.post(kiosk_url, {"code": "", "people": people})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Visit.objects.exists()
