"""Grievance case pages. Every read of a case is audited; a case its reader may not
reach is "not found", whoever asks."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centres.access import centre_view
from centres.audit import record_access
from centres.choices import choice_labels
from centres.keyset import keyset_page, query_without_cursor
from centres.models import AuditEntry, Centre
from centres.notices import show_form_errors, show_refusal
from centres.templatetags.bidi import isolated
from members.selectors import own_member

from . import actions
from .forms import (
    AssignForm,
    CaseFilterForm,
    IntakeForm,
    MoveForm,
    NoteForm,
    PlanForm,
    ReferralForm,
    ReferralStatusForm,
    RemedyForm,
)
from .models import (
    OPEN_STATUSES,
    Grievance,
    GrievanceIssue,
    IssueType,
    Referral,
    Risk,
    Status,
)
from .selectors import case_notes

NEXT_STEP = {
    Status.INTAKE: gettext_lazy(
        "Your case is recorded. A member of staff will talk with you about it."
    ),
    Status.ADVICE: gettext_lazy("Staff are advising you on what can be done."),
    Status.MEDIATION: gettext_lazy("Staff are talking with the other side to find a solution."),
    Status.REFERRAL: gettext_lazy(
        "Your case has been passed to a partner organisation who can help."
    ),
    Status.RESOLVED: gettext_lazy("Your case is resolved. Come back if anything changes."),
    Status.CLOSED: gettext_lazy("Your case is closed. Come back if you need help again."),
}

# The columns a row of the case list shows (with its issues).
LIST_FIELDS = ("centre", "status", "risk", "follow_up_on", "opened_at")
ISSUES = GrievanceIssue.objects.only("grievance", "issue_type")


def get_case(request: HttpRequest, centre: Centre, case_id: int) -> Grievance:
    return get_object_or_404(
        Grievance.objects.visible_to(request.user)
        .for_centre(centre)
        .select_related("member", "employer"),
        pk=case_id,
    )


def case_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A case page: a case the user may reach (its assignees, the manager), else "not
    found" for everyone, so nobody learns that a case exists. The second factor is
    required first, by `centre_view`, for every case-capable role."""

    @wraps(view)
    @centre_view("centres.view_centre")
    def wrapper(request: HttpRequest, centre: Centre, case_id: int, **kwargs) -> HttpResponse:
        return view(request, centre, get_case(request, centre, case_id), **kwargs)

    return wrapper


def _back(grievance: Grievance) -> HttpResponse:
    return redirect("case_detail", centre_id=grievance.centre_id, case_id=grievance.pk)


@require_GET
@centre_view("advocacy.work_cases")
def case_list(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = CaseFilterForm(request.GET or None, centre=centre, user=request.user)
    # Only what a row shows: no ciphertext to decrypt, no complainant or employer, and
    # the issues as a plain list (no related manager made for each row).
    cases = (
        Grievance.objects.visible_to(request.user)
        .for_centre(centre)
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("issues", ISSUES, to_attr="issue_list"))
    )
    if form.is_valid():
        cases = form.apply(cases)
    page = keyset_page(cases, request.GET, key="opened_at")
    return render(
        request,
        "advocacy/case_list.html",
        {
            "centre": centre,
            "form": form,
            "page": page,
            "query": query_without_cursor(request.GET),
            "statuses": choice_labels(Status),
            "risks": choice_labels(Risk),
            "issue_types": choice_labels(IssueType),
        },
    )


@require_http_methods(["GET", "POST"])
@centre_view("advocacy.open_case")
def case_new(request: HttpRequest, centre: Centre) -> HttpResponse:
    form = IntakeForm(
        request.POST if request.method == "POST" else None, centre=centre, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grievance = actions.grievance_open(
                centre=centre,
                by=request.user,
                member=data["member"],
                pseudonym=data["pseudonym"],
                issue_types=data["issue_types"],
                employer=data["employer"],
                new_employer=data["new_employer"],
                new_employer_kind=data["new_employer_kind"],
                sector=data["sector"],
                narrative=data["narrative"],
                contact=data["contact"],
                risk=data["risk"],
                consent_given=data["consent_given"],
                consent_override=data["consent_override"],
                assignees=data["assignees"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Case %(ref)s opened.") % {"ref": isolated(grievance.reference)}
            )
            if not Grievance.objects.visible_to(request.user).filter(pk=grievance.pk).exists():
                # Opened for others only: the case is theirs to read, not the opener's.
                return redirect("case_list", centre_id=centre.pk)
            return _back(grievance)
    return render(request, "advocacy/case_new.html", {"centre": centre, "form": form})


@require_GET
@case_view
def case_detail(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    record_access(grievance)
    user = request.user
    notes = case_notes(user, grievance)
    access_history = None
    if user.has_perm("advocacy.read_access_history", centre):
        access_history = (
            AuditEntry.objects.filter(
                content_type__app_label="advocacy",
                content_type__model="grievance",
                object_pk=str(grievance.pk),
                action=AuditEntry.Action.ACCESS,
            )
            .select_related("actor")
            .order_by("-timestamp")[:50]
        )
    return render(
        request,
        "advocacy/case_detail.html",
        {
            "centre": centre,
            "case": grievance,
            "issues": grievance.issues.all(),
            "assignees": grievance.assignees.all(),
            "notes": notes,
            "events": grievance.events.select_related("actor"),
            "referrals": grievance.referrals.select_related("partner"),
            "remedies": grievance.remedies.all(),
            "access_history": access_history,
            "has_referral_consent": grievance.has_referral_consent,
            # An anonymised case is kept for its counts only (`actions.check_workable`).
            "workable": grievance.anonymised_at is None,
            "move_form": MoveForm(grievance=grievance),
            "open_statuses": OPEN_STATUSES,
            "plan_form": PlanForm(
                initial={"risk": grievance.risk, "follow_up_on": grievance.follow_up_on}
            ),
            "note_form": NoteForm(
                can_write_legal=user.has_perm("advocacy.write_legal_notes", grievance)
            ),
            "referral_form": ReferralForm(centre=centre),
            "referral_status_form": ReferralStatusForm(),
            "remedy_form": RemedyForm(),
            "assign_form": AssignForm(
                centre=centre, initial={"assignees": grievance.assignees.all()}
            )
            if user.has_perm("advocacy.assign_cases", centre) and grievance.anonymised_at is None
            else None,
        },
    )


@require_POST
@case_view
def case_move(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    form = MoveForm(request.POST, grievance=grievance)
    if not form.is_valid():
        messages.error(
            request,
            _("A case in “%(now)s” cannot move there.") % {"now": grievance.get_status_display()},
        )
        return _back(grievance)
    try:
        actions.grievance_move(grievance=grievance, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The case moved on."))
    return _back(grievance)


@require_POST
@case_view
def case_plan(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    """Change the risk and the next follow-up: whoever may work the case."""
    form = PlanForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        events = actions.grievance_plan(grievance=grievance, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if events:
            messages.success(request, _("Risk and follow-up saved."))
        else:
            messages.info(request, _("Nothing changed."))
    return _back(grievance)


@require_POST
@case_view
def note_add(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    # The form reads the legal flag from everyone; the action refuses it to those who
    # may not write legal notes (PermissionDenied: 403).
    form = NoteForm(request.POST, can_write_legal=True)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        actions.note_add(
            grievance=grievance,
            text=form.cleaned_data["text"],
            legal=form.cleaned_data.get("legal", False),
            by=request.user,
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Note added."))
    return _back(grievance)


@require_POST
@case_view
def referral_send(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    form = ReferralForm(request.POST, centre=centre)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        actions.referral_send(grievance=grievance, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Referral recorded."))
    return _back(grievance)


@require_POST
@case_view
def referral_update(
    request: HttpRequest, centre: Centre, grievance: Grievance, referral_id: int
) -> HttpResponse:
    referral = get_object_or_404(Referral.objects.filter(grievance=grievance), pk=referral_id)
    form = ReferralStatusForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        actions.referral_update(
            referral=referral, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Referral status saved."))
    return _back(grievance)


@require_POST
@case_view
def remedy_record(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    form = RemedyForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        actions.remedy_record(grievance=grievance, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Remedy recorded."))
    return _back(grievance)


@require_POST
@case_view
def case_assign(request: HttpRequest, centre: Centre, grievance: Grievance) -> HttpResponse:
    if not request.user.has_perm("advocacy.assign_cases", centre):
        raise PermissionDenied
    form = AssignForm(request.POST, centre=centre)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(grievance)
    try:
        actions.grievance_assign(
            grievance=grievance, assignees=form.cleaned_data["assignees"], by=request.user
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Assignment saved."))
    return _back(grievance)


@require_GET
@centre_view("advocacy.follow_own_case")
def my_cases(request: HttpRequest, centre: Centre) -> HttpResponse:
    """A worker follows their own cases: status and next step, never staff notes."""
    member = own_member(request.user, centre)
    cases = (
        Grievance.objects.filter(member=member, centre=centre).order_by("-opened_at")
        if member is not None
        else Grievance.objects.none()
    )
    rows = [(case, NEXT_STEP[case.status]) for case in cases]
    return render(
        request,
        "advocacy/my_cases.html",
        {"centre": centre, "rows": rows, "linked": member is not None},
    )
