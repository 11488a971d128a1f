"""Staff code free comments into themes; the committee sees the figures and what was
allowed and approved to be shared, never the comments themselves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from centres.access import centre_view
from centres.choices import choice_labels
from centres.keyset import keyset_page, query_without_cursor
from centres.models import Centre
from centres.notices import show_refusal

from ..recommendations.redaction import EmployerNames
from ..statistics.feedback_tables import mean_rating
from ..statistics.labels import Labeller
from ..views_released import chosen_release, no_figures_yet, table
from . import actions
from .access import get_comment
from .forms import CodingForm, ShareForm
from .models import THEME_GROUPS, Comment, FeedbackChannel, Sentiment, ThemeCode, ThemeGroup
from .selectors import coding_queue


@require_GET
@centre_view("advocacy.code_comments")
def comment_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    uncoded = request.GET.get("uncoded") == "1"
    page = keyset_page(
        coding_queue(centre, uncoded_only=uncoded), request.GET, key="submitted_on", size=25
    )
    # Labels once a page: every comment's coding form lists every theme.
    themes = choice_labels(ThemeCode)
    return render(
        request,
        "advocacy/feedback/comment_list.html",
        {
            "centre": centre,
            "page": page,
            "rows": [(comment, {theme.code for theme in comment.theme_list}) for comment in page],
            "uncoded": uncoded,
            "query": query_without_cursor(request.GET),
            "theme_groups": [
                (str(ThemeGroup(g).label), [(c, themes[c]) for c in codes])
                for g, codes in THEME_GROUPS.items()
            ],
            "themes": themes,
            "channels": choice_labels(FeedbackChannel),
            "sentiments": choice_labels(Sentiment),
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
    """Feedback of one closed month, quarter or year as the layer releases it (small
    cells hidden), and the redacted comments that were allowed and approved."""
    form, chosen = chosen_release(request, centre)
    if chosen is None:
        return no_figures_yet(request, centre, form)
    name = Labeller(centre)
    ratings = chosen.table("feedback.satisfaction")
    tables = [
        table(
            chosen,
            "feedback.satisfaction",
            name,
            title=_("Satisfaction"),
            column=_("Rating"),
            value=_("Answers"),
            help=_("Each rating question answered counts once."),
        ),
        _themes(chosen, name),
        _in_order(
            table(
                chosen,
                "feedback.sentiment",
                name,
                title=_("Comments by sentiment"),
                column=_("Sentiment"),
                value=_("Comments"),
            ),
            [name("feedback.sentiment", label) for label in [*Sentiment.values, ""]],
        ),
    ]
    shared = (
        Comment.objects.for_centre(centre).shared_with_committee().submitted_in(chosen.period)[:50]
    )
    clean = EmployerNames(centre)
    return render(
        request,
        "advocacy/feedback/feedback_summary.html",
        {
            "centre": centre,
            "form": form,
            "release": chosen,
            "responses": chosen.value("feedback.responses", "responses"),
            "comments": chosen.value("feedback.comments", "comments"),
            "mean": mean_rating(ratings),
            "released": "feedback.responses" in chosen.published,
            "tables": [t for t in tables if t["rows"]],
            "themes_hidden": tables[1]["all_hidden"],
            # The manager redacted each by hand; an employer's name left in is caught.
            "shared": [(c.submitted_on, clean(c.shared_text)) for c in shared],
        },
    )


def _in_order(released: dict, labels: list[str]) -> dict:
    """The rows in the order of `labels` (a release is stored as JSON, whose key order
    PostgreSQL does not keep)."""
    position = {label: n for n, label in enumerate(labels)}
    rows = sorted(released["rows"], key=lambda row: position.get(row[0], len(labels)))
    return {**released, "rows": rows}


def _themes(chosen, name: Labeller) -> dict:
    """Themes most raised first, then the hidden ones, in the list's order. Themes shown
    as 0 are left out: they say nothing a reader needs (hidden ones stay: to a reader
    they are not zeros)."""
    cells = chosen.table("feedback.theme")
    order = {code: n for n, code in enumerate(ThemeCode.values)}
    codes = sorted(
        (code for code, count in cells.items() if count != 0),
        key=lambda code: (cells[code] is None, -(cells[code] or 0), order.get(code, 99)),
    )
    if all(cells[code] is None for code in codes):
        # A list of nothing but "hidden" tells a reader nothing: one sentence does.
        codes = []
    return {
        "id": "feedback-theme",
        "title": _("Comments by theme"),
        "column": _("Theme"),
        "value": _("Comments"),
        "help": _(
            "A comment can be about several themes. A theme shown as 0 is left out; a "
            "theme with too few comments to show is hidden, and so is a theme with none "
            "beside it, so that the hidden ones cannot be told apart."
        ),
        "rows": [(name("feedback.theme", code), cells[code]) for code in codes],
        "all_hidden": bool(cells) and not codes and any(v is None for v in cells.values()),
    }
