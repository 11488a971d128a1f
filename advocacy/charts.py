"""Bar charts drawn on the server: geometry here, markup in
`templates/members/_bar_chart.svg.html`. No script, no inline style (strict CSP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

WIDTH = 360  # viewBox units; the SVG itself is 100% wide, so this fits a 360px phone
HEIGHT = 180
MARGIN_START = 34  # room for the scale's labels
MARGIN_END = 6
MARGIN_TOP = 10
MARGIN_BOTTOM = 22  # room for the months
HIDDEN_MARK = 3  # height of the mark drawn for a hidden figure


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    count: int | None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_start: float
    plot_end: float
    baseline: float
    bars: list[Bar]
    gridlines: list[Label]  # y of a horizontal line, with its value
    ticks: list[Label]  # first day of each month
    highest: Bar | None
    has_hidden: bool
    top: int = 0  # the scale's top value: with the days and the direction, it places every bar
    closed: int = 0  # how many bars, from the first, are of closed days (cached when drawn)

    @property
    def closed_bars(self) -> list[Bar]:
        return self.bars[: self.closed]

    @property
    def open_bars(self) -> list[Bar]:
        return self.bars[self.closed :]


def daily_bar_chart(
    days: list[tuple[date, int | None]], *, rtl: bool = False, closed: int = 0
) -> BarChart:
    """One bar per day. Right to left, the first day is on the right. The first
    `closed` days are closed ones, whose bars a page may keep once drawn."""
    plot_width = WIDTH - MARGIN_START - MARGIN_END
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_height
    top = nice_ceiling(max((count or 0 for _, count in days), default=0))
    step = plot_width / max(len(days), 1)
    gap = min(1.0, step / 4)

    def across(x: float, width: float = 0) -> float:
        """From the start edge of the plot, in the reading direction."""
        return round(WIDTH - MARGIN_START - x - width if rtl else MARGIN_START + x, 2)

    bars = []
    for n, (day, count) in enumerate(days):
        height = HIDDEN_MARK if count is None else plot_height * count / top
        bars.append(
            Bar(
                x=across(n * step + gap / 2, step - gap),
                y=round(baseline - height, 2),
                width=round(step - gap, 2),
                height=round(height, 2),
                day=day,
                count=count,
            )
        )
    # Lines at 0, the top and (when it is a whole number of people) halfway.
    values = [0, top // 2, top] if top % 2 == 0 else [0, top]
    gridlines = [
        Label(
            x=across(-MARGIN_START / 2), y=round(baseline - plot_height * v / top, 2), text=str(v)
        )
        for v in values
    ]
    ticks = [
        Label(
            x=across(min(max(n * step + step / 2, 14), plot_width - 14)),
            y=HEIGHT - 6,
            text=date_format(day, "M"),
        )
        for n, (day, _) in enumerate(days)
        if day.day == 1
    ]
    visible = [bar for bar in bars if bar.count]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        plot_start=across(0),
        plot_end=across(plot_width),
        baseline=baseline,
        bars=bars,
        gridlines=gridlines,
        ticks=ticks,
        highest=max(visible, key=lambda bar: bar.count) if visible else None,
        has_hidden=any(bar.hidden for bar in bars),
        top=top,
        closed=closed,
    )


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50… that is at least `value`, so the scale reads
    in round numbers."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


@dataclass(frozen=True)
class Row:
    y: float
    bar_x: float
    width: float
    label: str
    label_x: float
    count: int | None
    value_x: float
    share: float  # the bar's length in per cent of the longest a bar may be (0-100)
    share_x: float  # where it starts, in the same per cent: 0, or its end's mirror

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class RowChart:
    width: int
    height: int
    bar_height: float
    rows: list[Row]
    label_anchor: str  # where each row's name is anchored, in SVG's own (LTR) terms
    value_anchor: str
    has_hidden: bool


ROW_HEIGHT = 22
LABEL_ROOM = 150  # viewBox units for the row names


def row_bar_chart(rows: list[tuple[str, int | None]], *, rtl: bool = False) -> RowChart:
    """One horizontal bar per row of a released table (the table beside it gives the
    same figures). A hidden figure gets a short grey mark, never a length. Right to
    left, names are on the right and bars grow leftwards.

    The page draws it as one SVG (`_row_chart.svg.html`); the PDF as a table whose
    names and figures are HTML text and whose bars alone are SVG
    (`_row_chart_print.html`): WeasyPrint shapes HTML text but draws SVG text without
    Arabic joining."""
    room = WIDTH - LABEL_ROOM - MARGIN_END - 30  # 30: room for the figure after the bar
    top = nice_ceiling(max((count or 0 for _, count in rows), default=0)) or 1
    drawn = []
    for n, (label, count) in enumerate(rows):
        length = round(HIDDEN_MARK if count is None else room * count / top, 2)
        bar_x = WIDTH - LABEL_ROOM - length if rtl else LABEL_ROOM
        drawn.append(
            Row(
                y=MARGIN_TOP + n * ROW_HEIGHT,
                bar_x=round(bar_x, 2),
                width=length,
                label=label,
                label_x=WIDTH - LABEL_ROOM + 6 if rtl else LABEL_ROOM - 6,
                count=count,
                value_x=round(bar_x - 4 if rtl else bar_x + length + 4, 2),
                share=round(100 * length / room, 2),
                share_x=round(100 - 100 * length / room, 2) if rtl else 0,
            )
        )
    return RowChart(
        width=WIDTH,
        height=MARGIN_TOP * 2 + ROW_HEIGHT * len(rows),
        bar_height=ROW_HEIGHT - 6,
        rows=drawn,
        label_anchor="start" if rtl else "end",
        value_anchor="end" if rtl else "start",
        has_hidden=any(row.hidden for row in drawn),
    )
