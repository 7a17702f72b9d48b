"""Handouts the platform generates for the course: real files a participant downloads and
uses in their classroom. PDFs are tagged (headings, lists and tables a screen reader can
follow); the gradebook template is a spreadsheet whose letter-grade formula follows
``modules.mastery_rule``.
"""

from dataclasses import dataclass

from cohorts.toolkit.plans import workbook
from cohorts.toolkit.plans.grading import SEED_004
from modules import mastery_rule
from pd_platform.pdfs import tagged_pdf


@dataclass(frozen=True)
class Handout:
    key: str
    title: str
    filename: str
    build: object  # () -> bytes


GOLDILOCKS_CHECKS = [
    ("Written for students", 'It starts with "I can" and uses words a student in your class reads without help.'),
    (
        "One observable verb",
        "It names something a student does that you can see or hear: explain, compare, solve, design. "
        "Understand, know, learn, appreciate and be aware of cannot be observed.",
    ),
    ("One skill", 'It asks for one thing. "I can identify and evaluate" is two targets.'),
    ("Not too broad", "It is smaller than a unit or a whole standard: a student can show it in one task."),
    ("Not too narrow", "It is larger than one worksheet, one fact or one step: it is worth assessing again."),
    ("Short", "It fits on one line, so a student can read it in a glance on the board or a rubric."),
]

GOLDILOCKS_EXAMPLES = [
    ("I will understand photosynthesis.", "I can explain how a plant turns light into stored energy."),
    (
        "I can identify and evaluate claims.",
        'Two targets: "I can identify a claim" and "I can evaluate a claim\'s evidence".',
    ),
    ("I can do Unit 4.", "I can solve a two-step equation and check my answer."),
    ("I can answer question 3 on the worksheet.", "I can find the main idea of a paragraph."),
]


def goldilocks_checklist():
    return tagged_pdf(
        "content/handouts/goldilocks.html",
        {
            "title": "Learning targets: the goldilocks checklist",
            "checks": GOLDILOCKS_CHECKS,
            "examples": GOLDILOCKS_EXAMPLES,
        },
    )


def single_point_rubric():
    return tagged_pdf(
        "content/handouts/single_point_rubric.html",
        {"title": "Single-point rubric template", "rows": range(1, 6)},
    )


IMPLEMENTATION_STEPS = [
    ("Why", "The problem with grading at your site, in a sentence your colleagues would recognise."),
    ("Who", "The teachers who start first, the people who must agree (principal, counselors), and who tells families."),
    ("What", "The courses that change first, their learning targets, and the mastery tasks of the first unit."),
    ("When", "The dates: planning, a pilot unit, a check-in after four weeks, the first report card."),
    ("Support", "Time for teachers to plan together, the workshops you will lead, and where questions go."),
    ("Evidence", "What you will look at to know it works: revisions submitted, grade distributions, student voice."),
]


def implementation_plan():
    return tagged_pdf(
        "content/handouts/implementation_plan.html",
        {"title": "Implementation plan template", "steps": IMPLEMENTATION_STEPS},
    )


GRADEBOOK_TASKS = 20
GRADEBOOK_STUDENTS = 35


def mastery_gradebook():
    """A gradebook for up to 20 mastery tasks and 35 students: marks M, IP or / (missing); the
    letter grade computed from the count of tasks not yet mastered, by the bands on the Rule sheet."""
    return workbook.build(
        workbook.GradebookSpec(
            tasks=("Task 1", "Task 2", "Task 3"),
            columns=GRADEBOOK_TASKS,
            students=GRADEBOOK_STUDENTS,
            scale="mip",
            level=mastery_rule.MASTERY,
            rule=SEED_004,
        )
    )


HANDOUTS = {
    handout.key: handout
    for handout in (
        Handout(
            "goldilocks-checklist",
            "Learning targets: the goldilocks checklist",
            "goldilocks-checklist.pdf",
            goldilocks_checklist,
        ),
        Handout("single-point-rubric", "Single-point rubric template", "single-point-rubric.pdf", single_point_rubric),
        Handout("mastery-gradebook", "Mastery gradebook template", "mastery-gradebook.xlsx", mastery_gradebook),
        Handout("implementation-plan", "Implementation plan template", "implementation-plan.pdf", implementation_plan),
    )
}
