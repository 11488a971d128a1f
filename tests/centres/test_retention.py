"""Retention: each class is applied past its period and never within it; the run is
idempotent, batched and counted (counts only); the dry run touches nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from centres.models import AuditEntry, RetentionCount, RetentionPolicy, RetentionRun
from centres.retention import registered_steps
from centres.retention.runner import retention_apply, retention_preview
from centres.tasks import apply_retention
from members.actions import ERASED_NAME, kiosk_create, visit_log
from members.models import Kiosk, Member

from ..factories import MemberFactory, SessionFactory

NOW = timezone.now()


def _registered_ago(member, **ago):
    Member.objects.filter(pk=member.pk).update(registered_at=NOW - relativedelta(**ago))


@pytest.fixture
def long_gone(centre):
    """Registered three years ago, last seen 25 months ago."""
    member = MemberFactory(centre=centre, preferred_name="CANARY-gone", phone="+962790001111")
    _registered_ago(member, years=3)
    visit_log(centre=centre, by=None, member=member, arrived_at=NOW - relativedelta(months=25))
    return member


@pytest.fixture
def recently_seen(centre):
    """Registered three years ago, last visit 23 months ago: inside 24 months."""
    member = MemberFactory(centre=centre, preferred_name="Still here")
    _registered_ago(member, years=3)
    visit_log(centre=centre, by=None, member=member, arrived_at=NOW - relativedelta(months=23))
    return member


def test_every_data_class_is_registered_with_a_policy_period(db):
    keys = {step.key for step in registered_steps()}
    assert keys == {
        "inactive_members",
        "closed_cases",
        "feedback_comments",
        "request_texts",
        "kiosk_tokens",
        "booth_tokens",
    }
    fields = {field.name for field in RetentionPolicy._meta.fields}
    assert {step.period_field for step in registered_steps()} <= fields


def test_inactive_member_is_anonymised_as_erasure_does(long_gone, recently_seen):
    counts = retention_apply(now=NOW)

    assert counts["inactive_members"] == 1
    long_gone.refresh_from_db()
    assert long_gone.erased_at is not None
    assert long_gone.preferred_name == ERASED_NAME and long_gone.phone == ""
    assert long_gone.visits.count() == 1  # counts kept
    recently_seen.refresh_from_db()
    assert recently_seen.erased_at is None and recently_seen.preferred_name == "Still here"


def test_a_booking_a_vote_an_open_case_or_a_sign_in_keeps_a_member(centre, long_gone, worker):
    from services.models import Booking

    session = SessionFactory(
        service__centre=centre, starts_at=NOW - relativedelta(months=2), capacity=5
    )
    Booking.objects.create(session=session, member=long_gone, status="booked")
    assert retention_apply(now=NOW)["inactive_members"] == 0
    Booking.objects.all().delete()

    worker.last_login = NOW - relativedelta(months=1)
    worker.save()
    Member.objects.filter(pk=long_gone.pk).update(account=worker)
    assert retention_apply(now=NOW)["inactive_members"] == 0
    Member.objects.filter(pk=long_gone.pk).update(account=None)

    assert retention_apply(now=NOW)["inactive_members"] == 1


def test_a_member_with_an_open_case_is_kept_however_long_ago(centre, long_gone, social_worker):
    from advocacy.actions import grievance_open
    from advocacy.models import Grievance

    case = grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=long_gone,
        narrative="old case",
        issue_types=["wage_theft"],
        assignees=[social_worker],
    )
    Grievance.objects.filter(pk=case.pk).update(opened_at=NOW - relativedelta(years=3))
    assert retention_apply(now=NOW)["inactive_members"] == 0


def test_nothing_within_its_period_is_touched(centre, manager):
    member = MemberFactory(centre=centre)
    Member.objects.filter(pk=member.pk).update(
        registered_at=NOW - relativedelta(months=24) + timedelta(hours=1)
    )
    kiosk, _token = kiosk_create(centre=centre, label="Door", by=manager)
    Kiosk.objects.filter(pk=kiosk.pk).update(created_at=NOW - timedelta(days=90, hours=-1))

    assert set(retention_apply(now=NOW).values()) == {0}
    assert retention_preview(now=NOW) == []
    member.refresh_from_db()
    kiosk.refresh_from_db()
    assert member.erased_at is None and kiosk.revoked_at is None


def test_kiosk_links_expire_after_their_lifetime(centre, manager):
    kiosk, _token = kiosk_create(centre=centre, label="Door", by=manager)
    Kiosk.objects.filter(pk=kiosk.pk).update(created_at=NOW - timedelta(days=91))
    assert retention_apply(now=NOW)["kiosk_tokens"] == 1
    assert not Kiosk.objects.usable().filter(pk=kiosk.pk).exists()


def test_the_programme_sets_the_periods(centre, programme, recently_seen):
    RetentionPolicy.objects.create(programme=programme, inactive_member_months=12)
    assert retention_apply(now=NOW)["inactive_members"] == 1


def test_a_second_run_changes_nothing_and_counts_stay_exact(centre, long_gone):
    MemberFactory.create_batch(2, centre=centre)
    for member in Member.objects.exclude(pk=long_gone.pk):
        _registered_ago(member, years=5)
    first = retention_apply(now=NOW, batch_size=2)  # two batches
    entries = AuditEntry.objects.count()
    second = retention_apply(now=NOW, batch_size=2)

    assert first["inactive_members"] == 3 and second["inactive_members"] == 0
    assert AuditEntry.objects.count() == entries
    run = RetentionRun.objects.get()
    assert run.finished_at is not None
    assert list(run.counts.values_list("centre", "data_class", "count")) == [
        (centre.pk, "inactive_members", 3)
    ]


def test_the_task_records_counts_only(centre, long_gone):
    result = apply_retention.delay().get()
    assert result["inactive_members"] == 1
    stored = list(RetentionCount.objects.values_list("data_class", "count"))
    assert stored == [("inactive_members", 1)]
    assert "CANARY" not in str(result)


def test_dry_run_prints_what_would_be_touched_and_touches_nothing(centre, long_gone):
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)

    assert f"{centre.code} / inactive_members: 1" in out.getvalue()
    assert "Would touch 1 records." in out.getvalue()
    assert "CANARY" not in out.getvalue()
    long_gone.refresh_from_db()
    assert long_gone.erased_at is None
    assert not RetentionRun.objects.exists()


def test_the_command_applies_it_now(centre, long_gone):
    out = StringIO()
    call_command("retention", stdout=out)
    assert "inactive_members: 1" in out.getvalue()
    long_gone.refresh_from_db()
    assert long_gone.erased_at is not None


def test_managers_see_the_periods_and_their_centres_counts(client, manager, centre, long_gone):
    from django.urls import reverse

    retention_apply(now=NOW)
    client.force_login(manager)
    page = client.get(reverse("retention", args=[centre.pk])).content.decode()
    assert "24 months" in page and "3 years" in page and "90 days" in page
    assert "Most contracts of migrant workers run for two years" in page
    assert "Inactive members anonymised" in page
    assert "<td>1</td>" in page
    assert "CANARY" not in page


@pytest.mark.parametrize("role", ["social_worker", "committee_member", "worker", "coordinator"])
def test_other_roles_are_refused_and_other_centres_not_found(client, cast, centre, role):
    from django.urls import reverse

    client.force_login(cast[role])
    assert client.get(reverse("retention", args=[centre.pk])).status_code == 403
    client.force_login(cast["outsider"])
    assert client.get(reverse("retention", args=[centre.pk])).status_code == 404
    client.force_login(cast["manager"])
    assert client.post(reverse("retention", args=[centre.pk])).status_code == 405


def test_the_page_reads_a_fixed_number_of_queries(
    client, manager, centre, django_assert_max_num_queries
):
    from django.urls import reverse

    for days in range(1, 15):
        run = RetentionRun.objects.create(day=NOW.date() - timedelta(days=days), started_at=NOW)
        RetentionCount.objects.create(run=run, centre=centre, data_class="kiosk_tokens", count=days)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("retention", args=[centre.pk])).status_code == 200
