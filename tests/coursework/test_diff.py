"""What changed between two revisions: word by word where that is cheap, and bounded work
whatever a participant submits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cohorts.coursework.diff import LINES, WHOLE, WORDS, compare


def rebuilt(diff):
    old = "".join(text for op, text in diff.ops if op != "added")
    new = "".join(text for op, text in diff.ops if op != "removed")
    return old, new


def test_a_small_edit_is_shown_word_by_word():
    diff = compare(
        "- I can understand fractions.\n- I can add fractions.", "- I can compare fractions.\n- I can add fractions."
    )
    assert diff.level == WORDS and not diff.capped
    assert ("removed", "understand") in diff.ops and ("added", "compare") in diff.ops
    assert (diff.words_added, diff.words_removed) == (1, 1)
    assert '<del aria-label="removed">understand</del>' in diff.html()


def test_text_is_escaped():
    html = compare("a", "a <script>alert(1)</script>").html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_attackers_repetitive_text_takes_the_capped_path():
    """The probe's input: made one review page take 139 s with the old word diff."""
    old, new = "x " * 1400, "x y " * 700
    diff = compare(old, new)
    assert diff.capped and diff.level == LINES
    assert rebuilt(diff) == (old, new)


def test_many_changed_lines_fall_back_to_showing_the_changed_part_whole():
    old, new = "x\n" * 10_000, "x\ny\n" * 5_000
    diff = compare(old, new)
    assert diff.level == WHOLE
    assert rebuilt(diff) == (old, new)


def test_the_budget_decides_the_level():
    old, new = "one two three four five six", "one 2 three 4 five 6"
    assert compare(old, new).level == WORDS
    assert compare(old, new, budget=3).level != WORDS


@settings(max_examples=200, deadline=None)
@given(
    old=st.text(alphabet="ab \n", max_size=60),
    new=st.text(alphabet="ab \n", max_size=60),
    budget=st.sampled_from([2, 20, 200_000]),
)
def test_the_diff_always_rebuilds_both_revisions(old, new, budget):
    assert rebuilt(compare(old, new, budget=budget)) == (old, new)
