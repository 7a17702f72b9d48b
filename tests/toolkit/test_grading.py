"""Seed 004's grade rule at every boundary, custom bands, and: more "not yet" never a better letter."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cohorts.toolkit.plans.grading import (
    SEED_004,
    InvalidRule,
    bands_from_data,
    describe,
    examples,
    letter_for,
    rule_from_data,
)

ORDER = "ABCDF"


@pytest.mark.parametrize("not_yet, letter", [(0, "A"), (1, "B"), (2, "C"), (3, "F"), (10, "F")])
def test_seed_004_before_eighteen_tasks(not_yet, letter):
    assert letter_for(17, not_yet) == letter
    assert letter_for(10, not_yet) == letter


@pytest.mark.parametrize("tasks", [18, 19, 20])
@pytest.mark.parametrize("not_yet, letter", [(0, "A"), (1, "A"), (2, "B"), (3, "B"), (4, "C"), (5, "C"), (6, "F")])
def test_seed_004_widens_b_and_c_from_eighteen_tasks(tasks, not_yet, letter):
    assert letter_for(tasks, not_yet) == letter


def test_the_rule_reads_as_seed_004_writes_it():
    assert describe(SEED_004, 12) == "A = 0 | B = 1 | C = 2 | F = 3 or more mastery tasks In Progress or missing"
    assert describe(SEED_004, 18) == "A = 0-1 | B = 2-3 | C = 4-5 | F = 6 or more mastery tasks In Progress or missing"


def test_custom_bands():
    rule = rule_from_data(
        {"bands": [{"letter": "A", "most": 0}, {"letter": "C", "most": 2}, {"letter": "NP", "most": None}]}
    )
    assert [letter_for(5, k, rule) for k in range(5)] == ["A", "C", "C", "NP", "NP"]
    assert letter_for(30, 1, rule) == "C"  # own bands, no widening unless asked


@pytest.mark.parametrize(
    "bands, message",
    [
        ("A", "must be a list"),
        ([{"letter": "A", "most": None}], "must be a list of 2"),
        (
            [{"letter": "A", "most": 1}, {"letter": "B", "most": 0}, {"letter": "F", "most": None}],
            "greater than the band before",
        ),
        ([{"letter": "A", "most": 0}, {"letter": "A", "most": None}], "appears twice"),
        ([{"letter": "A", "most": 0}, {"letter": "F", "most": 4}], "must be null"),
        ([{"letter": "", "most": 0}, {"letter": "F", "most": None}], "letter of 1 to 3"),
        ([{"letter": "A", "most": True}, {"letter": "F", "most": None}], "whole number"),
        ([["A", 0], {"letter": "F", "most": None}], "must be an object"),
    ],
)
def test_bad_bands_say_what_is_wrong(bands, message):
    with pytest.raises(InvalidRule, match=message):
        bands_from_data(bands)


@pytest.mark.parametrize("tasks, not_yet", [(0, 0), (501, 0), (10, 11), (10, -1), ("10", 1), (10, 1.5), (True, 0)])
def test_counts_out_of_range_are_refused(tasks, not_yet):
    with pytest.raises(InvalidRule):
        letter_for(tasks, not_yet)


@st.composite
def rules(draw):
    count = draw(st.integers(min_value=2, max_value=6))
    mosts = sorted(draw(st.sets(st.integers(min_value=0, max_value=40), min_size=count - 1, max_size=count - 1)))
    letters = ORDER[: count - 1] + "F" if count <= 5 else [f"L{i}" for i in range(count)]
    bands = [{"letter": letters[i], "most": most} for i, most in enumerate(mosts)] + [
        {"letter": letters[-1], "most": None}
    ]
    data = {"bands": bands}
    if draw(st.booleans()):
        data.update(wide_bands=bands, wide_from=draw(st.integers(min_value=1, max_value=60)))
    return rule_from_data(data), [band["letter"] for band in bands]


@given(rules(), st.integers(min_value=1, max_value=60), st.data())
def test_more_not_yet_never_gives_a_better_letter(rule_and_letters, tasks, data):
    rule, letters = rule_and_letters
    fewer = data.draw(st.integers(min_value=0, max_value=tasks))
    more = data.draw(st.integers(min_value=fewer, max_value=tasks))
    assert letters.index(letter_for(tasks, more, rule)) >= letters.index(letter_for(tasks, fewer, rule))


@given(st.integers(min_value=1, max_value=500), st.data())
def test_seed_004_more_not_yet_never_better(tasks, data):
    fewer = data.draw(st.integers(min_value=0, max_value=tasks))
    more = data.draw(st.integers(min_value=fewer, max_value=tasks))
    assert ORDER.index(letter_for(tasks, more)) >= ORDER.index(letter_for(tasks, fewer))


@given(st.integers(min_value=1, max_value=60), st.data())
def test_the_api_rule_agrees_with_the_course_handouts_gradebook_rule(tasks, data):
    from modules import mastery_rule

    not_yet = data.draw(st.integers(min_value=0, max_value=tasks))
    assert letter_for(tasks, not_yet) == mastery_rule.letter_grade(not_yet, tasks)


def test_the_policy_examples_stop_at_the_last_letter():
    assert examples(SEED_004, 12) == [("0", "A"), ("1", "B"), ("2", "C"), ("3 or more", "F")]
    assert examples(SEED_004, 2) == [("0", "A"), ("1", "B"), ("2", "C")]
    assert examples(SEED_004, 20)[-1] == ("6 or more", "F")
