import pytest

from modules.mastery_rule import letter_for_marks, letter_grade


@pytest.mark.parametrize(
    "not_mastered, tasks, letter",
    [
        (0, 10, "A"),
        (1, 10, "B"),
        (2, 10, "C"),
        (3, 10, "F"),
        (9, 10, "F"),
        (1, 17, "B"),
        (1, 18, "A"),
        (2, 18, "B"),
        (3, 19, "B"),
        (4, 20, "C"),
        (5, 20, "C"),
        (6, 20, "F"),
    ],
)
def test_the_letter_counts_tasks_not_yet_mastered_and_widens_from_18_tasks(not_mastered, tasks, letter):
    assert letter_grade(not_mastered, tasks) == letter


def test_in_progress_and_missing_count_the_same():
    assert letter_for_marks(["M", "M", "IP", "M"]) == "B"
    assert letter_for_marks(["M", "/", "", "M"]) == "C"
    assert letter_for_marks(["/", "IP", "", "M"]) == "F"
    assert letter_for_marks(["m", "M"]) == "A"
