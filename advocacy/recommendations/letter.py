"""The letter of a sent recommendation, as HTML and as PDF (WeasyPrint).

It prints the frozen `EvidenceSnapshot` only, never a live figure, with the snapshot's
SHA-256 so that anyone holding the letter can ask the centre to confirm it.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.models import AuditEntry, Centre

from .models import Recommendation
from .views import get_recommendation


def _letter_css() -> str:
    with open(finders.find("css/letter.css"), encoding="utf-8") as css:
        return css.read()


def letter_html(
    recommendation: Recommendation, *, request: HttpRequest | None = None, for_pdf: bool = False
) -> str:
    snapshot = recommendation.snapshot
    return render_to_string(
        "advocacy/recommendations/letter.html",
        {
            "recommendation": recommendation,
            "centre": recommendation.centre or recommendation.programme,
            "snapshot": snapshot,
            "items": snapshot.content["items"],
            "deficit_labels": _deficit_labels(recommendation.deficits),
            "inline_css": _letter_css() if for_pdf else "",
        },
        request=request,
    )


def _deficit_labels(codes: list[str]) -> list[str]:
    from ..feedback.models import ThemeCode

    return [str(ThemeCode(code).label) for code in codes if code in ThemeCode.values]


def letter_pdf(recommendation: Recommendation) -> bytes:
    """The letter as PDF bytes. Fonts: Noto (fonts-noto-core) for every script."""
    from weasyprint import HTML

    return HTML(string=letter_html(recommendation, for_pdf=True)).write_pdf()


def _sent(centre: Centre, recommendation_id: int) -> Recommendation:
    recommendation = get_recommendation(centre, recommendation_id)
    if not hasattr(recommendation, "snapshot"):
        raise Http404  # a draft has no letter: its evidence is not frozen yet
    return recommendation


@require_GET
@centre_view("advocacy.name_employers")
def letter(request: HttpRequest, centre: Centre, recommendation_id: int) -> HttpResponse:
    recommendation = _sent(centre, recommendation_id)
    AuditEntry.objects.log_export(centre, what="recommendation letter", fmt="html", rows=1)
    return HttpResponse(letter_html(recommendation, request=request))


@require_GET
@centre_view("advocacy.name_employers")
def letter_download(request: HttpRequest, centre: Centre, recommendation_id: int) -> HttpResponse:
    recommendation = _sent(centre, recommendation_id)
    AuditEntry.objects.log_export(centre, what="recommendation letter", fmt="pdf", rows=1)
    response = HttpResponse(letter_pdf(recommendation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{recommendation.reference}.pdf"'
    return response
