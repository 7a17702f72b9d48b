"""The sample class: the same plan shows the same class, every student has a letter once a task
is out, and the letters follow the rule."""

from cohorts.toolkit.plans.grading import SEED_004, rule_from_data
from cohorts.toolkit.plans.preview import sample_class


def test_the_same_plan_shows_the_same_class():
    assert sample_class(12, SEED_004) == sample_class(12, SEED_004)
    assert sample_class(12, SEED_004) != sample_class(12, SEED_004, seed=1)


def test_each_week_counts_every_student_once_tasks_are_out():
    preview = sample_class(20, SEED_004)
    assert len(preview.students) == 25 and len(preview.weeks) == 18
    assert preview.weeks[0].tasks >= 1 and preview.weeks[-1].tasks == 20
    for week in preview.weeks:
        assert sum(week.counts.values()) == 25
        assert set(week.letters) <= {"A", "B", "C", "F"}


def test_a_stricter_rule_never_shows_better_letters():
    lenient = rule_from_data(
        {"bands": [{"letter": "A", "most": 3}, {"letter": "B", "most": 6}, {"letter": "F", "most": None}]}
    )
    strict = rule_from_data(
        {"bands": [{"letter": "A", "most": 0}, {"letter": "B", "most": 1}, {"letter": "F", "most": None}]}
    )
    order = "ABF"
    for easy, hard in zip(sample_class(15, lenient).weeks, sample_class(15, strict).weeks, strict=True):
        assert all(order.index(e) <= order.index(h) for e, h in zip(easy.letters, hard.letters, strict=True))
