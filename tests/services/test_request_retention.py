"""The words of service requests go after their period; kind and status stay. Erasure
of a member with a declined request keeps the database's rule (a reason is kept)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from centres.retention.runner import retention_apply
from members.actions import member_erase
from services import actions
from services.models import ServiceRequest

from ..factories import MemberFactory

NOW = timezone.now()


def test_request_words_go_after_their_period(centre, manager):
    old = actions.request_create(centre=centre, wish="CANARY old wish", by=manager)
    actions.request_move(request=old, status="review", by=manager)
    actions.request_move(request=old, status="declined", reason="CANARY reason", by=manager)
    recent = actions.request_create(centre=centre, wish="CANARY recent wish", by=manager)
    ServiceRequest.objects.filter(pk=old.pk).update(
        created_at=NOW - relativedelta(months=12, days=1)
    )
    ServiceRequest.objects.filter(pk=recent.pk).update(  # just inside the period
        created_at=NOW - relativedelta(months=12) + timedelta(minutes=5)
    )

    assert retention_apply(now=NOW)["request_texts"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert "CANARY" not in old.wish + old.decline_reason and old.status == "declined"
    assert recent.wish == "CANARY recent wish"
    assert retention_apply(now=NOW)["request_texts"] == 0


def test_erasing_a_member_with_a_declined_request(centre, manager):
    member = MemberFactory(centre=centre)
    wish = actions.request_create(centre=centre, wish="CANARY", by=manager, member=member)
    actions.request_move(request=wish, status="review", by=manager)
    actions.request_move(request=wish, status="declined", reason="CANARY why", by=manager)

    member_erase(member=member, by=manager)

    wish.refresh_from_db()
    assert "CANARY" not in wish.wish + wish.decline_reason
    assert wish.status == "declined" and wish.text_removed_at is not None
