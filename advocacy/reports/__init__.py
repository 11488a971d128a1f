"""Periodic feedback reports: the "managerial feedback loops" of the seed.

A `FeedbackReport` is one scope (a centre, or a programme) and one closed period: a
centre's ISO week, month, quarter or year, a programme's month, quarter or year. A
centre's weekly report is built every Monday morning, centre time (`tasks`). A week
with days in two calendar years is not released on its own (`statistics.periods.
one_year`, asked by `outward_period`): it has no report (building one is refused), and a
report comparing with it shows "—" in its column and says why.

Every figure is read from the stored releases of `advocacy.statistics` (the current
period, the previous period and the same period a year before); a programme's totals
are sums of its centres' *published* cells, hidden as soon as one of them is hidden,
so they tell a reader nothing the centres' releases did not already (see
`programme.total`). Sections that are not counts of people (priority-ballot results
and the manager's responses, published committee decisions, recommendations sent and
their responses) come from the governance and recommendation selectors.

A report is stored. Building a period again (`actions.report_build`) makes a new
version and keeps the old one for reference; one version per scope and period is
current (a partial unique constraint). Each version is announced once per reader by
e-mail, a link and no figures (`centres.mail.mail_once`, unique per version and reader).
"""
