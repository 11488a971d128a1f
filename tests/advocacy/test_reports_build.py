"""Building a feedback report: one current report per scope and period, versions on
rebuild, closed periods only, every figure the release's, each e-mail once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import Retry
from django.core import mail
from django_celery_beat.models import PeriodicTask

from advocacy.models import FeedbackReport
from advocacy.reports.actions import report_build
from advocacy.reports.contents import COMPARED, compared_periods
from advocacy.reports.programme import released
from advocacy.reports.scope import Scope
from advocacy.statistics.periods import PeriodKind, PeriodRefused, centre_zone, closed_periods
from advocacy.statistics.releases import release
from advocacy.tasks import build_due_reports, build_feedback_report
from centres.mail import SentMail
from tests.factories import MemberFactory, VisitFactory, centre_today

from ..mail_backends import DropsTheSecondMail

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)


def busy_march(centre):
    for day in range(1, 21):
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 9, tzinfo=UTC), people=3)
        VisitFactory(centre=centre, arrived_at=datetime(2026, 3, day, 14, tzinfo=UTC), gender="man")
    VisitFactory(centre=centre, arrived_at=datetime(2026, 3, 5, 3, tzinfo=UTC), gender="other")
    member = MemberFactory(centre=centre)
    for day in range(1, 8):
        VisitFactory(
            centre=centre, member=member, arrived_at=datetime(2026, 3, day, 11, tzinfo=UTC)
        )


def test_building_a_period_twice_leaves_one_current_report(centre):
    busy_march(centre)
    scope = Scope.for_centre(centre)
    first, built = report_build(scope=scope, period="2026-03", now=NOW)
    again, built_again = report_build(scope=scope, period="2026-03", now=NOW)
    assert built and not built_again
    assert again.pk == first.pk
    assert FeedbackReport.objects.count() == 1


def test_rebuilding_makes_a_new_version_and_keeps_the_old(centre, manager):
    busy_march(centre)
    scope = Scope.for_centre(centre)
    first, _ = report_build(scope=scope, period="2026-03", now=NOW)
    second, built = report_build(scope=scope, period="2026-03", replacing=1, by=manager, now=NOW)
    assert built and second.version == 2 and second.built_by == manager
    # The same request again (a double submit, a retried task): nothing more is built.
    third, built_again = report_build(scope=scope, period="2026-03", replacing=1, now=NOW)
    assert not built_again and third.pk == second.pk
    first.refresh_from_db()
    assert not first.is_current and first.contents == second.contents
    assert FeedbackReport.objects.current().get().pk == second.pk
    assert FeedbackReport.objects.count() == 2


@pytest.mark.parametrize("period", ["2026-04", "2026-W16", "2027", "2026-13", "next month"])
def test_a_period_that_is_not_closed_or_not_standard_is_refused(centre, period):
    with pytest.raises(PeriodRefused):
        report_build(scope=Scope.for_centre(centre), period=period, now=NOW)
    assert not FeedbackReport.objects.exists()


def test_the_task_refuses_an_open_period(centre):
    today = centre_today(centre).replace(day=1)  # the month under way at the centre
    with pytest.raises(PeriodRefused, match="ended"):
        build_feedback_report("centre", centre.pk, "month", today.isoformat())
    with pytest.raises(ValueError):
        build_feedback_report("centre", centre.pk, "month", "2026-03-02")
    assert not FeedbackReport.objects.exists()


def test_every_figure_is_the_release_of_its_period(centre):
    busy_march(centre)
    report, _ = report_build(scope=Scope.for_centre(centre), period="2026-03", now=NOW)
    periods = compared_periods(report.period)
    releases = {name: release(centre=centre, period=periods[name], now=NOW) for name in COMPARED}
    assert report.contents["compared"] == ["2026-03", "2026-02", "2025-03"]
    names = [table["name"] for table in report.contents["tables"]]
    current = releases["current"]
    assert set(names) == (set(current.published) - {"cases.employer"}) | set(current.magnitudes)
    assert "cases.days" in names  # magnitudes (median days, wages) are carried too
    checked = 0
    for table in report.contents["tables"]:
        assert table["rows"] or table["name"] == "cases.wages"  # no currency released
        for row in table["rows"]:
            expected = [released(releases[c], table["name"]).get(row["label"]) for c in COMPARED]
            assert row["values"] == expected
            checked += 1
    assert checked > 50
    hour = {r["label"]: r["values"] for r in _table(report, "visits.hour")}
    assert hour["03"][0] is None  # one person alone at 03:00: hidden
    assert _table(report, "visits.total")[0]["values"][0] == 88


def _table(report, name):
    return next(t["rows"] for t in report.contents["tables"] if t["name"] == name)


def test_the_report_is_announced_to_its_readers_with_a_link_and_no_figure(
    centre, manager, committee_member, social_worker, worker, coordinator
):
    busy_march(centre)
    month = closed_periods(PeriodKind.MONTH, zone=centre_zone(centre), now=_now(), count=1)[0]
    report_id = build_feedback_report("centre", centre.pk, "month", month.first.isoformat())
    report = FeedbackReport.objects.get(pk=report_id)
    assert sorted(m.to[0] for m in mail.outbox) == [committee_member.email, manager.email]
    body = mail.outbox[0].body
    assert f"/centres/{centre.pk}/reports/{report.pk}/" in body
    # No figure: the version and the period's year only.
    text = body.split("http")[0].replace(str(report.version), "")
    assert not any(ch.isdigit() for ch in text.replace(str(month.first.year), ""))
    assert centre.name in mail.outbox[0].subject and centre.name in body
    # Run again (beat twice, a redelivered message): nobody is told twice.
    build_feedback_report("centre", centre.pk, "month", month.first.isoformat())
    assert len(mail.outbox) == 2
    assert SentMail.objects.filter(kind="feedback_report").count() == 2


def test_a_retried_build_sends_each_email_once(centre, manager, committee_member, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.DropsTheSecondMail"
    DropsTheSecondMail.attempts = 0
    busy_march(centre)
    month = closed_periods(PeriodKind.MONTH, zone=centre_zone(centre), now=_now(), count=1)[0]
    # The SMTP failure makes Celery retry the task (eagerly here): the retry must
    # neither build a second report nor mail the manager again.
    args = ("centre", centre.pk, "month", month.first.isoformat())
    with pytest.raises(Retry):
        build_feedback_report.apply(args=args)
    assert [m.to for m in mail.outbox] == [[manager.email]]  # the manager was mailed first
    build_feedback_report.apply(args=args)  # the retry the broker delivers
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([manager.email, committee_member.email])
    assert FeedbackReport.objects.count() == 1
    assert SentMail.objects.filter(kind="feedback_report").count() == 2


def test_due_reports_are_queued_once(centre, other_centre, manager):
    # Each programme in its centre's zone: its month has ended in all its centres when
    # it has in its own (the hour between is another test's).
    other_centre.programme.time_zone = other_centre.time_zone
    other_centre.programme.save()
    queued = build_due_reports()
    # Each centre: last closed week, month, quarter and year; each programme: its month.
    assert queued == 2 * 4 + 2
    assert FeedbackReport.objects.current().count() == queued
    assert build_due_reports() == 0
    assert build_due_reports(scope_kind="programme") == 0


def test_beat_entries_are_in_the_database_for_the_admin():
    entries = PeriodicTask.objects.filter(task="advocacy.tasks.build_due_reports")
    weekly = entries.get(kwargs='{"scope_kind": "centre"}')
    monthly = entries.get(kwargs='{"scope_kind": "programme"}')
    assert weekly.crontab.hour == "*"  # hourly: each centre on its own Monday morning
    assert monthly.crontab.day_of_month == "2"


def _now():
    from django.utils import timezone

    return timezone.now()
