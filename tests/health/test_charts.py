"""The charts' geometry: every bar and the value written after it fit the view box, whatever the figures."""

from cohorts.health.charts import CHAR_WIDTH, WIDTH, bar_chart


def test_the_longest_bar_leaves_room_for_its_value_and_labels_are_shortened():
    rows = [("Learning Targets", 12, 3), ("A very long activity title that would not fit on a phone at all", 4, 4)]
    chart = bar_chart(
        "revisions",
        "Revisions",
        "",
        ("Activity", "Asked", "Sent"),
        rows,
        lambda r: r[1],
        lambda r: f"{r[1]} asked, {r[2]} sent",
    )
    longest, shorter = chart.bars
    assert longest.value_x + CHAR_WIDTH * len(longest.value_text) <= WIDTH
    assert abs(shorter.width * 3 - longest.width) <= 1  # to the unit
    assert shorter.label.endswith("…") and len(shorter.label) <= 46
    assert chart.rows == rows  # the table and the CSV keep the full names
    assert chart.height == 2 * 46


def test_no_rows_draws_nothing_and_says_so():
    chart = bar_chart("progress", "Progress", "", ("Week", "Complete"), [], lambda r: r[1], empty="Nothing yet.")
    assert (chart.bars, chart.empty) == ([], "Nothing yet.")


def test_a_districts_charts_speak_of_the_coordinators_people_and_say_when_no_feedback_came():
    from datetime import date

    from cohorts.coursework.turnaround import Turnaround
    from cohorts.health.charts import cohort_charts
    from cohorts.health.selectors import Figures

    figures = Figures([(date(2026, 11, 23), 2)], [("Under 2 days", 1)], Turnaround.of("Cohort 03", []), [], [])
    progress, waiting, revisions, attendance = cohort_charts(figures, True, people=12)
    assert progress.summary == "Your people's submissions rated complete each week: 2 in all."
    assert waiting.summary == (
        "1 of your people's submissions waiting now, by how long they have waited. "
        "No feedback has been given to them yet."
    )
    assert revisions.empty == "No feedback has asked your people for a revision yet."
    assert attendance.summary.startswith("How many of your 12 people registered attended enough of each session")
    facilitators = cohort_charts(figures, False)
    assert [chart.key for chart in facilitators] == ["progress", "waiting", "revisions"]
    assert facilitators[0].summary == "Submissions rated complete each week: 2 in all."
    assert facilitators[1].summary.endswith("No feedback has been given yet.")
