"""Erasure lets go of the worker's own account on every row it keeps.

The account stays the worker's login, but a kept row that names it (a booking she made
herself, a meeting she minuted as a committee member) would tie the erased member
code, and what the row says, back to the person. Staff who acted stay named.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from centres.models import CentreRole, Role
from members.actions import member_erase
from members.models import Consent, Member, Visit
from members.retention import anonymise_member

from ..factories import (
    CommitteeFactory,
    MemberFactory,
    SessionFactory,
    VisitFactory,
    open_ballot,
)

# Every reference to an account in the apps' tables, by who may stand in it.
# A worker's own account (or a committee member's, who is a worker) may be recorded in
# these, and erasure clears it there:
WORKER_MAY_ACT = {
    "members.Member.registered_by",
    "members.Consent.recorded_by",
    "members.Visit.logged_by",
    "members.Ballot.created_by",
    "members.BoothDevice.created_by",
    "members.PollingOfficer.named_by",
    "members.PaperBatch.entered_by",
    "members.PaperBatch.confirmed_by",
    "members.TieDraw.recorded_by",
    "members.Meeting.created_by",
    "services.Booking.created_by",
    "services.ServiceRequest.created_by",
    "advocacy.Recommendation.proposed_by",
}
# Only staff act here (rules.py: case roles, the manager, a coordinator):
STAFF_ONLY = {
    "centres.CentreRole.granted_by",
    "centres.Invitation.invited_by",
    "members.Kiosk.created_by",
    "members.PollingOfficer.user",
    "members.Election.returning_officer",
    "members.PriorityResponse.responded_by",
    "services.Service.provider_staff",
    "services.PickUp.recorded_by",
    "advocacy.Grievance.opened_by",
    "advocacy.Grievance.assignees",
    "advocacy.CaseNote.author",
    "advocacy.CaseEvent.actor",
    "advocacy.Referral.created_by",
    "advocacy.Survey.created_by",
    "advocacy.Response.entered_by",
    "advocacy.Comment.entered_by",
    "advocacy.Comment.coded_by",
    "advocacy.Comment.shared_approved_by",
    "advocacy.Recommendation.owner",
    "advocacy.RecommendationResponse.recorded_by",
    "advocacy.FeedbackReport.built_by",
}
# The account itself and what belongs to it, not to the member record. The audit trail
# records nobody when a worker acts on her own record (`centres.audit`).
ACCOUNT_ITSELF = {
    "members.Member.account",
    "centres.CentreRole.user",
    "centres.ProgrammeCoordinator.user",
    "centres.ExportJob.requested_by",
    "centres.SentMail.recipient",
    "centres.AuditEntry.actor",
}
OUR_APPS = {"centres", "members", "services", "advocacy"}


def account_references():
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is user_model:
                yield model, field


def test_every_reference_to_an_account_is_sorted():
    found = {f"{model._meta.label}.{field.name}" for model, field in account_references()}
    assert found == WORKER_MAY_ACT | STAFF_ONLY | ACCOUNT_ITSELF


def rows_naming(account):
    rows = {}
    for model, field in account_references():
        label = f"{model._meta.label}.{field.name}"
        if label in WORKER_MAY_ACT:
            lookup = {field.name: account}
            rows[label] = model.objects.filter(**lookup).count()
    return {label: count for label, count in rows.items() if count}


def totals():
    return {
        f"{model._meta.label}": model._base_manager.count()
        for model, _field in account_references()
        if f"{model._meta.label}.{_field.name}" in WORKER_MAY_ACT
    }


def registered(*, by, **fields):
    member = MemberFactory(**fields)
    Member.objects.filter(pk=member.pk).update(registered_by=by)
    member.refresh_from_db()
    return member


@pytest.fixture
def her_rows(centre, worker, social_worker):
    """Sita, with her own account, and a row of every kind where that account may
    stand, written by her."""
    from advocacy.recommendations import actions as recommendations
    from members.models import (
        Ballot,
        BoothDevice,
        Meeting,
        PaperBatch,
        PollingOfficer,
        TieDraw,
    )
    from services import actions as services

    sita = registered(centre=centre, account=worker, by=worker)
    VisitFactory(centre=centre, member=sita, logged_by=worker)
    Consent.objects.filter(member=sita).update(recorded_by=worker)
    services.booking_create(session=SessionFactory(service__centre=centre), member=sita, by=worker)
    services.request_create(centre=centre, wish="Arabic lessons", by=worker, member=sita)
    committee = CommitteeFactory(centre=centre)
    ballot = open_ballot(committee)
    Ballot.objects.filter(pk=ballot.pk).update(created_by=worker)
    Meeting.objects.create(committee=committee, held_on=timezone.localdate(), created_by=worker)
    BoothDevice.objects.create(
        centre=centre, label="Corner", token_hash="0" * 64, created_by=worker
    )
    PollingOfficer.objects.create(ballot=ballot, user=social_worker, named_by=worker)
    PaperBatch.objects.create(ballot=ballot, label="Box 1", papers=3, totals={}, entered_by=worker)
    PaperBatch.objects.create(
        ballot=ballot, label="Box 2", papers=3, totals={}, entered_by=social_worker,
        confirmed_by=worker, confirmed_at=timezone.now(),
    )  # fmt: skip
    TieDraw.objects.create(ballot=ballot, drawn_by="the oldest", winners=[], recorded_by=worker)
    recommendations.recommendation_draft(
        centre=centre,
        by=worker,
        owner=social_worker,
        title="Childcare on Fridays",
        addressee_kind="labour_office",
        addressee_name="Amman labour inspectorate",
        deficits=["wages"],
        text="Open the childcare room on Fridays.",
        proposed=True,
    )
    assert set(rows_naming(worker)) == WORKER_MAY_ACT, "every kind of row is made"
    return sita


def test_erasure_leaves_no_kept_row_naming_her_account(her_rows, worker, manager):
    before = totals()
    member_erase(member=her_rows, by=manager)
    assert rows_naming(worker) == {}
    assert totals() == before  # the rows stay, counted


def test_retention_anonymisation_leaves_no_row_naming_her_account(her_rows, worker):
    before = totals()
    anonymise_member(her_rows)
    assert rows_naming(worker) == {}
    assert totals() == before


def test_staff_who_acted_stay_named(centre, worker, social_worker, manager):
    from services import actions as services

    sita = registered(centre=centre, account=worker, by=social_worker)
    visit = VisitFactory(centre=centre, member=sita, logged_by=social_worker)
    booking = services.booking_create(
        session=SessionFactory(service__centre=centre), member=sita, by=social_worker
    )
    member_erase(member=sita, by=manager)
    sita.refresh_from_db()
    booking.refresh_from_db()
    assert sita.registered_by == social_worker
    assert Visit.objects.get(pk=visit.pk).logged_by == social_worker
    assert booking.created_by == social_worker


def test_her_account_acting_for_another_member_as_staff_stays_named(centre, worker, manager):
    """One account may be a worker's in one centre and staff in another: only what she
    did as the erased member, in her centre, is let go."""
    from centres.models import Centre
    from services import actions as services

    elsewhere = Centre.objects.exclude(pk=centre.pk).first() or MemberFactory().centre
    CentreRole.objects.create(centre=elsewhere, user=worker, role=Role.SOCIAL_WORKER)
    sita = MemberFactory(centre=centre, account=worker)
    client_there = registered(centre=elsewhere, by=worker)
    booking = services.booking_create(
        session=SessionFactory(service__centre=elsewhere), member=client_there, by=worker
    )
    member_erase(member=sita, by=manager)
    client_there.refresh_from_db()
    booking.refresh_from_db()
    assert client_there.registered_by == worker
    assert booking.created_by == worker
