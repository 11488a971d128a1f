"""Apply the retention periods now, or with --dry-run show what the next run would touch.

The daily Celery task (`centres.tasks.apply_retention`) does the same on schedule.
Prints counts only, never contents.
"""

from django.core.management.base import BaseCommand

from centres.retention.runner import retention_apply, retention_preview


class Command(BaseCommand):
    help = "Anonymise or remove what is past its retention period (--dry-run: only count)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what the next run would touch"
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        if not dry_run:
            for key, count in retention_apply().items():
                self.stdout.write(f"{key}: {count}")
            return
        found = retention_preview()
        for due in found:
            self.stdout.write(
                f"{due.programme.name} / {due.centre.code} / {due.step.key}: {due.count} "
                f"(before {due.cutoff:%Y-%m-%d})"
            )
        self.stdout.write(f"Would touch {sum(due.count for due in found)} records.")
