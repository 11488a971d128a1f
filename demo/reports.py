"""Demo feedback reports: the last four closed weeks and the last two closed months of
each centre, and the last closed month of the programme, as the weekly and monthly
beat entries would build them. Building again finds them (one current report per
period)."""

from django.utils import timezone

from advocacy.reports.actions import report_build
from advocacy.reports.scope import Scope
from advocacy.statistics.periods import PeriodKind, PeriodRefused, closed_periods

CENTRE_REPORTS = {PeriodKind.WEEK: 4, PeriodKind.MONTH: 2}
PROGRAMME_REPORTS = {PeriodKind.MONTH: 1}


def load_reports(centres, programme) -> int:
    now = timezone.now()
    scopes = [(Scope.for_centre(centre), CENTRE_REPORTS) for centre in centres]
    scopes.append((Scope.for_programme(programme), PROGRAMME_REPORTS))
    built = 0
    for scope, counts in scopes:
        for kind, count in counts.items():
            # One period more: a programme's last month may not have ended yet in every
            # centre's zone (its report comes the next day); the one before it has.
            held = 0
            for period in closed_periods(kind, zone=scope.zone, now=now, count=count + 1):
                if held == count:
                    break
                try:
                    _report, new = report_build(scope=scope, period=period, now=now)
                except PeriodRefused:
                    continue
                built += new
                held += 1
    return built
