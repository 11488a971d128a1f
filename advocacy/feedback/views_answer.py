"""Where workers give feedback: their phone, the kiosk after a check-in, and paper forms
typed in by staff. Nothing here logs or stores who answered, unless they ask to be
contacted."""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from centres.access import centre_view
from centres.models import Centre
from centres.sent_marks import mark_sent, sent_here, sent_page
from members.access import kiosk_view
from members.forms import unknown_code_message
from members.models import Kiosk, Member, typed_code
from members.selectors import own_member
from members.views_kiosk import CHECKIN_TICKET_KEY, CHECKIN_TICKET_SECONDS

from . import actions
from .access import get_survey
from .forms import CommentForm, PaperAnswerForm, SurveyAnswerForm
from .models import FeedbackChannel, Survey


@require_GET
@centre_view("advocacy.give_feedback")
def my_feedback(request: HttpRequest, centre: Centre) -> HttpResponse:
    surveys = Survey.objects.for_centre(centre).open()
    return render(
        request, "advocacy/feedback/my_feedback.html", {"centre": centre, "surveys": surveys}
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.give_feedback")
def survey_answer(request: HttpRequest, centre: Centre, survey_id: int) -> HttpResponse:
    survey = get_survey(centre, survey_id)
    if request.method == "GET" and sent_here(request, name="survey"):
        return sent_page(
            request,
            centre=centre,
            title=survey.title,
            said=_("Your answers to this survey are recorded. Thank you!"),
            back=reverse("my_feedback", args=[centre.pk]),
            back_label=_("Back to feedback"),
            again_label=_("Answer again (for someone else using this phone)"),
        )
    member = own_member(request.user, centre)
    form = SurveyAnswerForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        contact_possible=member is not None,
    )
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data.get("contact_wanted", False)
        try:
            actions.response_submit(
                survey=survey,
                centre=centre,
                channel=FeedbackChannel.PHONE,
                answers=form.answers(),
                once=form.cleaned_data["once"],
                may_share=form.cleaned_data.get("may_share", False),
                contact_wanted=contact,
                member=member if contact else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Your answers are recorded."))
            done = redirect("my_feedback", centre_id=centre.pk)
            return mark_sent(request, done, name="survey")
    return render(
        request,
        "advocacy/feedback/survey_answer.html",
        {"centre": centre, "survey": survey, "form": form},
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.give_feedback")
def comment_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    """Tell the centre: a free comment at any time, anonymous unless asked otherwise."""
    if request.method == "GET" and sent_here(request, name="comment"):
        return sent_page(
            request,
            centre=centre,
            title=_("Tell the centre"),
            said=_("What you wrote is sent to the centre. Thank you!"),
            back=reverse("my_feedback", args=[centre.pk]),
            back_label=_("Back to feedback"),
            again_label=_("Write again (for someone else using this phone)"),
        )
    member = own_member(request.user, centre)
    form = CommentForm(request.POST if request.method == "POST" else None)
    if member is None:
        del form.fields["contact_wanted"]
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data.get("contact_wanted", False)
        try:
            actions.comment_leave(
                centre=centre,
                channel=FeedbackChannel.PHONE,
                text=form.cleaned_data["text"],
                once=form.cleaned_data["once"],
                may_share=form.cleaned_data["may_share"],
                contact_wanted=contact,
                member=member if contact else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! The centre will read what you wrote."))
            done = redirect("my_feedback", centre_id=centre.pk)
            return mark_sent(request, done, name="comment")
    return render(request, "advocacy/feedback/comment_new.html", {"centre": centre, "form": form})


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.enter_paper_feedback")
def paper_entry(request: HttpRequest, centre: Centre, survey_id: int) -> HttpResponse:
    survey = get_survey(centre, survey_id)
    form = PaperAnswerForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = None
        if data.get("contact_wanted"):
            code = typed_code(data["member_code"])
            member = Member.objects.for_centre(centre).active().filter(code=code).first()
            if member is None:
                form.add_error(
                    "member_code",
                    unknown_code_message(centre, code)
                    if code
                    else _("To contact the worker, give their member code."),
                )
        if not form.errors:
            try:
                actions.response_submit(
                    survey=survey,
                    centre=centre,
                    channel=FeedbackChannel.PAPER,
                    answers=form.answers(),
                    once=data["once"],
                    may_share=data.get("may_share", False),
                    contact_wanted=member is not None,
                    member=member,
                    entered_by=request.user,
                    submitted_on=data["submitted_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The paper form is entered. Next one:"))
                return redirect("paper_entry", centre_id=centre.pk, survey_id=survey.pk)
    return render(
        request,
        "advocacy/feedback/paper_entry.html",
        {"centre": centre, "survey": survey, "form": form},
    )


def _kiosk_ticket(request: HttpRequest) -> str | None:
    ticket = request.session.get(CHECKIN_TICKET_KEY)
    if not ticket or time.time() - ticket[1] > CHECKIN_TICKET_SECONDS:
        return None
    return ticket[0]


@require_http_methods(["GET", "POST"])
@kiosk_view
def kiosk_survey(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    """The kiosk's survey, offered after a check-in: optional, one answer per check-in."""
    centre = kiosk.centre
    survey = Survey.objects.for_centre(centre).open().filter(on_kiosk=True).first()
    ticket = _kiosk_ticket(request)
    if survey is None or ticket is None:
        return redirect("kiosk_checkin")
    form = SurveyAnswerForm(
        request.POST if request.method == "POST" else None, survey=survey, contact_possible=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.response_submit(
                survey=survey,
                centre=centre,
                channel=FeedbackChannel.KIOSK,
                answers=form.answers(),
                once=form.cleaned_data["once"],
                may_share=form.cleaned_data.get("may_share", False),
                kiosk_ticket=ticket,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session.pop(CHECKIN_TICKET_KEY, None)
            messages.success(request, _("Thank you! Your answers are recorded."))
            return redirect("kiosk_checkin")
    return render(
        request,
        "advocacy/feedback/kiosk_survey.html",
        {"centre": centre, "survey": survey, "form": form},
    )
