"""Magnitudes in the layer: median days to finish a case, wages recovered per currency
(minimum frequency and p% rules), safe against differencing months, quarters, a year."""

import itertools
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy import actions as case_actions
from advocacy.models import Grievance, Remedy
from advocacy.statistics.magnitudes import WAGES, release_magnitudes, sensitive
from advocacy.statistics.periods import Period
from advocacy.statistics.releases import release
from tests.factories import MemberFactory

UTC = ZoneInfo("UTC")
NOW = datetime(2027, 1, 10, tzinfo=UTC)


def test_the_p_percent_rule():
    assert sensitive([Decimal(100)] * 4, 5)  # too few cases
    assert not sensitive([Decimal(100)] * 5, 5)
    # One worker recovered almost everything: the second could estimate it closely.
    assert sensitive([Decimal(1000), Decimal(10), Decimal(10), Decimal(10), Decimal(10)], 5)
    assert not sensitive([Decimal(1000), Decimal(400), Decimal(300), Decimal(80), Decimal(20)], 5)


def inputs(wages: dict[str, dict[str, int]] | None = None, days=None) -> dict:
    return {
        "cases.days": days or {},
        WAGES: {c: {k: str(v) for k, v in cases.items()} for c, cases in (wages or {}).items()},
    }


def build_year(months: dict[int, dict], threshold=5) -> dict[str, dict]:
    """Release every month, quarter and the year in the layer's order; key -> magnitudes."""
    snapshots = {f"2026-{m:02d}": months.get(m, inputs()) for m in range(1, 13)}
    released: dict[Period, dict] = {}

    def build(period):
        parts = [(p, r) for p, r in released.items() if p.within(period)]
        released[period] = release_magnitudes(period, snapshots, threshold=threshold, parts=parts)

    for quarter in range(1, 5):
        for month in Period.quarter(2026, quarter).months():
            build(month)
        build(Period.quarter(2026, quarter))
    build(Period.year(2026))
    return {p.key: r for p, r in released.items()}, snapshots


def five(amount=100, prefix="m"):
    return {f"{prefix}{n}": amount for n in range(5)}


def test_a_quarter_does_not_give_away_its_one_hidden_month():
    months = {
        1: inputs({"USD": {"alone": 2000}}),  # one case: hidden
        2: inputs({"USD": five(100, "feb")}),
        3: inputs({"USD": five(100, "mar")}),
    }
    released, _ = build_year(months)
    assert "USD" not in released["2026-01"][WAGES]
    assert released["2026-02"][WAGES] == {"USD": 500}
    # Q1 passes both rules on its own, but Q1 − February − March would be January's case.
    assert "USD" not in released["2026-Q1"][WAGES]
    assert "USD" not in released["2026"][WAGES]  # nor does the year


def test_the_median_needs_enough_cases():
    days = {str(n): n * 10 for n in range(5)}
    released, _ = build_year({1: inputs(days=days), 2: inputs(days={"x": 3})})
    assert released["2026-01"]["cases.days"] == {"median": 20}
    assert released["2026-02"]["cases.days"] == {"median": None}
    assert released["2026-Q1"]["cases.days"] == {"median": 15}  # six cases


def test_a_period_with_a_month_released_before_magnitudes_releases_none():
    snapshots = {"2026-01": {}, "2026-02": inputs(), "2026-03": inputs()}
    assert release_magnitudes(Period.quarter(2026, 1), snapshots, threshold=5) == {}


amounts = st.dictionaries(
    st.sampled_from([f"case{n}" for n in range(12)]), st.integers(1, 3000), max_size=9
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.integers(1, 12), amounts, max_size=12))
def test_no_released_sum_can_be_differenced_down_to_a_sensitive_one(wages):
    """Every way a reader can subtract released parts from a released quarter or year
    leaves a set of months whose contributions are none or pass both rules."""
    released, snapshots = build_year({m: inputs({"USD": w}) for m, w in wages.items()})

    def shown(key):
        return released[key][WAGES].get("USD") is not None

    def rest_of(months):
        totals = {}
        for m in months:
            for case, amount in snapshots[m][WAGES].get("USD", {}).items():
                totals[case] = totals.get(case, 0) + Decimal(amount)
        return totals

    def coverings(quarter):
        month_keys = [m.key for m in quarter.months()]
        shown_months = [m for m in month_keys if shown(m)]
        options = [set(c) for n in range(4) for c in itertools.combinations(shown_months, n)]
        if shown(quarter.key):
            options.append(set(month_keys))
        return options

    for q in range(1, 5):
        quarter = Period.quarter(2026, q)
        if shown(quarter.key):
            for covered in coverings(quarter)[:-1]:
                rest = rest_of(m.key for m in quarter.months() if m.key not in covered)
                assert not rest or not sensitive(rest.values(), 5), (quarter.key, covered)
    if shown("2026"):
        for choice in itertools.product(*(coverings(Period.quarter(2026, q)) for q in range(1, 5))):
            covered = set().union(*choice)
            rest = rest_of(f"2026-{m:02d}" for m in range(1, 13) if f"2026-{m:02d}" not in covered)
            assert not rest or not sensitive(rest.values(), 5), covered


@pytest.mark.django_db
def test_released_magnitudes_from_the_cases(
    client, centre, social_worker, manager, committee_member
):
    zone = centre.time_zone
    opened = datetime(2026, 2, 20, 10, tzinfo=zone)
    finished = datetime(2026, 3, 10, 10, tzinfo=zone)
    refusing = MemberFactory(centre=centre, consents=("services",))
    for n, member in enumerate([MemberFactory(centre=centre) for _ in range(6)] + [refusing]):
        case = case_actions.grievance_open(
            consent_given=True,
            centre=centre, by=social_worker, member=member, narrative="unpaid",
            issue_types=["wage_theft"], assignees=[social_worker],
        )  # fmt: skip
        case_actions.remedy_record(
            grievance=case, kind="wages", by=social_worker,
            amount=Decimal(100 + 10 * n if member != refusing else 90_000), currency="jod",
        )  # fmt: skip
        Grievance.objects.filter(pk=case.pk).update(
            opened_at=opened, status="resolved", outcome="favour",
            finished_at=finished + timedelta(days=n),
        )  # fmt: skip
    Remedy.objects.update(recorded_at=finished)
    march = release(centre=centre, period="2026-03", now=NOW)
    assert march.magnitudes["cases.days"] == {"median": 21}  # 18 … 23 days: six cases
    assert march.magnitudes[WAGES] == {"JOD": 750}  # the refusing member is not counted
    for user, url in (
        (manager, reverse("case_figures", args=[centre.pk])),
        (committee_member, reverse("released_figures", args=[centre.pk])),
    ):
        client.force_login(user)
        page = client.get(url, {"period": "2026-03"}).content.decode()
        assert 'id="median-days">21<' in page
        assert "JOD" in page and "750" in page and "90" not in page.split("JOD")[1][:20]
