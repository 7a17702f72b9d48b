"""Every learning-target check, with targets that pass it and targets that fail it."""

import pytest

from cohorts.toolkit.goldilocks import CHECK_NAMES, DEFAULT_RULES, TargetRules, check_target, target_is_ok


def result(text, name, rules=DEFAULT_RULES):
    return next(check for check in check_target(text, rules) if check.name == name)


GOOD = [
    "I can compare fractions with unlike denominators.",
    "I can explain how the water cycle moves energy",
    "I can cite two pieces of evidence to support a claim",
    "I can accurately measure angles with a protractor",
    "I can solve two-step equations",
    "I can compare fractions and decimals using a number line",
]


@pytest.mark.parametrize("text", GOOD)
def test_a_good_target_passes_every_check(text):
    checks = check_target(text)
    assert [c.name for c in checks] == list(CHECK_NAMES)
    assert target_is_ok(checks), [c.why for c in checks if not c.ok]


@pytest.mark.parametrize(
    "text, stem",
    [("Students will be able to compare fractions", "Students will be able to"), ("SWBAT compare fractions", "Swbat")],
)
def test_a_target_about_students_is_not_student_facing_and_the_fix_rewrites_it(text, stem):
    check = result(text, "student_facing")
    assert not check.ok and stem in check.why
    assert check.fix == "I can compare fractions"


def test_a_target_without_i_can_is_not_student_facing():
    check = result("Compare fractions", "student_facing")
    assert not check.ok and "I can" in check.why and check.fix == "I can compare fractions"


@pytest.mark.parametrize("verb", ["understand", "know", "learn", "appreciate", "be aware of", "become familiar with"])
def test_a_verb_nobody_can_observe_fails(verb):
    check = result(f"I can {verb} the causes of the Civil War", "measurable_verb")
    assert not check.ok and f"“{verb}”" in check.why and "explain" in check.fix


def test_an_adverb_before_the_verb_is_skipped_and_an_empty_target_has_no_verb():
    assert result("I can clearly explain my reasoning", "measurable_verb").ok
    empty = result("I can", "measurable_verb")
    assert not empty.ok and "after “I can”" in empty.why


@pytest.mark.parametrize(
    "text, joined",
    [
        ("I can identify and explain the causes of the Civil War", "and explain"),
        ("I can read a poem and write a response", "and write"),
        ("I can graph data and I can interpret it", "and i can"),
        ("I can identify, describe and compare rock types", "and compare"),
    ],
)
def test_two_skills_joined_by_and_fail(text, joined):
    check = result(text, "one_skill")
    assert not check.ok and joined in check.why and "Split" in check.fix


def test_and_between_two_things_is_still_one_skill():
    assert result("I can compare fractions and decimals", "one_skill").ok
    assert result("I can describe the causes and effects of erosion", "one_skill").ok


@pytest.mark.parametrize(
    "text, named",
    [
        ("I can do math", "“math”"),
        ("I can explain everything about cells", "“everything”"),
        ("I can master the unit on ecosystems", "“the unit”"),
        ("I can read social studies", "“social studies”"),
    ],
)
def test_a_whole_unit_or_subject_is_too_broad(text, named):
    check = result(text, "not_too_broad")
    assert not check.ok and named in check.why


def test_a_verb_without_an_object_is_too_broad():
    check = result("I can summarize", "not_too_broad")
    assert not check.ok and check.fix.startswith("I can summarize ")


@pytest.mark.parametrize(
    "text, named",
    [
        ("I can complete the fractions worksheet", "“worksheet”"),
        ("I can answer question 4 on page 12", "question 4"),
        ("I can solve problem #3", "#3"),
        ("I can name the capital shown in today's slides", "today's"),
    ],
)
def test_one_task_or_page_is_too_narrow(text, named):
    check = result(text, "not_too_narrow")
    assert not check.ok and named in check.why


def test_a_long_target_is_not_short_enough():
    text = (
        "I can "
        + " ".join(["carefully"] * 10)
        + " compare fractions with unlike denominators using models and drawings"
    )
    check = result(text, "short_enough")
    assert not check.ok and "at most 20" in check.why
    assert result("I can compare fractions", "short_enough").ok


def test_the_rules_are_data_an_edited_list_changes_the_answer():
    assert result("I can describe a cell", "measurable_verb").ok
    strict = TargetRules(**{**DEFAULT_RULES.__dict__, "vague_verbs": DEFAULT_RULES.vague_verbs + ("describe",)})
    assert not result("I can describe a cell", "measurable_verb", strict).ok
    short = TargetRules(**{**DEFAULT_RULES.__dict__, "max_words": 3})
    assert not result("I can compare fractions", "short_enough", short).ok
