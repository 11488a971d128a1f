"""Voting at the booth: an officer checks a member in, the booth takes exactly one ballot."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from centres.models import AuditEntry
from centres.templatetags.bidi import isolated
from members.actions import (
    ballot_cast,
    booth_check_in,
    booth_device_create,
    booth_vote,
    polling_officer_name,
)
from members.models import BoothPass, Participation, Receipt, Vote

from ..devices import pair, paired_booth
from ..factories import CommitteeFactory, MemberFactory, centre_today, close_voting, open_ballot


@pytest.fixture
def voter(centre):
    return MemberFactory(centre=centre, preferred_name="Sita Rai")


@pytest.fixture
def ballot(centre, voter):
    return open_ballot(CommitteeFactory(centre=centre))


@pytest.fixture
def device(centre, manager):
    """A booth device, with `tablet`: a client paired with it."""
    tablet = Client()
    device = paired_booth(tablet, centre, by=manager)
    device.tablet = tablet
    return device


def _polling(ballot):
    return reverse("ballot_polling", args=[ballot.committee.centre_id, ballot.pk])


def _booth():
    return reverse("booth")


def test_check_in_opens_one_ballot_and_the_booth_takes_one_vote(
    client, centre, committee_member, voter, ballot, device
):
    client.force_login(committee_member)
    page = client.get(_polling(ballot))
    assert page.status_code == 200 and "Check a member in" in page.content.decode()
    response = client.post(_polling(ballot), {"code": voter.code.lower(), "device": device.pk})
    assert response.status_code == 302
    booth_pass = BoothPass.objects.get()
    assert booth_pass.member == voter and booth_pass.device == device

    client.logout()  # the booth is an anonymous tablet
    shown = device.tablet.get(_booth()).content.decode()
    assert ballot.question in shown and voter.preferred_name not in shown
    assert voter.code not in shown
    option = ballot.options.first()
    vote = {"choices": [option.pk], "pass": booth_pass.pk}
    done = device.tablet.post(_booth(), vote)
    code = re.search(r"receipt-code\"><code[^>]*>([A-Z0-9-]+)<", done.content.decode()).group(1)
    assert Receipt.objects.get().code == code
    # Sent twice (or left open for the next voter): refused, nothing more stored.
    again = device.tablet.post(_booth(), vote, follow=True)
    assert "already cast or cancelled" in again.content.decode()
    assert Participation.objects.get().channel == "booth"
    assert Vote.objects.count() == Receipt.objects.count() == 1
    assert not BoothPass.objects.exists()
    assert "polling officer will open your ballot" in device.tablet.get(_booth()).content.decode()

    client.force_login(committee_member)
    officer_view = client.get(_polling(ballot)).content.decode()
    assert voter.code in officer_view and "voted" in officer_view
    assert option.label not in officer_view  # the officer sees only "voted"


def test_a_form_left_open_for_the_next_voter_is_refused(centre, manager, ballot, device):
    first, second = MemberFactory(centre=centre), MemberFactory(centre=centre)
    ballot = open_ballot(ballot.committee, question="Second question")
    option = ballot.options.first()
    old = booth_check_in(ballot=ballot, member=first, device=device, by=manager)
    booth_vote(device=device, pass_id=old.pk, choices=[option.pk])
    booth_check_in(ballot=ballot, member=second, device=device, by=manager)
    with pytest.raises(ValidationError, match="already cast"):
        booth_vote(device=device, pass_id=old.pk, choices=[option.pk])
    assert Participation.objects.filter(member=second).count() == 0


def test_assisted_voting_is_counted_as_assisted_and_reveals_nothing(
    centre, manager, voter, ballot, device
):
    booth_pass = booth_check_in(
        ballot=ballot, member=voter, device=device, by=manager, assisted=True
    )
    booth_vote(device=device, pass_id=booth_pass.pk, choices=[ballot.options.first().pk])
    participation = Participation.objects.get()
    assert participation.assisted and participation.channel == "booth"
    assert {f.name for f in Vote._meta.concrete_fields} == {"id", "ballot", "choices"}


def test_second_vote_through_any_channel_is_refused(centre, manager, voter, ballot, device):
    ballot_cast(ballot=ballot, member=voter, choices=[ballot.options.first().pk])
    with pytest.raises(ValidationError, match="already voted"):
        booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    other = MemberFactory(centre=centre)
    ballot = open_ballot(ballot.committee, question="Another")
    booth_pass = booth_check_in(ballot=ballot, member=other, device=device, by=manager)
    ballot_cast(ballot=ballot, member=other, choices=[ballot.options.first().pk])  # by phone
    with pytest.raises(ValidationError, match="already voted"):
        booth_vote(device=device, pass_id=booth_pass.pk, choices=[ballot.options.first().pk])
    assert Participation.objects.filter(member=other).count() == 1


def test_check_in_refusals(client, centre, other_centre, committee_member, voter, ballot, device):
    late = MemberFactory(centre=centre)  # registered after the roll froze
    elsewhere = MemberFactory(centre=other_centre)
    client.force_login(committee_member)
    cases = [
        ({"code": late.code, "device": device.pk}, "not on the roll"),
        ({"code": elsewhere.code, "device": device.pk}, "No member of this centre"),
        ({"code": "", "device": device.pk}, "This field is required"),
        ({"code": voter.code, "device": 999999}, "This booth is not free"),
    ]
    for data, message in cases:
        assert message in client.post(_polling(ballot), data).content.decode()
    assert not BoothPass.objects.exists()
    client.post(_polling(ballot), {"code": voter.code, "device": device.pk})
    busy = client.post(_polling(ballot), {"code": voter.code, "device": device.pk})
    assert "This booth is not free" in busy.content.decode()
    assert BoothPass.objects.count() == 1


def test_a_merged_code_names_the_record_kept_and_a_short_code_is_found(
    client, centre, manager, committee_member, voter, ballot, device
):
    from members.merging import member_merge

    second = MemberFactory(centre=centre, preferred_name="Sita R.")
    member_merge(centre=centre, by=manager, keep=voter, absorb=second)
    client.force_login(committee_member)
    merged = client.post(_polling(ballot), {"code": second.code, "device": device.pk})
    code = isolated(voter.code)
    assert f"merged into {code}: use {code} instead" in merged.content.decode()
    assert not BoothPass.objects.exists()
    prefix, number = voter.code.split("-")
    short = f"{prefix.lower()} {int(number)}"  # "amm 4" for AMM-0004
    client.post(_polling(ballot), {"code": short, "device": device.pk})
    assert BoothPass.objects.get().member == voter


def test_only_free_booths_are_offered(
    client, centre, manager, committee_member, voter, ballot, device
):
    free, _token = booth_device_create(centre=centre, label="Booth 2", by=manager)
    booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    client.force_login(committee_member)
    page = client.get(_polling(ballot))
    assert list(page.context["form"].fields["device"].queryset) == [free]
    select = re.search(r'<select name="device".*?</select>', page.content.decode(), re.S)
    assert "Booth 2" in select.group() and "Booth 1" not in select.group()
    other = MemberFactory(centre=centre)
    ballot.roll.create(member=other)
    booth_check_in(ballot=ballot, member=other, device=free, by=manager)
    full = client.get(_polling(ballot)).content.decode()
    assert "No booth is free" in full and "Open the ballot on the booth" not in full


def test_a_member_waits_at_one_booth_only(centre, manager, voter, ballot, device):
    other_device, _token = booth_device_create(centre=centre, label="Booth 2", by=manager)
    booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    with pytest.raises(ValidationError, match="already checked in at .*Booth 1"):
        booth_check_in(ballot=ballot, member=voter, device=other_device, by=manager)


def test_check_in_leaves_no_trace_in_the_audit_trail(centre, manager, voter, ballot, device):
    before = AuditEntry.objects.count()
    booth_pass = booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    booth_vote(device=device, pass_id=booth_pass.pk, choices=[ballot.options.first().pk])
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", ["manager", "social_worker", "worker", "legal"])
def test_only_officers_check_in(client, cast, voter, ballot, device, role):
    client.force_login(cast[role])
    response = client.post(_polling(ballot), {"code": voter.code, "device": device.pk})
    assert response.status_code == 403
    assert client.get(_polling(ballot)).status_code == 403
    assert not BoothPass.objects.exists()


def test_staff_named_by_the_committee_become_officers(
    client, cast, committee_member, social_worker, voter, ballot, device
):
    url = reverse("polling_officer_name", args=[ballot.committee.centre_id, ballot.pk])
    client.force_login(social_worker)
    assert client.post(url, {"officer-user": social_worker.pk}).status_code == 403
    client.force_login(committee_member)
    assert client.get(url).status_code == 405
    bad = client.post(url, {"officer-user": cast["worker"].pk})
    assert "Choose a member of the centre&#x27;s staff" in bad.content.decode()
    assert client.post(url, {"officer-user": social_worker.pk}).status_code == 302
    again = client.post(url, {"officer-user": social_worker.pk})  # a page left open
    assert again.status_code == 200
    assert "who is not yet a polling officer for this ballot" in again.content.decode()
    assert ballot.polling_officers.count() == 1
    client.force_login(social_worker)
    assert (
        client.post(_polling(ballot), {"code": voter.code, "device": device.pk}).status_code == 302
    )
    assert BoothPass.objects.count() == 1


def test_the_returning_officer_is_an_officer_and_only_staff_are_named(
    centre, manager, legal, worker
):
    from datetime import timedelta

    from django.utils import timezone

    from members.models import Election

    ballot = open_ballot(CommitteeFactory(centre=centre))
    assert not legal.has_perm("members.officiate_ballot", ballot)
    now = timezone.now()
    Election.objects.create(
        ballot=ballot,
        nominations_open_at=now - timedelta(days=9),
        nominations_close_at=now - timedelta(days=2),
        term_starts_on=centre_today() + timedelta(days=9),  # once voting has closed
        term_ends_on=centre_today() + timedelta(days=700),
        returning_officer=legal,
    )
    assert legal.has_perm("members.officiate_ballot", ballot)
    with pytest.raises(ValidationError, match="Only the centre's staff"):
        polling_officer_name(ballot=ballot, user=worker, by=manager)
    assert not worker.has_perm("members.officiate_ballot", ballot)


def test_polling_pages_of_another_centre_are_not_found(client, outsider, voter, ballot, device):
    client.force_login(outsider)
    assert client.get(_polling(ballot)).status_code == 404
    cancel = reverse("booth_pass_cancel", args=[ballot.committee.centre_id, ballot.pk, 1])
    assert client.post(cancel).status_code == 404
    assert (
        client.get(reverse("booth_devices", args=[ballot.committee.centre_id])).status_code == 404
    )


def test_officer_cancels_a_pass_once(client, committee_member, manager, voter, ballot, device):
    booth_pass = booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    url = reverse("booth_pass_cancel", args=[ballot.committee.centre_id, ballot.pk, booth_pass.pk])
    client.force_login(committee_member)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # the second click changes nothing
    assert not BoothPass.objects.exists()
    assert BoothPass.objects.count() == 0 and not Participation.objects.exists()


def test_closing_ends_waiting_passes(centre, manager, voter, ballot, device):
    booth_pass = booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    close_voting(ballot=ballot, by=None)
    with pytest.raises(ValidationError, match="already cast or cancelled"):
        booth_vote(device=device, pass_id=booth_pass.pk, choices=[ballot.options.first().pk])


def test_booth_device_pages(client, centre, manager, worker, device):
    url = reverse("booth_devices", args=[centre.pk])
    client.force_login(worker)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    assert client.put(url).status_code == 405
    assert "Where is this booth" in client.post(url, {"label": ""}).content.decode()
    created = client.post(url, {"label": "Booth 2"}, follow=True).content.decode()
    code = re.search(r'<code class="pairing-code"[^>]*>([^<]+)</code>', created).group(1)
    tablet = Client()
    pair(tablet, code, "booth")
    assert tablet.get(reverse("booth")).status_code == 200
    revoke = reverse("booth_device_revoke", args=[centre.pk, device.pk])
    assert client.get(revoke).status_code == 405
    client.post(revoke)
    client.post(revoke)
    assert device.tablet.get(_booth()).status_code == 404


def test_the_booth_survives_bad_input(client, manager, voter, ballot, device):
    assert client.get("/booth/").status_code == 404  # not a booth
    assert device.tablet.delete(_booth()).status_code == 405
    booth_pass = booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    for data in [
        {},
        {"pass": "x" * 50, "choices": ["1"]},
        {"pass": booth_pass.pk, "choices": ["abc"]},
    ]:
        assert device.tablet.post(_booth(), data).status_code == 200
    assert not Participation.objects.exists() and BoothPass.objects.count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_booth_submits_record_one_vote(centre, manager):
    import threading

    from django.db import connection

    voter = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre))
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    booth_pass = booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    option = ballot.options.first()
    barrier = threading.Barrier(50)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            booth_vote(device=device, pass_id=booth_pass.pk, choices=[option.pk])
            outcomes.append("voted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("voted") == 1 and outcomes.count("refused") == 49
    assert Participation.objects.count() == Vote.objects.count() == Receipt.objects.count() == 1


def test_a_named_officer_who_leaves_the_staff_no_longer_officiates(centre, manager, social_worker):
    """Being on the ballot's list of officers is not enough: the officer must still
    hold a staff role at the centre (a stale role opens nothing)."""
    from centres.models import CentreRole, User

    ballot = open_ballot(CommitteeFactory(centre=centre))
    polling_officer_name(ballot=ballot, user=social_worker, by=manager)
    assert User.objects.get(pk=social_worker.pk).has_perm("members.officiate_ballot", ballot)
    CentreRole.objects.filter(user=social_worker, centre=centre).delete()
    assert ballot.polling_officers.filter(user=social_worker).exists()
    assert not User.objects.get(pk=social_worker.pk).has_perm("members.officiate_ballot", ballot)


def test_nobody_signed_out_officiates(centre):
    from django.contrib.auth.models import AnonymousUser

    ballot = open_ballot(CommitteeFactory(centre=centre))
    assert not AnonymousUser().has_perm("members.officiate_ballot", ballot)
