"""Periodic feedback reports: the "managerial feedback loops" of the seed.

A `FeedbackReport` is one scope (a centre, or a programme) and one closed period
(calendar month, quarter or year; the safe-figures layer refuses ISO weeks because
they straddle months and could be differenced against the months, so the weekly
schedule builds whatever closed months are due rather than a weekly release).

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
