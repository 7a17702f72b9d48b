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
