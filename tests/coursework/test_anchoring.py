"""A comment follows its passage into the next revision: property tests over random texts, spans
and edits, and examples a facilitator would recognize."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cohorts.coursework.anchoring import (
    KEPT,
    REMOVED,
    REWRITTEN,
    Anchor,
    canonical_text,
    follow,
    locate,
    segments,
    trimmed,
)

SEPARATORS = [" ", "\n", ", ", ". ", "\n\n- "]


# Texts of distinct words, kept as a list of units (word, separator after it), so that where a
# passage should be after any edit is known exactly.


@st.composite
def texts_and_passages(draw, max_words=30):
    count = draw(st.integers(min_value=1, max_value=max_words))
    units = [(f"w{i}", draw(st.sampled_from(SEPARATORS))) for i in range(count)]
    first = draw(st.integers(min_value=0, max_value=count - 1))
    last = draw(st.integers(min_value=first, max_value=min(count - 1, first + 6)))
    return units, first, last


def _text(units):
    return "".join(word + sep for word, sep in units)


def _span(units, first_word, last_word):
    """(start, end) of the passage from the first word to the last word (separators between)."""
    position, start, end = 0, None, None
    for word, sep in units:
        if word == first_word:
            start = position
        if word == last_word:
            end = position + len(word)
        position += len(word) + len(sep)
    return start, end


def _fresh(draw, label, count_max=3):
    count = draw(st.integers(min_value=1, max_value=count_max))
    return [(f"n{label}x{i}", draw(st.sampled_from(SEPARATORS))) for i in range(count)]


@st.composite
def edits_elsewhere(draw):
    """Insertions, deletions and replacements of whole words outside the passage, and maybe a
    move of the passage. Returns (old units, new units, passage's first and last word)."""
    units, first, last = draw(texts_and_passages())
    first_word, last_word = units[first][0], units[last][0]
    passage = units[first : last + 1]
    rest = units[:first] + [("<P>", "")] + units[last + 1 :]
    for step in range(draw(st.integers(min_value=0, max_value=5))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
        here = rest.index(("<P>", ""))
        if kind == "insert":
            at = draw(st.integers(min_value=0, max_value=len(rest)))
            rest[at:at] = _fresh(draw, step)
        elif kind in ("delete", "replace"):
            others = [i for i in range(len(rest)) if i != here]
            if not others:
                continue
            a = draw(st.sampled_from(others))
            b = a + 1
            while b < len(rest) and b != here and draw(st.booleans()):
                b += 1
            rest[a:b] = _fresh(draw, step) if kind == "replace" else []
        else:
            del rest[here]
            rest.insert(draw(st.integers(min_value=0, max_value=len(rest))), ("<P>", ""))
    here = rest.index(("<P>", ""))
    new_units = rest[:here] + passage + rest[here + 1 :]
    return units, new_units, first_word, last_word


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits_elsewhere())
def test_a_comment_on_an_untouched_passage_is_kept_exactly_where_the_passage_now_is(case):
    old_units, new_units, first_word, last_word = case
    old, new = _text(old_units), _text(new_units)
    start, end = _span(old_units, first_word, last_word)
    expected = _span(new_units, first_word, last_word)

    [placement] = follow(old, new, [Anchor(start, end, old[start:end])])

    assert placement.status == KEPT
    assert (placement.start, placement.end) == expected
    assert new[placement.start : placement.end] == old[start:end]


@st.composite
def edits_inside(draw):
    """The passage itself is edited: a word replaced, one added inside, one taken out, or all of it
    deleted (maybe with new words in its place)."""
    units, first, last = draw(texts_and_passages())
    old = _text(units)
    start, end = _span(units, units[first][0], units[last][0])
    kinds = ["replace", "add", "delete all"] + (["drop"] if last > first else [])
    kind = draw(st.sampled_from(kinds))
    new_units = list(units)
    if kind == "replace":
        at = draw(st.integers(min_value=first, max_value=last))
        new_units[at] = ("changed", new_units[at][1])
    elif kind == "add":
        at = draw(st.integers(min_value=first + 1, max_value=last)) if last > first else first
        if at == first:
            new_units[first] = (new_units[first][0] + "s", new_units[first][1])  # a word made longer
        else:
            new_units.insert(at, ("added", " "))
    elif kind == "drop":
        del new_units[draw(st.integers(min_value=first, max_value=last))]
    else:
        new_units[first : last + 1] = _fresh(draw, "r", 2) if draw(st.booleans()) else []
    return old, _text(new_units), Anchor(start, end, old[start:end])


@settings(max_examples=300, deadline=None)
@given(edits_inside())
def test_an_edited_passage_is_rewritten_or_removed_never_kept(case):
    old, new, anchor = case
    [placement] = follow(old, new, [anchor])
    assert placement.status in (REWRITTEN, REMOVED)
    if placement.status == REWRITTEN:
        assert placement.text == new[placement.start : placement.end] and placement.text.strip()
        assert placement.text != anchor.quote
    else:
        assert placement.start == placement.end and placement.text == ""


# Any text at all: few letters, so words repeat; any spans; any edits, anywhere.

repetitive = st.text(alphabet="ab c\n.", max_size=60)


@st.composite
def anything(draw):
    old = draw(repetitive)
    anchors = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        if not old:
            break
        start = draw(st.integers(min_value=0, max_value=len(old) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(old)))
        anchors.append(Anchor(start, end, old[start:end]))
    new = old
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(new)))
        cut = draw(st.integers(min_value=0, max_value=len(new) - at))
        new = new[:at] + draw(repetitive) + new[at + cut :]
    return old, new, anchors


@settings(max_examples=500, deadline=None)
@given(anything())
def test_no_comment_is_ever_lost_or_kept_at_other_words(case):
    old, new, anchors = case
    placements = follow(old, new, anchors)
    assert len(placements) == len(anchors)
    for anchor, placement in zip(anchors, placements, strict=True):
        assert 0 <= placement.start <= placement.end <= len(new)
        assert placement.text == new[placement.start : placement.end]
        if placement.status == KEPT:
            assert placement.text == anchor.quote
        elif placement.status == REWRITTEN:
            assert placement.text.strip() and placement.text != anchor.quote
        else:
            assert placement.status == REMOVED and placement.text == ""


@settings(max_examples=300, deadline=None)
@given(repetitive, st.data())
def test_an_unchanged_text_keeps_every_comment_in_place(text, data):
    if not text:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    [placement] = follow(text, text, [Anchor(start, end, text[start:end])])
    assert (placement.status, placement.start, placement.end) == (KEPT, start, end)


# Examples


ESSAY = (
    "Students can retake any assessment once.\n\n"
    "Homework is practice, so it is not graded.\n\n"
    "Late work loses ten percent per day."
)


def _at(text, words):
    start = text.index(words)
    return Anchor(start, start + len(words), words)


def test_comments_follow_moved_paragraphs_and_a_rewritten_one_shows_its_new_words():
    new = (
        "Homework is practice, so it is not graded.\n\n"
        "Students can retake any assessment once.\n\n"
        "Late work is accepted until the unit test."
    )
    placements = follow(
        ESSAY, new, [_at(ESSAY, "retake any assessment"), _at(ESSAY, "so it is not graded"), _at(ESSAY, "ten percent")]
    )
    retake, homework, late = placements
    assert retake.status == KEPT and new[retake.start : retake.end] == "retake any assessment"
    assert homework.status == KEPT and new[homework.start : homework.end] == "so it is not graded"
    assert late.status == REWRITTEN and late.text == "is accepted until the unit test."


def test_a_deleted_sentence_is_removed_and_the_place_is_given():
    new = "Students can retake any assessment once.\n\nLate work loses ten percent per day."
    [placement] = follow(ESSAY, new, [_at(ESSAY, "Homework is practice, so it is not graded.")])
    assert placement.status == REMOVED
    assert new[: placement.start].startswith("Students can retake")


def test_another_copy_of_the_words_is_not_taken_for_a_deleted_passage():
    old = "Feedback first. Grades later. Feedback first."
    new = "Feedback first. Grades later."
    anchor = Anchor(old.rindex("Feedback first"), len(old) - 1, "Feedback first")
    [placement] = follow(old, new, [anchor])
    assert placement.status == REMOVED


def test_part_of_a_word_stays_part_of_that_word():
    old = "We regrade. We grade."
    anchor = _at(old, "grade")  # inside "regrade"
    [placement] = follow(old, "We grade.", [anchor])
    assert placement.status != KEPT


def test_the_work_is_bounded_for_a_wholly_rewritten_long_text():
    old = " ".join(f"a{i}" for i in range(20_000))
    new = " ".join(f"b{i}" for i in range(20_000)) + " a19999"
    began = time.perf_counter()
    [placement] = follow(old, new, [Anchor(len(old) - 6, len(old), "a19999")])
    assert time.perf_counter() - began < 5
    assert placement.status == KEPT and new[placement.start : placement.end] == "a19999"


def test_locate_finds_copied_words_across_line_breaks_and_prefers_the_selection():
    text = "one two\nthree two three"
    assert locate(text, "two three") == (text.index("two\nthree"), text.index("two\nthree") + 9)
    later = text.rindex("two three")
    assert locate(text, "two three", hint=(later, later + 9)) == (later, later + 9)
    assert locate(text, "four") is None
    assert locate(text, "   ") is None


def test_canonical_text_segments_and_trimming():
    assert canonical_text("a\r\nb\rc") == "a\nb\nc"
    assert trimmed("  ab  ", 0, 6) == (2, 4)
    assert trimmed("   ", 0, 3) is None
    pieces = segments("abcdef", [(1, 3, 1), (2, 5, 2)])
    assert "".join(p for p, _, _ in pieces) == "abcdef"
    assert pieces[2] == ("c", [1, 2], [1])
