"""The merge pages: from a member's page (or a look-alike) to the record to keep, a
confirmation of what moves (counts only), and the merge on its confirmed POST."""

import pytest
from django.urls import reverse

from centres.models import AuditEntry
from centres.submissions import FIELD, new_key
from centres.templatetags.bidi import isolated
from members.actions import booth_check_in, booth_device_create, member_erase, member_merge
from members.models import Member, Visit

from ..factories import CommitteeFactory, MemberFactory, VisitFactory, open_ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(centre):
    keep = MemberFactory(centre=centre, preferred_name="Amina Rahman", phone="0795550101")
    absorb = MemberFactory(centre=centre, preferred_name="Amina R.", phone="0795550101")
    VisitFactory(centre=centre, member=absorb)
    VisitFactory(centre=centre, member=absorb)
    return keep, absorb


def _url(member, **query):
    url = reverse("member_merge", args=[member.centre_id, member.pk])
    return url + (f"?into={query['into']}" if query else "")


def _confirm(client, keep, absorb, **extra):
    return client.post(_url(absorb), {"keep": keep.pk, "confirm": "yes", **extra})


def _merged(member) -> bool:
    member.refresh_from_db()
    return member.merged_into_id is not None


def test_the_member_page_offers_the_look_alike_and_the_page_says_what_moves(client, manager, twins):
    keep, absorb = twins
    client.force_login(manager)
    detail = client.get(reverse("member_detail", args=[absorb.centre_id, absorb.pk]))
    assert _url(absorb, into=keep.code) in detail.content.decode()
    chooser = client.get(_url(absorb))
    assert chooser.context["look_alikes"] == [keep]
    page = client.get(_url(absorb, into=keep.code))
    assert page.status_code == 200
    moves = {str(label): n for label, n in page.context["moves"]}
    assert moves == {"Visits": 2}
    assert not _merged(absorb)  # a GET changes nothing


def test_the_confirmation_shows_counts_and_no_other_persons_data(client, manager, twins, centre):
    keep, absorb = twins
    stranger = MemberFactory(centre=centre, preferred_name="Zeinab Haddad")
    VisitFactory(centre=centre, member=stranger)
    client.force_login(manager)
    page = client.get(_url(absorb, into=keep.code)).content.decode()
    assert "Zeinab" not in page and stranger.code not in page


def test_a_typed_code_in_another_script_finds_the_record(client, manager, twins):
    keep, absorb = twins
    client.force_login(manager)
    arabic = keep.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")).lower()
    assert client.get(_url(absorb, into=arabic)).context["keep"] == keep


@pytest.mark.parametrize("typed", ["{p} {n}", "{p}{n}", "{p}\u2013{n}", " {p}_{n} "])
def test_a_code_typed_with_a_space_or_another_dash_finds_the_record(client, manager, twins, typed):
    keep, absorb = twins
    client.force_login(manager)
    prefix, number = keep.code.split("-")
    into = typed.format(p=prefix.lower(), n=number)
    assert client.get(_url(absorb), {"into": into}).context["keep"] == keep


def test_a_nul_byte_in_the_typed_code_is_a_clear_refusal(client, manager, twins):
    _keep, absorb = twins
    client.force_login(manager)
    page = client.get(_url(absorb), {"into": "a\x00b@example.org"})
    assert page.status_code == 200 and page.context["keep"] is None
    assert "No member of this centre has the code" in page.content.decode()


def test_the_confirmed_post_merges_and_goes_to_the_record_kept(client, manager, twins):
    keep, absorb = twins
    client.force_login(manager)
    response = _confirm(client, keep, absorb)
    assert response.status_code == 302
    assert response["Location"] == reverse("member_detail", args=[keep.centre_id, keep.pk])
    assert _merged(absorb) and Visit.objects.filter(member=keep).count() == 2
    page = client.get(reverse("member_detail", args=[absorb.centre_id, absorb.pk]))
    assert f"into {isolated(keep.code)}" in page.content.decode()


def test_the_register_page_offers_to_merge_two_look_alikes(client, manager, twins, centre):
    keep, absorb = twins
    client.force_login(manager)
    page = client.post(
        reverse("member_register", args=[centre.pk]),
        {"preferred_name": "Someone", "phone": "0795550101", "safe_to_contact": "on"},
    ).content.decode()
    assert _url(absorb, into=keep.code) in page


def test_a_double_submit_merges_once(client, manager, twins):
    keep, absorb = twins
    client.force_login(manager)
    key = new_key()
    first = _confirm(client, keep, absorb, **{FIELD: key})
    second = _confirm(client, keep, absorb, **{FIELD: key})
    assert first.status_code == second.status_code == 302
    # Without the form's key (a page left open): told it is done, nothing again.
    third = _confirm(client, keep, absorb)
    assert third.status_code == 302
    assert AuditEntry.objects.filter(changes__icontains="merged").count() == 1


def test_another_centres_manager_finds_nothing(client, outsider, twins):
    keep, absorb = twins
    client.force_login(outsider)
    assert client.get(_url(absorb)).status_code == 404
    assert _confirm(client, keep, absorb).status_code == 404
    assert not _merged(absorb)


def test_another_centres_record_to_keep_is_not_found(client, manager, twins, other_centre):
    keep, absorb = twins
    elsewhere = MemberFactory(centre=other_centre)
    client.force_login(manager)
    assert _confirm(client, elsewhere, absorb).status_code == 404
    page = client.get(_url(absorb, into=elsewhere.code))
    assert page.context["keep"] is None and page.context["error"]
    assert not _merged(absorb)


@pytest.mark.parametrize("role", ["social_worker", "legal", "committee_member", "worker"])
def test_only_the_manager_merges(client, cast, twins, role):
    keep, absorb = twins
    client.force_login(cast[role])
    assert client.get(_url(absorb)).status_code == 403
    assert _confirm(client, keep, absorb).status_code == 403
    assert not _merged(absorb)
    detail = client.get(reverse("member_detail", args=[absorb.centre_id, absorb.pk]))
    assert _url(absorb) not in detail.content.decode()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client, manager, twins, method):
    keep, absorb = twins
    client.force_login(manager)
    assert getattr(client, method)(_url(absorb)).status_code == 405
    assert not _merged(absorb)


@pytest.mark.parametrize("case", ["itself", "erased", "unknown code", "no record", "unconfirmed"])
def test_bad_input_says_why_and_saves_nothing(client, manager, twins, case):
    keep, absorb = twins
    client.force_login(manager)
    if case == "itself":
        response = _confirm(client, absorb, absorb)
        assert "different records" in response.content.decode()
        assert client.get(_url(absorb, into=absorb.code)).context["keep"] is None
    elif case == "erased":
        member_erase(member=keep, by=manager)
        response = _confirm(client, keep, absorb)
        assert "erased or merged" in response.content.decode()
    elif case == "unknown code":
        response = client.get(_url(absorb, into="AMM-9999"))
        assert (
            "No member of this centre has the code \u2068AMM-9999\u2069"
            in response.content.decode()
        )
    elif case == "no record":
        response = client.post(_url(absorb), {"keep": "x", "confirm": "yes"})
        assert "Choose the record to keep" in response.content.decode()
    else:
        response = client.post(_url(absorb), {"keep": keep.pk})
        assert "Confirm that both records" in response.content.decode()
    assert response.status_code == 200
    assert not _merged(absorb) and Visit.objects.filter(member=absorb).count() == 2
    # The refusal came from the rule: the valid request goes through afterwards.
    if case not in ("erased",):
        assert _confirm(client, keep, absorb).status_code == 302 and _merged(absorb)


def test_an_erased_record_cannot_be_absorbed(client, manager, twins):
    keep, absorb = twins
    member_erase(member=absorb, by=manager)
    client.force_login(manager)
    response = _confirm(client, keep, absorb)
    assert response.status_code == 302
    assert not _merged(absorb)
    assert Member.objects.get(pk=keep.pk).erased_at is None


def test_the_confirmation_says_the_account_moves(client, manager, worker, twins):
    keep, absorb = twins
    Member.objects.filter(pk=absorb.pk).update(account=worker)
    client.force_login(manager)
    page = client.get(_url(absorb, into=keep.code))
    assert page.context["account_moves"] and "is linked to" in page.content.decode()


def test_two_accounts_are_refused_before_the_merge_is_confirmed(
    client, manager, worker, social_worker, twins
):
    keep, absorb = twins
    Member.objects.filter(pk=absorb.pk).update(account=worker)
    Member.objects.filter(pk=keep.pk).update(account=social_worker)
    client.force_login(manager)
    shown = client.get(_url(absorb, into=keep.code))
    assert "a person keeps one account" in shown.context["error"]
    _assert_chooser_not_confirmation(shown)
    refused = _confirm(client, keep, absorb)
    assert refused.status_code == 200 and "a person keeps one account" in refused.content.decode()
    _assert_chooser_not_confirmation(refused)
    assert not _merged(absorb)


def _assert_chooser_not_confirmation(page):
    """The refusal stands above the form that chooses the record to keep, never above
    a confirmation that cannot succeed."""
    html = page.content.decode()
    assert page.context["keep"] is None
    assert 'name="into"' in html and 'name="confirm"' not in html


@pytest.mark.parametrize("case", ["itself", "erased", "merged", "booth"])
def test_a_record_that_cannot_be_kept_is_refused_with_the_choosing_form(
    client, manager, twins, centre, case
):
    keep, absorb = twins
    if case == "itself":
        keep = absorb
    elif case == "erased":
        member_erase(member=keep, by=manager)
    elif case == "merged":
        third = MemberFactory(centre=centre)
        member_merge(centre=centre, by=manager, keep=third, absorb=keep)
    else:
        device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
        ballot = open_ballot(CommitteeFactory(centre=centre))
        booth_check_in(ballot=ballot, member=absorb, device=device, by=manager)
    client.force_login(manager)
    refused = _confirm(client, keep, absorb)  # a tampered or stale POST
    assert refused.status_code == 200 and refused.context["error"]
    _assert_chooser_not_confirmation(refused)
    if case != "itself":  # the chooser is what the tampered POST skipped
        _assert_chooser_not_confirmation(client.get(_url(absorb, into=keep.code)))
    assert not _merged(absorb) and Visit.objects.filter(member=absorb).count() == 2


def test_a_short_code_finds_the_record_and_a_merged_one_names_the_kept(
    client, manager, centre, twins
):
    keep, absorb = twins
    third = MemberFactory(centre=centre, preferred_name="Amina Rahmān")
    client.force_login(manager)
    prefix, number = keep.code.split("-")
    short = f"{prefix.lower()} {int(number)}"  # "amm 4" for AMM-0004
    assert client.get(_url(absorb), {"into": short}).context["keep"] == keep
    assert keep in Member.objects.for_centre(centre).search(short, by_phone=False)
    member_merge(centre=centre, by=manager, keep=keep, absorb=absorb)
    page = client.get(_url(third), {"into": absorb.code}).content.decode()
    assert f"merged into {isolated(keep.code)}: use {isolated(keep.code)} instead" in page
