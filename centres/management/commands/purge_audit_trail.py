"""Remove audit entries past their retention period: the one exception to the trail's
append-only rule, and a procedure of its own (README, "Retention").

On PostgreSQL it must run as the role that owns the trail's table (the role that runs
`migrate`), never the application's role: only the owner can lift the trigger that
refuses DELETE, and it does so inside one transaction that deletes, restores the
trigger and writes one entry saying how many entries were removed and up to when. If
anything fails the transaction rolls back and the trigger was never off for anyone
else. An entry's period is its centre's programme's `audit_entry_years`; an entry of
no centre is kept for the longest period of any programme.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from centres.models import AuditEntry, Programme, RetentionPolicy
from centres.retention.models import policy_for

TABLE = AuditEntry._meta.db_table
TRIGGER = "audit_trail_append_only"
BATCH = 5000


def _past_retention(now) -> Q:
    """Entries past their period: per programme through their centre, and entries of no
    centre past the longest period of all."""
    expired = Q(pk__in=[])
    longest = RetentionPolicy().cutoff("audit_entry_years", now)
    for programme in Programme.objects.all():
        cutoff = policy_for(programme).cutoff("audit_entry_years", now)
        longest = min(longest, cutoff)
        expired |= Q(centre__programme=programme, timestamp__lt=cutoff)
    return expired | Q(centre__isnull=True, timestamp__lt=longest)


def _owns_the_trail() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_userbyid(c.relowner) = current_user OR r.rolsuper "
            "FROM pg_class c, pg_roles r WHERE c.relname = %s AND r.rolname = current_user",
            [TABLE],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


class Command(BaseCommand):
    help = "Remove audit entries past their retention period (as the table's owner)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count them")

    def handle(self, *args, dry_run: bool, **options) -> None:
        now = timezone.now()
        expired = AuditEntry.objects.filter(_past_retention(now))
        if dry_run:
            self.stdout.write(f"Would remove {expired.count()} audit entries.")
            return
        postgresql = connection.vendor == "postgresql"
        if postgresql and not _owns_the_trail():
            raise CommandError(
                "Run this as the role that owns the audit trail (the one that runs migrate), "
                "not the application's role: see the README, section Retention."
            )
        quote = connection.ops.quote_name
        removed = 0
        with transaction.atomic(), connection.cursor() as cursor:
            if postgresql:
                # Deferred foreign-key checks pending in this transaction would forbid
                # the ALTER TABLE: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {quote(TABLE)} DISABLE TRIGGER {quote(TRIGGER)}")
            while ids := list(expired.values_list("pk", flat=True)[:BATCH]):
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM {quote(TABLE)} WHERE id IN ({marks})", ids)  # noqa: S608
                removed += len(ids)
            if postgresql:
                cursor.execute(f"ALTER TABLE {quote(TABLE)} ENABLE TRIGGER {quote(TRIGGER)}")
            AuditEntry.objects.create(
                content_type=ContentType.objects.get_for_model(AuditEntry),
                object_pk="",
                object_repr="centres.auditentry",
                action=AuditEntry.Action.DELETE,
                changes={
                    "removed_entries": ["", str(removed)],
                    "past_retention_at": ["", str(now)],
                },
            )
        self.stdout.write(f"Removed {removed} audit entries past their retention period.")
