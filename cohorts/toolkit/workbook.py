"""A mastery gradebook as an XLSX whose formulas do the work: marks in, letter out, by the bands
on its Rule sheet (which a teacher can read and change). Opens in Excel, LibreOffice and Google
Sheets. The course's template handout and each participant's grading plan are built here."""

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .grading import SCALES, GradeRule

NO_WIDENING = 10_000  # "wider bands from" when the rule has none: never reached


@dataclass(frozen=True)
class GradebookSpec:
    tasks: tuple  # the named mastery tasks, in order
    columns: int  # task columns (named ones first; the rest left for tasks to come)
    students: tuple | int  # names, or how many empty rows
    scale: str  # a key of grading.SCALES
    level: str  # the mark, or lowest level, that counts as mastery
    rule: GradeRule


def _wide(rule):
    if rule.wide_bands and rule.wide_from is not None:
        return rule.wide_bands, rule.wide_from
    return rule.bands, NO_WIDENING


def build(spec):
    """The workbook's bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Gradebook"
    rule_sheet = book.create_sheet("Rule")
    wide_bands, wide_from = _wide(spec.rule)
    bands = spec.rule.bands
    if [b.letter for b in wide_bands] != [b.letter for b in bands]:
        raise ValueError("The wider bands must have the same letters as the bands.")

    # The rule, as a table the formulas read.
    rule_sheet.append(["Letter", f"Most not yet mastered (under {wide_from} tasks)", f"Most (from {wide_from} tasks)"])
    for narrow, wide in zip(bands, wide_bands, strict=True):
        rule_sheet.append(
            [narrow.letter, "more" if narrow.most is None else narrow.most, "more" if wide.most is None else wide.most]
        )
    rule_sheet.append([])
    from_row = len(bands) + 3
    rule_sheet.cell(row=from_row, column=1, value="Wider bands from this many tasks:")
    rule_sheet.cell(row=from_row, column=3, value=wide_from)
    label, marks, _ = SCALES[spec.scale]
    counted = "M (mastery)" if spec.scale == "mip" else f"{spec.level} or higher"
    rule_sheet.cell(
        row=from_row + 2,
        column=1,
        value=f"Marks: {', '.join(marks)} ({label}; / is missing). A task counts as mastered when marked {counted}. "
        "The letter counts the tasks not yet mastered among the tasks that have a name in row 1.",
    )
    for cell in rule_sheet[1]:
        cell.font = Font(bold=True)
    for column, width in (("A", 34), ("B", 38), ("C", 38)):
        rule_sheet.column_dimensions[column].width = width

    first_col, last_col = 2, 1 + spec.columns
    count_col, letter_col = last_col + 1, last_col + 2
    first, last = get_column_letter(first_col), get_column_letter(last_col)
    header = ["Student", *spec.tasks, *[None] * (spec.columns - len(spec.tasks)), "Not yet mastered", "Grade"]
    for column, value in enumerate(header, start=1):
        sheet.cell(row=1, column=column, value=value).data_type = "s" if value else "n"
    fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    tasks = f"COUNTA(${first}$1:${last}$1)"
    validation = DataValidation(
        type="list",
        formula1=f'"{",".join(marks)}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Mark",
        error=f"Use one of: {', '.join(marks)}.",
    )
    sheet.add_data_validation(validation)
    names = list(spec.students) if not isinstance(spec.students, int) else [None] * spec.students
    for row, name in enumerate(names, start=2):
        if name:
            sheet.cell(row=row, column=1, value=name).data_type = "s"  # a name is text, never a formula
        validation.add(f"{first}{row}:{last}{row}")
        if spec.scale == "mip":
            mastered = f'COUNTIF({first}{row}:{last}{row},"M")'
        else:
            mastered = f'COUNTIF({first}{row}:{last}{row},">={int(spec.level)}")'
        sheet.cell(row=row, column=count_col, value=f'=IF($A{row}="","",{tasks}-{mastered})')
        count = f"{get_column_letter(count_col)}{row}"

        def limit(band_row, tasks=tasks):
            return f"IF({tasks}>=Rule!$C${from_row},Rule!$C${band_row},Rule!$B${band_row})"

        # The first letter whose band holds the count; the last band takes the rest.
        letter = f"Rule!$A${len(bands) + 1}"
        for band_row in range(len(bands), 1, -1):
            letter = f"IF({count}<={limit(band_row)},Rule!$A${band_row},{letter})"
        sheet.cell(row=row, column=letter_col, value=f'=IF($A{row}="","",{letter})')
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
