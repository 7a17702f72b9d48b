from decimal import Decimal

import pytest

from cohorts.coursework.progress import compute_progress


@pytest.mark.parametrize(
    "complete, required, threshold, needed, met",
    [
        (11, 13, "0.85", 12, False),  # 84.6%
        (12, 13, "0.85", 12, True),
        (17, 20, "0.85", 17, True),  # exactly 85%: no float rounding pushes it to 18
        (16, 20, "0.85", 17, False),  # 80%
        (849, 1000, "0.85", 850, False),  # 84.9%
        (850, 1000, "0.85", 850, True),
        (0, 0, "0.85", 0, False),  # nothing required yet: not complete
        (3, 3, "1", 3, True),
    ],
)
def test_threshold_edges(complete, required, threshold, needed, met):
    progress = compute_progress(["complete"] * complete + ["missing"] * (required - complete), Decimal(threshold))
    assert progress.needed == needed
    assert progress.met is met


def test_only_complete_counts():
    progress = compute_progress(["complete", "submitted", "needs_revision", "missing"], Decimal("0.85"))
    assert (progress.complete, progress.required) == (1, 4)
    assert str(progress) == "1 of 4 complete; 3 more needed for the certificate"


@pytest.mark.parametrize("threshold, said", [("0.85", "85"), ("0.9", "90"), ("1", "100"), ("0.875", "87.5")])
def test_the_rule_is_said_as_the_course_states_it(threshold, said):
    progress = compute_progress(["complete"] * 12 + ["missing"], Decimal(threshold))
    assert str(progress.threshold_percent) == said


def test_what_is_still_needed_never_goes_below_zero():
    assert compute_progress(["complete"] * 11 + ["missing"] * 2, Decimal("0.85")).still_needed == 1
    assert compute_progress(["complete"] * 13, Decimal("0.85")).still_needed == 0
