"""The secret ballot: nothing in the application links a vote to its voter."""

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from centres.models import AuditEntry
from members.actions import ballot_cast
from members.models import Ballot, Participation, Receipt, Vote

from ..factories import CommitteeFactory, MemberFactory, close_voting, open_ballot


def test_no_model_path_links_a_vote_or_receipt_to_a_voter():
    """A vote and a receipt point only at their ballot, nothing points at them, and the
    participation (who voted) points at neither."""
    for model in (Vote, Receipt):
        relations = [f for f in model._meta.get_fields() if f.is_relation]
        assert [(f.name, f.related_model) for f in relations] == [("ballot", Ballot)], model
        names = {f.name for f in model._meta.get_fields() if f.concrete}
        assert "member" not in names and "user" not in names
        assert not {"created_at", "timestamp", "cast_at"} & names
        assert model._meta.pk.get_internal_type() == "UUIDField"  # no sequence to order them
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model not in (Vote, Receipt), (model, field.name)


def test_votes_participations_and_receipts_are_neither_audited_nor_in_the_admin():
    for model in (Participation, Vote, Receipt):
        assert not auditlog.contains(model)
        assert model not in admin.site._registry


@pytest.mark.django_db
def test_casting_leaves_no_trace_in_the_audit_trail(centre):
    member = MemberFactory(centre=centre)
    ballot = open_ballot(CommitteeFactory(centre=centre))
    before = AuditEntry.objects.count()
    code = ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])
    assert AuditEntry.objects.count() == before
    close_voting(ballot=ballot, by=None)
    secret_types = ContentType.objects.get_for_models(Participation, Vote, Receipt).values()
    assert not AuditEntry.objects.filter(content_type__in=secret_types).exists()
    vote = Vote.objects.get()
    for entry in AuditEntry.objects.all():
        text = f"{entry.changes} {entry.object_repr} {entry.additional_data}"
        assert str(vote.id) not in text and code not in text


@pytest.mark.django_db
def test_no_admin_or_staff_page_shows_a_vote_or_receipt(client, centre, manager):
    from django.urls import reverse

    from ..factories import UserFactory

    member = MemberFactory(centre=centre, preferred_name="Sita Tamang")
    ballot = open_ballot(CommitteeFactory(centre=centre))
    code = ballot_cast(ballot=ballot, member=member, choices=[ballot.options.first().pk])
    vote = Vote.objects.get()
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    pages += [
        reverse("member_detail", args=[centre.pk, member.pk]),
        reverse("audit_trail", args=[centre.pk]),
        reverse("ballot_detail", args=[centre.pk, ballot.pk]),
        reverse("governance_home", args=[centre.pk]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert str(vote.id) not in body and code not in body, url
    client.force_login(manager)
    body = client.get(reverse("member_detail", args=[centre.pk, member.pk])).content.decode()
    assert code not in body and str(vote.id) not in body
