"""Big exports run as a Celery job: one job per request however often it is asked, one
file, one audit row and one mail however often it runs, the file only for the person
who asked, removed when it expires; XLSX past the row limit goes on in more sheets."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centres.exports import tables
from centres.exports.jobs import export_files_purge, export_job_run, file_path
from centres.mail import SentMail
from centres.models import AuditEntry, ExportJob
from centres.tasks import export_run

from ..factories import CentreRoleFactory, VisitFactory, centre_today


@pytest.fixture(autouse=True)
def _small_threshold(settings, tmp_path):
    settings.EXPORT_BACKGROUND_ROWS = 3
    settings.EXPORT_ROOT = tmp_path / "exports"


def _exports():
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)


def _visits(centre, count):
    for _ in range(count):
        VisitFactory(centre=centre)


def _ask(client, centre, fmt="csv", **filters):
    return client.get(reverse("visit_export", args=[centre.pk, fmt]), filters)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_small_export_is_served_at_once(client, manager, centre):
    _visits(centre, 3)
    client.force_login(manager)
    response = _ask(client, centre)
    assert response.status_code == 200 and not ExportJob.objects.exists()


def test_a_big_export_becomes_a_job_that_writes_audits_and_mails_once(
    client, manager, centre, django_capture_on_commit_callbacks
):
    _visits(centre, 4)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, centre)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export_job", args=[centre.pk, job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.total == 4 and job.requested_by == manager
    assert file_path(job).exists()
    # Run again, as a second delivery would: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        export_run(job.pk)
        export_job_run(job_id=job.pk)
    assert sorted(p.name for p in file_path(job).parent.iterdir()) == [f"job-{job.pk}.csv"]
    assert _exports().count() == 1
    assert _exports().get().changes_dict["export"] == ["visits", "csv", "4"]
    assert _exports().get().actor == manager
    assert len(mail.outbox) == 1 and SentMail.objects.count() == 1
    message = mail.outbox[0]
    assert message.to == [manager.email]
    link = reverse("export_job", args=[centre.pk, job.pk])
    assert link in message.body and centre.name not in message.body
    assert message.subject.startswith(f"{centre.name}: ")
    assert "visit" not in message.body.lower() and "row" not in message.body.lower()
    page = client.get(link)
    assert page.status_code == 200
    assert reverse("export_job_file", args=[centre.pk, job.pk]) in page.content.decode()
    download = client.get(reverse("export_job_file", args=[centre.pk, job.pk]))
    rows = list(csv.reader(io.StringIO(_body(download).decode("utf-8-sig"))))
    assert len(rows) == 5 and rows[0][0] == "arrived_at"
    assert _exports().count() == 1


def test_asking_twice_queues_one_job(client, manager, centre, django_capture_on_commit_callbacks):
    _visits(centre, 4)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _ask(client, centre)
        second = _ask(client, centre)
    assert first["Location"] == second["Location"]
    assert ExportJob.objects.count() == 1 and len(callbacks) == 1
    page = client.get(first["Location"])
    assert b"js/refresh.js" in page.content and b"<progress" in page.content
    # The file is not there yet: its link leads back to the page.
    job = ExportJob.objects.get()
    early = client.get(reverse("export_job_file", args=[centre.pk, job.pk]))
    assert early.status_code == 302
    # Other filters or another format are another export.
    with django_capture_on_commit_callbacks(execute=False):
        _ask(client, centre, fmt="xlsx")
        _ask(client, centre, kind="anonymous")
    assert ExportJob.objects.count() == 3


def test_the_job_keeps_the_filters(client, manager, centre, django_capture_on_commit_callbacks):
    _visits(centre, 4)
    VisitFactory(centre=centre, arrived_at=timezone.now() - timedelta(days=40))
    client.force_login(manager)
    since = (centre_today() - timedelta(days=10)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, centre, since=since)
    job = ExportJob.objects.get()
    assert job.params == {"since": since} and job.total == 4


def test_the_file_is_removed_after_expiry(
    client, manager, centre, django_capture_on_commit_callbacks
):
    _visits(centre, 4)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, centre)
    job = ExportJob.objects.get()
    path = file_path(job)
    assert export_files_purge(now=job.expires_at - timedelta(seconds=1)) == 0
    assert path.exists()
    assert export_files_purge(now=job.expires_at) == 1
    assert not path.exists()
    job.refresh_from_db()
    assert job.status == "expired"
    url = reverse("export_job_file", args=[centre.pk, job.pk])
    assert client.get(url).status_code == 302
    assert "removed" in client.get(reverse("export_job", args=[centre.pk, job.pk])).content.decode()


def test_only_the_requester_reaches_the_job(
    client, manager, outsider, social_worker, centre, django_capture_on_commit_callbacks
):
    _visits(centre, 4)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, centre)
    job = ExportJob.objects.get()
    urls = [
        reverse("export_job", args=[centre.pk, job.pk]),
        reverse("export_job_file", args=[centre.pk, job.pk]),
    ]
    for url in urls:
        assert client.post(url).status_code == 405
        assert client.get(url.replace(f"/{job.pk}/", f"/{job.pk + 1}/")).status_code == 404
    # Another manager of the same centre: not theirs, so not found.
    other_manager = CentreRoleFactory(centre=centre, role="manager").user
    client.force_login(other_manager)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    # The requester no longer manages the centre but is still staff: forbidden.
    manager.centre_roles.filter(centre=centre).update(role="social_worker")
    client.force_login(manager)
    assert [client.get(url).status_code for url in urls] == [403, 403]
    client.logout()
    assert client.get(urls[1]).status_code == 302  # to sign in
    assert _exports().count() == 1


def test_a_bad_filter_starts_no_job(client, manager, centre):
    _visits(centre, 4)
    client.force_login(manager)
    response = _ask(client, centre, since="not a date")
    assert response.status_code == 302 and not ExportJob.objects.exists()


def test_xlsx_past_the_sheet_limit_keeps_every_row(
    client, manager, centre, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tables, "SHEET_ROWS", 3)  # a header and two visits per sheet
    _visits(centre, 5)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, centre, fmt="xlsx")
    job = ExportJob.objects.get()
    download = client.get(reverse("export_job_file", args=[centre.pk, job.pk]))
    book = load_workbook(io.BytesIO(_body(download)), read_only=True)
    assert book.sheetnames == ["visits", "visits 2", "visits 3"]
    rows = []
    for sheet in book.worksheets:
        header, *data = list(sheet.iter_rows(values_only=True))
        assert header[:2] == ("arrived_at", "arrived_on")
        rows += data
    assert len(rows) == 5


@pytest.mark.parametrize(
    ("status", "age"), [("queued", timedelta(minutes=21)), ("running", timedelta(minutes=66))]
)
def test_a_job_whose_message_was_lost_ends_with_export_again(
    client, manager, centre, status, age, monkeypatch
):
    """A job that never started (its message lost on the way to a worker) or was
    stopped half-way is not shown as under way for ever, and asking again starts anew."""
    from centres.exports import jobs

    monkeypatch.setattr("centres.outbox.enqueue_on_commit", lambda *args, **kwargs: None)
    _visits(centre, 4)
    client.force_login(manager)
    _ask(client, centre)
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(status=status)
    page = client.get(reverse("export_job", args=[centre.pk, job.pk])).content.decode()
    assert "refresh.js" in page and "did not finish" not in page  # still under way
    same = {"kind": job.kind, "fmt": job.fmt, "params": job.params}
    assert jobs.export_job_start(centre=centre, by=manager, **same).pk == job.pk
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - age)
    page = client.get(reverse("export_job", args=[centre.pk, job.pk])).content.decode()
    assert "The export did not finish. Export again" in page and "refresh.js" not in page
    again = jobs.export_job_start(centre=centre, by=manager, **same)
    assert again.pk != job.pk and ExportJob.objects.count() == 2
