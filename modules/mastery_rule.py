"""The letter-grade rule of a mastery gradebook, as the course teaches it (seed 004).

Each mastery task is marked M (mastery), IP (in progress) or left missing. The letter counts
the tasks *not yet* mastered: A = 0, B = 1, C = 2, F = 3 or more. Once a term has 18 or more
mastery tasks, the bands widen: A = 0-1, B = 2-3, C = 4-5, F = 6 or more.
"""

from collections.abc import Sequence

WIDE_FROM_TASKS = 18

# (letter, most tasks not yet mastered for it) in order; F takes the rest.
NARROW_BANDS = (("A", 0), ("B", 1), ("C", 2))
WIDE_BANDS = (("A", 1), ("B", 3), ("C", 5))

MASTERY = "M"
IN_PROGRESS = "IP"
MISSING = "/"


def bands_for(task_count: int) -> tuple[tuple[str, int], ...]:
    return WIDE_BANDS if task_count >= WIDE_FROM_TASKS else NARROW_BANDS


def letter_grade(not_mastered: int, task_count: int) -> str:
    """The letter for a student with ``not_mastered`` of ``task_count`` tasks in progress or missing."""
    for letter, most in bands_for(task_count):
        if not_mastered <= most:
            return letter
    return "F"


def letter_for_marks(marks: Sequence[str | None]) -> str:
    """The letter for a list of marks (M, IP, / or empty for missing)."""
    not_mastered = sum(1 for mark in marks if (mark or "").strip().upper() != MASTERY)
    return letter_grade(not_mastered, len(marks))
