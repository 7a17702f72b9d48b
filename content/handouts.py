"""Handouts the platform generates for the course: real files a participant downloads and
uses in their classroom. PDFs are tagged (headings, lists and tables a screen reader can
follow); the gradebook template is a spreadsheet whose letter-grade formula follows
``modules.mastery_rule``.
"""

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

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
    book = Workbook()
    sheet = book.active
    sheet.title = "Gradebook"
    rule = book.create_sheet("Rule")

    # The rule, as a table the formulas read: a teacher can see it, and change it.
    rule["A1"], rule["B1"], rule["C1"] = (
        "Letter",
        "Most not yet mastered (under 18 tasks)",
        "Most not yet mastered (18 or more tasks)",
    )
    for row, ((letter, narrow), (_, wide)) in enumerate(
        zip(mastery_rule.NARROW_BANDS, mastery_rule.WIDE_BANDS, strict=True), start=2
    ):
        rule.cell(row=row, column=1, value=letter)
        rule.cell(row=row, column=2, value=narrow)
        rule.cell(row=row, column=3, value=wide)
    rule.cell(row=5, column=1, value="F")
    rule.cell(row=5, column=2, value="more")
    rule.cell(row=5, column=3, value="more")
    rule["A7"] = "Wider bands from this many tasks:"
    rule["C7"] = mastery_rule.WIDE_FROM_TASKS
    rule["A9"] = (
        "Mark each task M (mastery), IP (in progress) or / (missing). The letter counts the tasks in progress or "
        "missing among the tasks that have a name in row 1."
    )
    for cell in rule[1]:
        cell.font = Font(bold=True)
    rule.column_dimensions["A"].width = 34
    rule.column_dimensions["B"].width = 38
    rule.column_dimensions["C"].width = 38

    first_task_col = 2
    last_task_col = first_task_col + GRADEBOOK_TASKS - 1
    count_col = last_task_col + 1
    letter_col = count_col + 1
    first, last = get_column_letter(first_task_col), get_column_letter(last_task_col)
    sheet.cell(row=1, column=1, value="Student")
    for index in range(GRADEBOOK_TASKS):
        sheet.cell(row=1, column=first_task_col + index, value=f"Task {index + 1}" if index < 3 else None)
    sheet.cell(row=1, column=count_col, value="Not yet mastered")
    sheet.cell(row=1, column=letter_col, value="Grade")
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    tasks = f"COUNTA(${first}$1:${last}$1)"
    marks = DataValidation(
        type="list",
        formula1=f'"{mastery_rule.MASTERY},{mastery_rule.IN_PROGRESS},{mastery_rule.MISSING}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Mark",
        error="Use M (mastery), IP (in progress) or / (missing).",
    )
    sheet.add_data_validation(marks)
    for row in range(2, GRADEBOOK_STUDENTS + 2):
        marks.add(f"{first}{row}:{last}{row}")
        count = get_column_letter(count_col) + str(row)
        # Tasks with a name, less those marked M in this row.
        sheet.cell(
            row=row,
            column=count_col,
            value=f'=IF($A{row}="","",{tasks}-COUNTIF({first}{row}:{last}{row},"{mastery_rule.MASTERY}"))',
        )

        def limit(band_row, tasks=tasks):
            return f"IF({tasks}>=Rule!$C$7,Rule!$C${band_row},Rule!$B${band_row})"

        # The first letter whose band holds the count (bands on rows 2-4 of Rule); F beyond them.
        letter = '"F"'
        for band_row in (4, 3, 2):
            letter = f"IF({count}<={limit(band_row)},Rule!$A${band_row},{letter})"
        sheet.cell(row=row, column=letter_col, value=f'=IF($A{row}="","",{letter})')
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
