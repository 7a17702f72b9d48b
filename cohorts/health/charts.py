"""Horizontal bar charts as SVG geometry, and the table behind each. Pure: the figures come from
``selectors``. Drawn in a 400-unit-wide view box that the page scales to its width, so a chart
reads on a 390 px phone at about the size of the text around it; the label sits above its bar,
so long names need no room beside it."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .selectors import Figures

WIDTH = 400
ROW = 46
LABEL_CHARS = 46
CHAR_WIDTH = 9  # a generous width of one character of the values' 15px text, in view-box units


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str
    label_y: int
    bar_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    key: str  # the chart's id on the page and its CSV's name
    title: str
    summary: str  # the sentence under it, said to a screen reader as the chart's description
    columns: tuple[str, ...]  # the table's header
    rows: list[tuple[Any, ...]]  # the table's rows (the CSV's too)
    bars: list[Bar]
    empty: str  # what the page says when there is nothing to draw

    @property
    def height(self) -> int:
        return max(len(self.bars) * ROW, ROW)


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    key: str,
    title: str,
    summary: str,
    columns: Iterable[str],
    rows: Sequence[tuple[Any, ...]],
    value_of: Callable[[tuple[Any, ...]], float],
    text_of: Callable[[tuple[Any, ...]], str] | None = None,
    empty: str = "Nothing to show yet.",
) -> Chart:
    """A chart of ``rows`` (the table's rows), a bar each: ``value_of(row)`` its length and
    ``text_of(row)`` what is written after it; the label is the row's first cell."""
    text_of = text_of or (lambda row: str(value_of(row)))
    peak = max((value_of(row) for row in rows), default=0) or 1
    # The longest bar leaves room for the longest value written after it.
    space = WIDTH - 6 - CHAR_WIDTH * max((len(text_of(row)) for row in rows), default=0)
    bars = [
        Bar(
            label=short(str(row[0])),
            value=value_of(row),
            value_text=text_of(row),
            label_y=n * ROW + 15,
            bar_y=n * ROW + 21,
            width=round(space * value_of(row) / peak),
            value_x=round(space * value_of(row) / peak) + 6,
        )
        for n, row in enumerate(rows)
    ]
    return Chart(key, title, summary, tuple(columns), list(rows), bars, empty)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _sentences(people: int | None) -> dict[str, str]:
    """What the charts say: to a cohort's facilitators (``people`` None), or to a district's coordinator about their
    ``people`` in the cohort, whose work alone the figures count."""
    if people is None:
        return {
            "completed": "Submissions rated complete each week",
            "none_completed": "No submission has been rated complete yet.",
            "waiting": "waiting now",
            "feedback": "Feedback came in",
            "no_feedback": "No feedback has been given yet.",
            "revisions": "How often feedback asked for a revision of each activity, and how many revisions came back: "
            "where participants most often needed more.",
            "no_revisions": "No feedback has asked for a revision yet.",
            "attendance": "Participants who attended enough of each session to count (three quarters of it or more).",
        }
    return {
        "completed": "Your people's submissions rated complete each week",
        "none_completed": "None of your people's submissions has been rated complete yet.",
        "waiting": "of your people's submissions waiting now",
        "feedback": "Feedback to them came in",
        "no_feedback": "No feedback has been given to them yet.",
        "revisions": "How often feedback asked your people for a revision of each activity, and how many revisions "
        "they sent: where they most often needed more.",
        "no_revisions": "No feedback has asked your people for a revision yet.",
        "attendance": f"How many of your {people} {'person' if people == 1 else 'people'} registered attended enough "
        "of each session to count (three quarters of it or more).",
    }


def cohort_charts(figures: "Figures", runs_workshops: bool, people: int | None = None) -> list[Chart]:
    """The health page's charts, in the page's order, from ``selectors.Figures``: of a whole cohort, or (``people``:
    how many) of some people in it, a district's, said to their coordinator."""
    say = _sentences(people)
    completions = [(f"Week of {week:%b} {week.day}", count) for week, count in figures.completions]
    total = sum(count for _, count in completions)
    turnaround = figures.turnaround
    charts = [
        bar_chart(
            "progress",
            "Progress over time",
            f"{say['completed']}: {total} in all." if completions else say["none_completed"],
            ("Week", "Submissions rated complete"),
            completions,
            lambda row: row[1],
            empty=say["none_completed"],
        ),
        bar_chart(
            "waiting",
            "Submissions waiting for feedback",
            f"{sum(c for _, c in figures.waiting)} {say['waiting']}, by how long they have waited. "
            + (
                f"{say['feedback']} {turnaround.median_text} at the median and {turnaround.p90_text} for 9 in 10 "
                f"({turnaround.reviews} first review{'s' if turnaround.reviews != 1 else ''})."
                if turnaround.reviews
                else say["no_feedback"]
            ),
            ("Waiting", "Submissions"),
            figures.waiting,
            lambda row: row[1],
        ),
        bar_chart(
            "revisions",
            "Revisions per activity",
            say["revisions"],
            ("Activity", "Revisions asked for", "Revisions sent"),
            figures.revisions,
            lambda row: row[1],
            lambda row: f"{row[1]} asked, {row[2]} sent",
            empty=say["no_revisions"],
        ),
    ]
    if runs_workshops:
        rows = [
            (session.workshop.title, attended, registered, _percent(attended, registered))
            for session, attended, registered in figures.attendance
        ]
        charts.append(
            bar_chart(
                "attendance",
                "Attendance per workshop session",
                say["attendance"],
                ("Session", "Attended", "Registered", "Percent"),
                rows,
                lambda row: row[1],
                lambda row: f"{row[1]} of {row[2]}",
                empty="No session is scheduled yet.",
            )
        )
    return charts
