"""A mastery gradebook as an XLSX whose formulas do the work: marks in, letter out, by the bands
on its Rule sheet (which a teacher can read and change). Opens in Excel, LibreOffice and Google
Sheets. The course's template handout and each participant's grading plan are built here."""

import io
import zipfile
from dataclasses import dataclass

from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import grading
from .grading import SCALES, GradeRule


@dataclass(frozen=True)
class GradebookSpec:
    tasks: tuple  # the named mastery tasks, in order
    columns: int  # task columns (named ones first; the rest left for tasks to come)
    students: tuple | int  # names, or how many empty rows
    scale: str  # a key of grading.SCALES
    level: str  # the mark, or lowest level, that counts as mastery
    rule: GradeRule


def mastered_formula(scale, level, marks_range, header_range):
    """How many tasks named in the header are mastered in `marks_range`: the same test as
    grading.is_mastery, for a mark typed as a number (4) or as text ("4", " m"). Each cell is
    read as its text (``&""``), trimmed and upper-cased, and compared with the marks that count;
    SUMPRODUCT makes Excel, LibreOffice and Google Sheets compute it cell by cell without an
    array formula, and nothing in it can give an error for a stray mark."""
    _, marks, _ = SCALES[scale]
    counted = [mark for mark in marks if grading.is_mastery(mark, scale, level)]
    text = f'UPPER(TRIM({marks_range}&""))'
    matches = "+".join(f'({text}="{mark}")' for mark in counted)
    return f'SUMPRODUCT(({header_range}<>"")*({matches}))'


def _cached_letter(rule, tasks, count):
    """What the letter formula gives for `count` not yet mastered of `tasks` named tasks."""
    if tasks == 0:
        return rule.bands[0].letter  # nothing to master yet: the formula's count is 0
    return grading.letter_for(tasks, count, rule)


def _rule_sheet(sheet, spec):
    """The rule as a table the formulas read and a teacher can read and change. Returns
    (the row of the "wider bands from" number or None, the column of the wider limits or None)."""
    rule, bands = spec.rule, spec.rule.bands
    widens = bool(rule.wide_bands) and rule.wide_from is not None
    if widens and [b.letter for b in rule.wide_bands] != [b.letter for b in bands]:
        raise ValueError("The wider bands must have the same letters as the bands.")

    def most(band):
        return "any more" if band.most is None else band.most

    if widens:
        sheet.append(
            [
                "Letter",
                f"Most tasks not yet mastered (fewer than {rule.wide_from} tasks)",
                f"Most tasks not yet mastered ({rule.wide_from} tasks or more)",
            ]
        )
        for narrow, wide in zip(bands, rule.wide_bands, strict=True):
            sheet.append([narrow.letter, most(narrow), most(wide)])
    else:
        sheet.append(["Letter", "Most tasks not yet mastered"])
        for band in bands:
            sheet.append([band.letter, most(band)])
    from_row = len(bands) + 3
    if widens:
        sheet.cell(row=from_row, column=1, value="Wider bands from this many tasks:")
        sheet.cell(row=from_row, column=3, value=rule.wide_from)
    label, marks, _ = SCALES[spec.scale]
    counted = "M (mastery)" if spec.scale == "mip" else f"{spec.level} or higher"
    sheet.cell(
        row=from_row + 2 if widens else from_row,
        column=1,
        value=f"Marks: {', '.join(marks)} ({label}; / is missing). A task counts as mastered when marked {counted}. "
        "The letter counts the tasks not yet mastered among the tasks that have a name in row 1: "
        f"{grading.describe(rule, max(len(spec.tasks), 1))}.",
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in (("A", 34), ("B", 38), ("C", 38)):
        sheet.column_dimensions[column].width = width
    return (from_row, "C") if widens else (None, None)


def build(spec):
    """The workbook's bytes, each formula with the value it computes stored beside it (what a
    preview, a reader or a program that does not calculate shows), and marked to be computed
    again when opened."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Gradebook"
    from_row, wide_column = _rule_sheet(book.create_sheet("Rule"), spec)
    bands = spec.rule.bands
    _, marks, _ = SCALES[spec.scale]

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

    named = f"${first}$1:${last}$1"
    tasks = f"COUNTA({named})"
    validation = DataValidation(
        type="list",
        formula1=f'"{",".join(marks)}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Mark",
        error=f"Use one of: {', '.join(marks)}.",
    )
    sheet.add_data_validation(validation)
    cached = {}
    names = list(spec.students) if not isinstance(spec.students, int) else [None] * spec.students
    for row, name in enumerate(names, start=2):
        if name:
            sheet.cell(row=row, column=1, value=name).data_type = "s"  # a name is text, never a formula
        validation.add(f"{first}{row}:{last}{row}")
        mastered = mastered_formula(spec.scale, spec.level, f"{first}{row}:{last}{row}", named)
        count_cell = sheet.cell(row=row, column=count_col, value=f'=IF($A{row}="","",{tasks}-{mastered})')
        count = count_cell.coordinate

        def limit(band_row, tasks=tasks):
            if from_row is None:
                return f"Rule!$B${band_row}"
            return f"IF({tasks}>=Rule!${wide_column}${from_row},Rule!${wide_column}${band_row},Rule!$B${band_row})"

        # The first letter whose band holds the count; the last band takes the rest.
        letter = f"Rule!$A${len(bands) + 1}"
        for band_row in range(len(bands), 1, -1):
            letter = f"IF({count}<={limit(band_row)},Rule!$A${band_row},{letter})"
        letter_cell = sheet.cell(row=row, column=letter_col, value=f'=IF($A{row}="","",{letter})')
        # The file carries no marks yet: a named student has every named task still to master.
        cached[count] = len(spec.tasks) if name else ""
        cached[letter_cell.coordinate] = _cached_letter(spec.rule, len(spec.tasks), len(spec.tasks)) if name else ""
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    book.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    book.save(buffer)
    return store_cached_values(buffer.getvalue(), book.worksheets.index(sheet) + 1, cached)


def store_cached_values(data, sheet_number, values):
    """The XLSX `data` with `values` (cell -> number or text) stored as its formulas' results in
    sheet `sheet_number` (openpyxl writes a formula with an empty result). In SpreadsheetML a
    formula cell keeps its last result in <v>, typed t="str" when it is text (ECMA-376 18.3.1.4)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    part = f"xl/worksheets/sheet{sheet_number}.xml"
    tree = etree.fromstring(source.read(part))
    ns = {"x": tree.nsmap[None]}
    for cell in tree.iterfind(".//x:sheetData/x:row/x:c", ns):
        reference = cell.get("r")
        if reference not in values or cell.find("x:f", ns) is None:
            continue
        value = values[reference]
        result = cell.find("x:v", ns)
        if result is None:
            result = etree.SubElement(cell, f"{{{ns['x']}}}v")
        if isinstance(value, str):
            cell.set("t", "str")
            result.text = value
        else:
            cell.attrib.pop("t", None)
            result.text = str(value)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, content)
    return out.getvalue()
