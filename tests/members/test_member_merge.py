"""Merging two records of one person (`member_merge`): everything the absorbed record
holds moves to the kept one, the stricter consent wins, a person keeps one place on a
ballot's roll and one vote, the roll-ups follow, and one audit row names no one."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advocacy import actions as case_actions
from advocacy.models import Comment, Grievance
from centres.models import AuditEntry
from members import rollups
from members.actions import (
    ballot_cast,
    consent_withdraw,
    member_erase,
    member_merge,
    seat_fill,
)
from members.governance.models import Participation, RollEntry, Seat, SeatTerm
from members.models import Consent, ConsentPurpose, Member, Visit, VisitCount, VisitDay
from services.actions import booking_create, request_create
from services.models import Booking, BookingStatus, ServiceRequest
from tests.factories import (
    CommentFactory,
    CommitteeFactory,
    MemberFactory,
    SessionFactory,
    VisitFactory,
    centre_today,
    close_voting,
    open_ballot,
)

pytestmark = pytest.mark.django_db
AMMAN = ZoneInfo("Asia/Amman")


@pytest.fixture
def twins(centre):
    """Two records of one person: the one kept and the one absorbed."""
    keep = MemberFactory(centre=centre, preferred_name="Amina Rahman", phone="0795550101")
    absorb = MemberFactory(centre=centre, preferred_name="Amina R.", phone="0795550101")
    return keep, absorb


def merge(centre, manager, keep, absorb):
    return member_merge(centre=centre, by=manager, keep=keep, absorb=absorb)


def test_visits_bookings_requests_cases_and_feedback_move(centre, manager, twins):
    keep, absorb = twins
    VisitFactory(centre=centre, member=absorb)
    VisitFactory(centre=centre, member=keep)
    booking_create(session=SessionFactory(service__centre=centre), member=absorb, by=manager)
    request_create(centre=centre, by=manager, member=absorb, wish="Childcare on Fridays")
    case = case_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=manager,
        member=absorb,
        narrative="Wages unpaid",
        issue_types=["wage_theft"],
        assignees=[manager],
    )
    comment = CommentFactory(centre=centre, member=absorb, contact_wanted=True)

    merge(centre, manager, keep, absorb)

    assert Visit.objects.filter(member=keep).count() == 2
    assert not Visit.objects.filter(member=absorb).exists()
    assert Booking.objects.get().member == keep
    assert ServiceRequest.objects.get().member == keep
    assert Grievance.objects.get(pk=case.pk).member == keep
    assert Comment.objects.get(pk=comment.pk).member == keep


def test_the_absorbed_record_is_kept_merged_without_personal_data(centre, manager, twins):
    keep, absorb = twins
    merge(centre, manager, keep, absorb)
    absorb.refresh_from_db()
    assert absorb.merged_into == keep and absorb.erased_at is not None
    assert absorb.preferred_name == "—" and absorb.phone == "" and absorb.phone_digest == ""
    assert absorb.card_token_hash == ""
    assert Member.objects.count() == 2
    assert list(Member.objects.active()) == [keep]


@pytest.mark.parametrize(
    ("keep_has", "absorb_has", "kept"),
    [
        ({"services", "statistics"}, {"services", "statistics"}, {"services", "statistics"}),
        ({"services", "statistics"}, {"services"}, {"services"}),
        ({"services"}, {"services", "statistics", "referral"}, {"services"}),
        ({"services", "referral"}, set(), set()),
    ],
    ids=["both", "absorbed lacks one", "kept lacks some", "absorbed has none"],
)
def test_the_stricter_consent_wins(centre, manager, keep_has, absorb_has, kept):
    keep = MemberFactory(centre=centre, consents=sorted(keep_has))
    absorb = MemberFactory(centre=centre, consents=sorted(absorb_has))
    merge(centre, manager, keep, absorb)
    assert set(keep.consents.current().values_list("purpose", flat=True)) == kept
    assert not absorb.consents.current().exists()


def test_a_withdrawn_consent_on_the_absorbed_record_is_not_given_again(centre, manager, twins):
    keep, absorb = twins
    consent_withdraw(member=absorb, purpose=ConsentPurpose.STATISTICS, by=manager)
    merge(centre, manager, keep, absorb)
    assert not keep.consents.current().filter(purpose=ConsentPurpose.STATISTICS).exists()
    # The history stays: what each record was told and when it ended.
    assert Consent.objects.filter(member=keep, purpose=ConsentPurpose.STATISTICS).count() == 1


def _on(day, hour=10):
    return datetime.combine(day, datetime.min.time(), tzinfo=AMMAN) + timedelta(hours=hour)


def test_the_days_rolled_up_are_rolled_up_again(amman, manager):
    keep = MemberFactory(centre=amman, consents=["services", "statistics"])
    absorb = MemberFactory(centre=amman, consents=["services"])  # never counted
    kept_day = centre_today() - timedelta(days=3)
    absorbed_day = kept_day - timedelta(days=1)
    VisitFactory(centre=amman, member=keep, arrived_at=_on(kept_day))
    VisitFactory(centre=amman, member=absorb, arrived_at=_on(absorbed_day))
    assert rollups.visit_tables(amman, absorbed_day, kept_day)["visits.kind"] == {"identified": 1}
    assert VisitDay.objects.filter(centre=amman).count() == 2

    merge(amman, manager, keep, absorb)

    # One record did not consent to statistics: the person is no longer counted, in
    # any day of either record that was rolled up.
    assert not VisitDay.objects.filter(centre=amman).exists()
    assert rollups.visit_tables(amman, absorbed_day, kept_day)["visits.kind"] == {}
    assert not VisitCount.objects.filter(centre=amman, table="visits.kind").exists()


@pytest.fixture
def amman(centre):
    centre.time_zone = "Asia/Amman"
    centre.save()
    return centre


def test_a_seat_moves_and_its_role_follows_the_kept_account(centre, manager, worker, twins):
    keep, absorb = twins
    absorb.account = worker
    absorb.save()
    seat = Seat.objects.create(committee=CommitteeFactory(centre=centre), title="chair")
    today = centre_today()
    seat_fill(seat=seat, member=absorb, by=manager, starts_on=today, ends_on=today + timedelta(90))

    merge(centre, manager, keep, absorb)

    keep.refresh_from_db()
    assert SeatTerm.objects.get().member == keep
    assert keep.account == worker  # the only account moves with the person
    assert worker.centre_roles.filter(centre=centre, role="committee_member").exists()


def test_two_accounts_are_refused_and_nothing_moves(centre, manager, worker, social_worker, twins):
    keep, absorb = twins
    keep.account, absorb.account = worker, social_worker
    keep.save()
    absorb.save()
    VisitFactory(centre=centre, member=absorb)
    with pytest.raises(ValidationError):
        merge(centre, manager, keep, absorb)
    assert Visit.objects.get().member == absorb


@pytest.fixture
def ballot(centre, twins):
    return open_ballot(CommitteeFactory(centre=centre))


def _vote(ballot, member):
    return ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])


def test_both_on_one_roll_keep_one_entry(centre, manager, twins, ballot):
    keep, absorb = twins
    merge(centre, manager, keep, absorb)
    assert list(RollEntry.objects.filter(ballot=ballot).values_list("member", flat=True)) == [
        keep.pk
    ]
    _vote(ballot, keep)
    with pytest.raises(ValidationError):
        _vote(ballot, keep)


def test_a_vote_cast_with_the_absorbed_record_counts_for_the_person(centre, manager, twins, ballot):
    keep, absorb = twins
    _vote(ballot, absorb)
    merge(centre, manager, keep, absorb)
    assert Participation.objects.get(ballot=ballot).member == keep
    with pytest.raises(ValidationError, match="already voted"):
        _vote(ballot, keep)
    with pytest.raises(ValidationError):
        _vote(ballot, absorb)


def test_two_votes_cast_before_the_merge_stay_and_neither_record_votes_again(
    centre, manager, twins, ballot
):
    keep, absorb = twins
    _vote(ballot, keep)
    _vote(ballot, absorb)
    merge(centre, manager, keep, absorb)
    assert Participation.objects.filter(ballot=ballot).count() == 2
    for member in (keep, absorb):
        with pytest.raises(ValidationError):
            _vote(ballot, member)


def test_only_the_absorbed_record_on_the_roll_gives_the_person_its_place(centre, manager, ballot):
    absorb = Member.objects.get(pk=RollEntry.objects.filter(ballot=ballot).first().member_id)
    keep = MemberFactory(centre=centre)  # registered after the roll froze
    merge(centre, manager, keep, absorb)
    _vote(ballot, keep)
    assert Participation.objects.get(ballot=ballot).member == keep


def test_a_closed_ballot_keeps_its_published_roll(centre, manager, twins, ballot):
    keep, absorb = twins
    _vote(ballot, absorb)
    close_voting(ballot=ballot, by=None)
    merge(centre, manager, keep, absorb)
    assert RollEntry.objects.filter(ballot=ballot).count() == 2
    assert Participation.objects.get(ballot=ballot).member == absorb


def test_two_live_bookings_of_one_session_keep_the_place(centre, manager, twins):
    keep, absorb = twins
    session = SessionFactory(service__centre=centre, capacity=1)
    waiting = booking_create(session=session, member=keep, by=manager)  # gets the place
    booking_create(session=session, member=absorb, by=manager)
    assert waiting.status == BookingStatus.BOOKED
    merge(centre, manager, keep, absorb)
    live = Booking.objects.live().filter(session=session)
    assert [(b.member, b.status, b.attended) for b in live] == [
        (keep, BookingStatus.BOOKED, None)  # nobody marked them: still not marked
    ]


def test_two_places_held_free_one_for_the_waiting_list(centre, manager, twins):
    keep, absorb = twins
    session = SessionFactory(service__centre=centre, capacity=2)
    booking_create(session=session, member=keep, by=manager)
    booking_create(session=session, member=absorb, by=manager)
    third = booking_create(session=session, member=MemberFactory(centre=centre), by=manager)
    assert third.status == BookingStatus.WAITING
    merge(centre, manager, keep, absorb)
    third.refresh_from_db()
    assert third.status == BookingStatus.BOOKED
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 2


def test_one_audit_row_names_records_by_id_only(centre, manager, twins):
    keep, absorb = twins
    VisitFactory(centre=centre, member=absorb)
    before = AuditEntry.objects.count()
    merge(centre, manager, keep, absorb)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.actor == manager and entry.centre_id == centre.pk
    assert entry.changes_dict["merged"] == [str(absorb.pk), str(keep.pk)]
    text = str(entry.changes) + entry.object_repr
    assert "Amina" not in text and "0795" not in text and keep.code not in text


@pytest.mark.parametrize("case", ["itself", "erased", "merged", "other centre"])
def test_bad_pairs_are_refused_and_nothing_moves(centre, other_centre, manager, twins, case):
    keep, absorb = twins
    VisitFactory(centre=centre, member=absorb)
    if case == "itself":
        keep = absorb
    elif case == "erased":
        member_erase(member=keep, by=manager)
    elif case == "merged":
        merge(centre, manager, MemberFactory(centre=centre), keep)
    else:
        keep = MemberFactory(centre=other_centre)
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        merge(centre, manager, keep, absorb)
    assert Visit.objects.get().member == absorb
    assert AuditEntry.objects.count() == entries
    absorb.refresh_from_db()
    assert absorb.merged_into is None and absorb.erased_at is None


def test_a_merge_of_another_centre_is_refused(centre, other_centre, outsider, twins):
    keep, absorb = twins
    with pytest.raises(ValidationError):
        member_merge(centre=other_centre, by=outsider, keep=keep, absorb=absorb)


def test_merging_twice_merges_once(centre, manager, twins):
    keep, absorb = twins
    merge(centre, manager, keep, absorb)
    with pytest.raises(ValidationError):
        merge(centre, manager, keep, absorb)
    assert AuditEntry.objects.filter(changes__icontains="merged").count() == 1


def test_children_and_contactable_survey_answers_move(centre, manager, twins):
    from advocacy.models import Response
    from services.actions import child_add

    from ..factories import SurveyFactory

    keep, absorb = twins
    child = child_add(member=absorb, name="Noor", collectors="Amina Rahman", by=manager)
    survey = SurveyFactory(centre=centre)
    answer = Response.objects.create(
        survey=survey,
        centre=centre,
        channel="phone",
        submitted_on=centre_today(centre),
        contact_wanted=True,
        member=absorb,
        once="x",
    )
    merge(centre, manager, keep, absorb)
    child.refresh_from_db()
    answer.refresh_from_db()
    assert child.member == keep and answer.member == keep


@pytest.fixture
def voters(centre):
    """Five members on the roll of the election (registered before it)."""
    return [MemberFactory(centre=centre) for _ in range(5)]


@pytest.fixture
def election(centre, manager, voters):
    from members.actions import committee_create, election_create

    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", "")]
    )
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Committee election 2026",
        seats=list(committee.seats.all()),
        method="plurality",
        returning_officer=manager,
        nominations_open_at=now - timedelta(minutes=5),
        nominations_close_at=now + timedelta(days=3),
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=5),
        term_starts_on=centre_today() + timedelta(days=7),
        term_ends_on=centre_today() + timedelta(days=365),
        roll_date=now,
    )


def _stand(election, member, by=None):
    from members.actions import candidate_nominate

    return candidate_nominate(
        election=election, member=member, nominated_by=by or member, display_name="X"
    )


def test_a_candidacy_and_a_nomination_move(centre, manager, voters, election):
    keep, absorb, third = voters[:3]
    stands = _stand(election, absorb)
    nominated = _stand(election, third, by=absorb)
    merge(centre, manager, keep, absorb)
    stands.refresh_from_db()
    nominated.refresh_from_db()
    assert stands.member == keep and nominated.nominated_by == keep


def test_both_records_standing_keep_one_candidacy_each(centre, manager, voters, election):
    keep, absorb = voters[:2]
    kept, absorbed = _stand(election, keep), _stand(election, absorb)
    merge(centre, manager, keep, absorb)
    kept.refresh_from_db()
    absorbed.refresh_from_db()
    assert (kept.member, absorbed.member) == (keep, absorb)


def test_a_record_checked_in_at_a_booth_is_not_merged(centre, manager, twins, ballot):
    from members.actions import booth_check_in, booth_device_create

    keep, absorb = twins
    device, _token = booth_device_create(centre=centre, label="Booth 1", by=manager)
    booth_check_in(ballot=ballot, member=absorb, device=device, by=manager)
    with pytest.raises(ValidationError, match="booth"):
        merge(centre, manager, keep, absorb)
    assert RollEntry.objects.filter(ballot=ballot, member=absorb).exists()


def test_a_seat_moved_to_a_record_with_an_account_gives_that_account_the_role(
    centre, manager, worker, twins
):
    keep, absorb = twins
    Member.objects.filter(pk=keep.pk).update(account=worker)
    seat = Seat.objects.create(committee=CommitteeFactory(centre=centre), title="chair")
    today = centre_today()
    seat_fill(seat=seat, member=absorb, by=manager, starts_on=today, ends_on=today + timedelta(90))
    worker.centre_roles.filter(role="committee_member").delete()
    merge(centre, manager, keep, absorb)
    assert worker.centre_roles.filter(centre=centre, role="committee_member").exists()


def test_a_record_that_does_not_exist_is_refused(centre, manager, twins):
    keep, _absorb = twins
    with pytest.raises(ValidationError):
        merge(centre, manager, keep, Member(pk=10**9, centre=centre))


def test_every_open_ballot_is_settled_after_one_where_both_voted(centre, manager, twins):
    keep, absorb = twins
    committee = CommitteeFactory(centre=centre)
    first = open_ballot(committee, question="First question?")
    second = open_ballot(committee, question="Second question?")
    _vote(first, keep)
    _vote(first, absorb)
    merge(centre, manager, keep, absorb)
    assert list(RollEntry.objects.filter(ballot=second).values_list("member", flat=True)) == [
        keep.pk
    ]


def test_an_attended_place_stays_attended_when_the_other_is_kept(centre, manager, twins):
    keep, absorb = twins
    session = SessionFactory(service__centre=centre)
    kept = booking_create(session=session, member=keep, by=manager)
    other = booking_create(session=session, member=absorb, by=manager)
    Booking.objects.filter(pk=other.pk).update(attended=True)
    merge(centre, manager, keep, absorb)
    kept.refresh_from_db()
    other.refresh_from_db()
    assert kept.attended is True and other.status == BookingStatus.CANCELLED


def test_a_freed_place_goes_to_the_first_waiting_only(centre, manager, twins):
    keep, absorb = twins
    session = SessionFactory(service__centre=centre, capacity=2)
    booking_create(session=session, member=keep, by=manager)
    booking_create(session=session, member=absorb, by=manager)
    first, second = (
        booking_create(session=session, member=MemberFactory(centre=centre), by=manager)
        for _ in range(2)
    )
    merge(centre, manager, keep, absorb)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.BOOKED, BookingStatus.WAITING)
