"""Back after sending an anonymous form: "sent", not a fresh form to send again.

A worker who sends a survey answer, a comment or a request from their phone and
then presses Back would find the form again, and a second Send would record the
same thing twice (a new page carries a new form key). So the phone, not the
server (which would then know who sent what), keeps a signed mark for the form's
page, and that page says the form was sent instead of showing it again, with a
link to fill it in anew for someone else using the same phone (`?again`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

AGAIN = "again"
KEPT_SECONDS = 12 * 60 * 60


def _cookie(name: str) -> str:
    return f"{name}_sent"


def _salt(name: str) -> str:
    return f"centres.sent_marks.{name}"


def mark_sent(request: HttpRequest, response: HttpResponse, *, name: str) -> HttpResponse:
    """Set the mark of form `name` on `response`, for the page `request` was sent to
    (its path only): kept `KEPT_SECONDS`, signed, unreadable by scripts."""
    response.set_signed_cookie(
        _cookie(name),
        "1",
        salt=_salt(name),
        max_age=KEPT_SECONDS,
        path=request.path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def sent_here(request: HttpRequest, *, name: str) -> bool:
    """Whether this page's form `name` was sent from this phone (and not asked for
    again). A forged or expired mark counts as none."""
    value = request.get_signed_cookie(_cookie(name), "", salt=_salt(name), max_age=KEPT_SECONDS)
    return value == "1" and AGAIN not in request.GET


def sent_page(
    request: HttpRequest,
    *,
    centre,
    title: str,
    said: str,
    back: str,
    back_label: str,
    again_label: str,
) -> HttpResponse:
    """The page a sent form's address shows instead of the form: `said` what was
    recorded, a link `back` and one to fill the form in again."""
    return render(
        request,
        "centres/sent.html",
        {
            "centre": centre,
            "title": title,
            "said": said,
            "back": back,
            "back_label": back_label,
            "again_label": again_label,
            "again": AGAIN,
        },
    )
