"""Safe figures: the one disclosure-control layer for every figure that leaves the staff.

Committee and coordinator pages, exports, recommendations' evidence and periodic
reports read their counts from here and from nowhere else. Staff pages that need
exact operational numbers (today's visits, a session's bookings) stay live and exact
and are not shown to those roles.

Rules (DESIGN.md, "Figures that leave the staff"):

- **Closed, standard periods only**: an ISO week, a calendar month, quarter or year
  in the centre's IANA time zone, once it has ended. No "up to now", no custom or
  shifted range: `periods.PeriodRefused`. A week with days in two calendar years is
  refused too (`periods.one_year`): its days are released in December's and
  January's figures.
- **Segments**: every released period is a sum of segments (week ∩ month; a week is
  one or two, a month four to six). A segment's exact tables are read once, by the
  first release that covers it, and stored (`models.SegmentSnapshot`); every later
  release covering it is built from them. The auditor's atoms are segments, so a
  month minus its whole weeks (the days of its partial weeks) is a sum it checks.
- **Counted people**: anonymous head-counts, and members who consent to anonymised
  statistics when the period is released. Pseudonymous cases never count.
- **Threshold** per programme (`Programme.suppression_threshold`, default 5).
- **Primary suppression** of 1 … threshold − 1, **zeros hidden** beside hidden cells,
  and **secondary suppression** across every table and margin of the release and
  across every release of the same calendar year (weeks, months, quarters, the year),
  checked by an LP auditor until every hidden cell of 1 … threshold − 1 has an
  interval at least threshold wide that reaches zero; so must every count of one raw
  row on the days of one segment (`family.atom_cells`), which releases differenced
  can pin (a month minus its whole weeks). Rows the calendar rules out (no Tuesday in
  1–4 October: `tables.calendar_labels`) are zeros every reader knows, and the
  auditor knows them too.
- **Frozen**: a release is computed once and stored; later records (a visit logged
  late, a consent withdrawn) never change what was published.

API
---

``releases.release(*, centre, period, now=None) -> models.Release``
    The release for `period` (a ``periods.Period`` or a key: "2026-W05", "2026-03",
    "2026-Q1", "2026"). Builds and stores it on first use (and every month/quarter
    inside it first); raises ``periods.PeriodRefused`` (a ValueError with a translated message)
    for a period that may not be released. Called only by the schedule and by report
    builds (Celery), never on a request: a build costs seconds to a minute of CPU, and
    each released week adds hidden cells to its year's family.

``schedule`` (releases on schedule; what pages read)
    ``OFFERED``: the (kind, count) of closed periods the pages offer and the schedule
    releases; ``offered_periods(centre, now=None)``; ``releases_make(*, centre, now=None)``
    releases every offered period not stored yet (weeks, months, quarters, years; run
    hourly by ``advocacy.tasks.release_closed_periods``); ``release_scheduled(*, centre,
    period, now=None)`` one period, audited as made by the schedule;
    ``stored_release(centre, period) -> Release | None`` what a page reads (never builds);
    ``not_released_yet(period)`` what a page says while it is None.

``models.Release``
    ``.period`` (Period), ``.threshold``, ``.released_at``, ``.has_hidden``;
    ``.published``: ``{table: {label: int | None}}`` where None is a hidden cell;
    ``.table(name)`` / ``.value(table, label)``; ``.facts``: sessions and places per
    category id (the centre's offer, exact). Tables and labels:

    ======================  ==========================================================
    visits.total            {"people": n} — people who came (a head-count row counts its people)
    visits.kind             "anonymous", "identified"
    visits.hour             "00" … "23", local hour of arrival
    visits.weekday          "1" (Monday) … "7"
    visits.gender           Gender codes, "" not recorded
    visits.age_band         AgeBand codes, ""
    visits.nationality      ISO 3166 codes named only with ≥ threshold people, "*other", ""
    visits.purpose          ServiceCategory id → people (several purposes per visit)
    visits.members          {"members": n} — different consenting members who came
    use.people              ServiceCategory id → people at sessions held (attended + walk-ins)
    use.total               {"all": n}
    requests.cell           "<category id or ''>|<RequestStatus>" → requests made in the period
    requests.category       category id or "" → requests
    requests.status         RequestStatus → requests
    requests.total          {"all": n}
    cases.total             {"cases": n} — cases opened in the period
    cases.status            Status codes (status when released)
    cases.outcome           Outcome codes of resolved/closed cases, "" not recorded
    cases.sector            Sector codes, ""
    cases.employer          Employer id named only with ≥ threshold cases, "*other", ""
    cases.issue             IssueType codes (several per case)
    cases.remedy            RemedyKind codes: cases that obtained each
    feedback.responses      {"responses": n} — survey responses given in the period
    feedback.satisfaction   "1" … "5" → rating answers (one per rating question answered)
    feedback.comments       {"comments": n} — free comments given in the period
    feedback.sentiment      Sentiment codes, "" not coded yet (each comment in one row)
    feedback.theme          ThemeCode → comments coded into it (several per comment)
    ======================  ==========================================================

    Feedback counts answers and comments, never people: anonymous by nature, or a
    member's (who asked to be contacted) only with consent to statistics; dated by the
    local day given. A table added after some months of a period were released is left
    out of that period's release (``family.release_cells``).
    ``feedback_tables.mean_rating(table)``: the mean rating, only when no row is hidden.

``Release.magnitudes`` (``magnitudes`` module: the rules and their sources)
    Figures that are not counts, kept out of ``published`` (they do not add up):
    ``{"cases.days": {"median": n | None}, "cases.wages": {currency: n}}`` — median
    local days from opening to finishing of the cases finished in the period (only with
    ≥ threshold cases), and wages recovered per currency recorded in the period (only
    currencies passing the minimum-frequency and p% rules, also for what differencing a
    quarter or year against its released parts leaves; never for a week, whose sum
    against its month's would leave the rest of the month unchecked). ``{}`` for a
    period one of whose months was released before magnitudes existed.

``labels.Labeller(centre)(table, label)``
    The human label of a row (category and employer names, choice labels, hours).
``labels.period_name(period)``
    A period in words in the active language: "March 2026", "Q1 2026", "2026", and a
    week with its days (see `labels.period_name`).

``periods``: ``Period.week/month/quarter/year/parse/containing``, ``Period.key``,
    ``Period.segments()``, ``Segment``, ``outward_period(key, zone=, now=)``,
    ``one_year(period)``, ``closed_periods(kind, zone=, now=, count=)``,
    ``centre_zone(centre)``, ``OUTWARD_KINDS``, ``PeriodRefused``.

``releases.audit_family(centre, year) -> audit.Audit``
    The auditor over every stored release of a centre's year: ``.safe``,
    ``.intervals`` {cell key: Interval(low, high)}, ``.unsafe``.

``audit.audit(cells, hidden, threshold, links)`` and ``suppression.protect(...)``
    The pure primitives (no Django), for tables built elsewhere.

Management command: ``manage.py audit_releases [--year Y]`` audits every centre.
"""
