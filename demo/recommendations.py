"""Demo recommendations in several statuses; two are sent, with frozen evidence cited
from the last closed month's release of figures."""

from datetime import timedelta

from advocacy.recommendations import actions
from advocacy.recommendations.evidence import citable_cells, offered_periods
from advocacy.recommendations.models import Recommendation
from advocacy.statistics.periods import Period
from advocacy.statistics.schedule import release_scheduled
from centres.models import User

PREFERRED = ("cases.issue", "cases.total", "requests.category", "requests.total", "visits.total")


def _evidence(centre) -> tuple[str, list[tuple[str, str]]]:
    period = offered_periods(centre)[0]
    # Released as the hourly schedule would have by now: evidence cites stored releases.
    release_scheduled(centre=centre, period=Period.parse(period))
    cells = sorted(
        (cell for cell in citable_cells(centre, period) if cell.value),
        key=lambda cell: (
            PREFERRED.index(cell.table) if cell.table in PREFERRED else 9,
            -cell.value,
        ),
    )
    return period, [(cell.table, cell.label) for cell in cells[:3]]


def load_recommendations(centre, *, manager: User, committee: User) -> None:
    period, cells = _evidence(centre)
    common = {"centre": centre, "owner": manager}
    inspectorate = actions.recommendation_draft(
        by=manager,
        title="Inspect recruitment agencies that keep workers' passports",
        addressee_kind="labour_office",
        addressee_name="Directorate of Labour Inspection, Zarqa governorate",
        deficits=["documents", "recruitment"],
        text="Workers tell the centre that agencies keep their passports and charge fees. "
        "We recommend unannounced inspections of the agencies serving the Sahab estate.",
        **common,
    )
    employer = actions.recommendation_draft(
        by=manager,
        title="Pay wages on time, every month",
        addressee_kind="employer",
        addressee_name="Acme Garments",
        deficits=["wages", "wages_withheld"],
        text="We recommend paying wages by bank transfer on the 5th of each month.",
        **common,
    )
    for recommendation in (inspectorate, employer):
        if cells:
            actions.evidence_cite(
                recommendation=recommendation, by=manager, centre=centre, period=period, cells=cells
            )
            actions.recommendation_send(recommendation=recommendation, by=manager)
    if inspectorate.evidence_items.exists():
        inspectorate.refresh_from_db()
        actions.recommendation_move(recommendation=inspectorate, by=manager, status="acknowledged")
        actions.response_record(
            recommendation=inspectorate,
            by=manager,
            received_on=inspectorate.sent_on,
            summary="The directorate will inspect three agencies this quarter.",
        )
        employer.refresh_from_db()
        actions.recommendation_move(
            recommendation=employer,
            by=manager,
            status="no_response",
            follow_up_on=employer.sent_on + timedelta(days=30),
        )
    actions.recommendation_draft(
        by=manager,
        title="A weekly rest day for domestic workers",
        addressee_kind="ministry",
        addressee_name="Ministry of Labour",
        deficits=["working_time", "overtime"],
        text="Enforce one full rest day a week, as the law already provides.",
        **common,
    )
    actions.recommendation_draft(
        by=committee,
        proposed=True,
        title="Fewer people per room in the dormitories",
        addressee_kind="union",
        addressee_name="General Trade Union of Workers in Textile, Garment and Clothing Industries",
        deficits=["living"],
        text="Raise dormitory conditions in the next collective agreement.",
        **common,
    )


def has_recommendations(centre) -> bool:
    return Recommendation.objects.filter(centre=centre).exists()
