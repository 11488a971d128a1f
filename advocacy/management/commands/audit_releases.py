"""Audit every stored release of every centre: how tightly each hidden cell can be
pinned down by a reader of all of a year's releases (see advocacy.statistics.audit)."""

from django.core.management.base import BaseCommand, CommandError

from advocacy.statistics.models import Release
from advocacy.statistics.releases import audit_family
from centres.models import Centre


class Command(BaseCommand):
    help = "Audit the released figures of every centre (or of one year) by linear programming."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)

    def handle(self, *args, year=None, **options):
        unsafe = 0
        for centre in Centre.objects.order_by("pk"):
            years = sorted(
                {r.period_start.year for r in Release.objects.for_centre(centre)}
                if year is None
                else {year}
            )
            for each in years:
                result = audit_family(centre, each)
                narrowest = min((i.width for i in result.intervals.values()), default=float("inf"))
                releases = Release.objects.for_centre(centre).in_family(each).count()
                self.stdout.write(
                    f"centre {centre.pk} year {each}: {releases} releases, "
                    f"{len(result.intervals)} hidden non-zero cells, narrowest interval "
                    f"{narrowest}, threshold {result.threshold}: "
                    + ("safe" if result.safe else f"UNSAFE {len(result.unsafe)}")
                )
                unsafe += len(result.unsafe)
        if unsafe:
            raise CommandError(f"{unsafe} hidden cells can be pinned down.")
