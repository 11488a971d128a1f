"""A background export's page (its progress, then its link) and its file: for the
person who asked for it only, with the access rules of the export itself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..access import get_centre_for_user, needs_second_factor
from .jobs import KINDS, download_name, file_path
from .models import ExportJob, ExportJobStatus
from .tables import CONTENT_TYPES


def _job(request: HttpRequest, centre_id: int, job_id: int) -> ExportJob:
    """The requester's job in a centre of theirs (404 otherwise), if their role still
    allows that export (403 otherwise)."""
    centre = get_centre_for_user(request, centre_id)
    job = get_object_or_404(
        ExportJob.objects.of(centre=centre, user=request.user).select_related("centre"),
        pk=job_id,
    )
    kind = KINDS.get(job.kind)
    if kind is None or not request.user.has_perm(kind.permission, centre):
        raise PermissionDenied
    if needs_second_factor(request.user, centre):
        raise PermissionDenied
    return job


@require_GET
@login_required
def export_job(request: HttpRequest, centre_id: int, job_id: int) -> HttpResponse:
    job = _job(request, centre_id, job_id)
    with timezone.override(job.centre.time_zone):
        return render(
            request,
            "centres/export_job.html",
            {
                "centre": job.centre,
                "job": job,
                "waiting": job.status in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING)
                and not job.stalled,
                "ready": job.status == ExportJobStatus.DONE,
            },
        )


@require_GET
@login_required
def export_job_file(request: HttpRequest, centre_id: int, job_id: int) -> HttpResponse:
    job = _job(request, centre_id, job_id)
    if job.status != ExportJobStatus.DONE or not job.file_name:
        return redirect("export_job", centre_id, job.pk)
    try:
        content = open(file_path(job), "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        content,
        as_attachment=True,
        filename=download_name(job),
        content_type=CONTENT_TYPES[job.fmt],
    )
