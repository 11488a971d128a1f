"""Staff code free comments into themes; the committee sees the figures and what was
allowed and approved to be shared, never the comments themselves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from centres.access import centre_view
from centres.models import Centre
from centres.notices import show_refusal

from . import actions
from .access import get_comment
from .forms import CodingForm, ShareForm
from .models import THEME_GROUPS, Comment, ThemeCode, ThemeGroup
from .selectors import coding_queue, feedback_figures


@require_GET
@centre_view("advocacy.code_comments")
def comment_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    uncoded = request.GET.get("uncoded") == "1"
    page = Paginator(coding_queue(centre, uncoded_only=uncoded), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "advocacy/feedback/comment_list.html",
        {
            "centre": centre,
            "page": page,
            "uncoded": uncoded,
            "theme_groups": [
                (ThemeGroup(g).label, [(c, ThemeCode(c).label) for c in codes])
                for g, codes in THEME_GROUPS.items()
            ],
            "share_form": ShareForm(),
        },
    )


def _back(centre: Centre) -> HttpResponse:
    return redirect("comment_list", centre_id=centre.pk)


@require_POST
@centre_view("advocacy.code_comments")
def comment_code(request: HttpRequest, centre: Centre, comment_id: int) -> HttpResponse:
    comment = get_comment(centre, comment_id)
    form = CodingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one theme from the list. Nothing was saved."))
        return _back(centre)
    actions.comment_code(
        comment=comment,
        by=request.user,
        themes=form.cleaned_data["themes"],
        sentiment=form.cleaned_data["sentiment"],
    )
    messages.success(request, _("Comment coded."))
    return _back(centre)


@require_POST
@centre_view("advocacy.code_comments")
def comment_share(request: HttpRequest, centre: Centre, comment_id: int) -> HttpResponse:
    comment = get_comment(centre, comment_id)
    if request.POST.get("withdraw"):
        actions.comment_share_withdraw(comment=comment, by=request.user)
        messages.success(request, _("The committee no longer sees this comment."))
        return _back(centre)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the redacted text. Nothing was shared."))
        return _back(centre)
    try:
        actions.comment_share_approve(
            comment=comment, by=request.user, shared_text=form.cleaned_data["shared_text"]
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The redacted comment is shared with the committee."))
    return _back(centre)


@require_GET
@centre_view("advocacy.view_feedback_summary")
def feedback_summary(request: HttpRequest, centre: Centre) -> HttpResponse:
    """Theme counts and satisfaction by closed month, and the approved redacted comments.
    Cells under the programme's threshold are hidden from everyone reading this page."""
    months = feedback_figures(centre=centre, threshold=centre.programme.suppression_threshold)
    codes = sorted({code for month in months for code in month.themes})
    rows = [
        (ThemeCode(code).label, [month.themes.get(code, 0) for month in months]) for code in codes
    ]
    shared = Comment.objects.for_centre(centre).shared_with_committee()[:50]
    return render(
        request,
        "advocacy/feedback/feedback_summary.html",
        {
            "centre": centre,
            "months": months,
            "theme_rows": rows,
            "shared": [(c.submitted_on, c.shared_text) for c in shared],
            "threshold": centre.programme.suppression_threshold,
        },
    )
