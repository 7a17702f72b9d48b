"""What parents will see: a sample class under a grading plan, week by week. Pure and
deterministic (the same plan shows the same class): tasks are assigned evenly over the weeks,
each student masters a task on the first try or after revising, and some work comes in late."""

import random
from dataclasses import dataclass

from .grading import GradeRule, letter_for

STUDENTS = 25
WEEKS = 18


@dataclass(frozen=True)
class Week:
    number: int
    tasks: int  # tasks assigned so far
    letters: tuple[str, ...]  # one per student ("" before the first task)
    counts: dict[str, int]  # letter -> how many students


@dataclass(frozen=True)
class Preview:
    students: tuple[str, ...]
    weeks: tuple[Week, ...]
    letters: tuple[str, ...]  # the rule's letters, best first


def _student_weeks(rng: random.Random, task_weeks: list[int], weeks: int) -> list[int | None]:
    """For one student: the week each task became mastered (None: not by the end)."""
    pace = rng.random()  # 0: masters at once; 1: struggles
    mastered = []
    for assigned in task_weeks:
        late = 1 if rng.random() < 0.1 + 0.2 * pace else 0  # turned in a week late (missing till then)
        revisions = 0
        while rng.random() < 0.25 + 0.5 * pace and revisions < 4:
            revisions += 1  # In Progress, revised a week or two later
        week = assigned + late + sum(rng.choice((1, 2)) for _ in range(revisions))
        mastered.append(week if week <= weeks else None)
    return mastered


def sample_class(
    task_count: int, rule: GradeRule, students: int = STUDENTS, weeks: int = WEEKS, seed: int = 2026
) -> Preview:
    rng = random.Random(seed)
    task_weeks = [1 + (index * weeks) // task_count for index in range(task_count)] if task_count else []
    mastery = [_student_weeks(rng, task_weeks, weeks) for _ in range(students)]
    letters_of_rule = [band.letter for band in rule.bands]
    rows = []
    for week in range(1, weeks + 1):
        assigned = sum(1 for w in task_weeks if w <= week)
        if not assigned:
            rows.append(Week(week, 0, ("",) * students, {}))
            continue
        letters = []
        for student in mastery:
            not_yet = sum(
                1 for w, done in zip(task_weeks, student, strict=True) if w <= week and (done is None or done > week)
            )
            letters.append(letter_for(assigned, not_yet, rule))
        counts = {letter: letters.count(letter) for letter in letters_of_rule}
        rows.append(Week(week, assigned, tuple(letters), counts))
    return Preview(tuple(f"Student {n:02d}" for n in range(1, students + 1)), tuple(rows), tuple(letters_of_rule))
