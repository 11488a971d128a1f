"""The centre's live dashboard of visits and service use: exact, for the staff only.
The committee and the coordinator are sent to the released figures of closed periods
instead. It reads across members and services, so it sits on the top domain layer."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from centres.access import centre_view
from centres.local_time import day_start, today, zone_of
from centres.models import Centre
from members.access import live_figures
from members.selectors import visit_figures
from services.demand import service_use

from .charts import daily_bar_chart

DAYS = 90
# The drawn rows and bars of closed days are kept this long (`figures.closed` names
# them and changes whenever a closed day does; a new day starts a new one anyway).
CLOSED_DRAWN_FOR = 24 * 60 * 60


@require_GET
@centre_view("members.view_dashboard")
@live_figures
def dashboard(request: HttpRequest, centre: Centre) -> HttpResponse:
    now = timezone.now()
    since = day_start(today(centre, now) - timedelta(days=DAYS - 1), zone_of(centre))
    figures = visit_figures(centre=centre, since=since, until=now)
    use = service_use(centre=centre, since=since, until=now)
    return render(
        request,
        "members/dashboard.html",
        {
            "centre": centre,
            "figures": figures,
            "chart": daily_bar_chart(
                figures.days, rtl=translation.get_language_bidi(), closed=figures.closed_count
            ),
            "days": DAYS,
            "service_use": use,
            "closed_drawn_for": CLOSED_DRAWN_FOR,
        },
    )
