"""Reading a district's student outcome figures from a CSV or XLSX: summary figures only.

A file that looks like student records is refused whole, before anything is kept: a column that
names or identifies a person (name, student, id, e-mail, birth date ...), a column the template
does not have, or a row about fewer than two students."""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

COLUMNS = ("period", "measure", "value", "group_size", "notes")
REQUIRED = ("period", "measure", "value", "group_size")
EXAMPLE = ("2025-26", "Grade 8 students meeting the math standard (%)", "61.5", "240", "State test, all grade 8")
# Words in a column heading that point at a person rather than a group.
PERSONAL = re.compile(
    r"\b(name|names|first|last|surname|student|students|pupil|id|ids|ssid|sid|email|e_mail|mail|birth|dob|"
    r"born|address|phone|gender|ethnicity|race|iep|ell)\b"
)
MAX_ROWS = 500
MAX_BYTES = 1_000_000


class OutcomeFileError(ValueError):
    pass


@dataclass(frozen=True)
class OutcomeRow:
    period: str
    measure: str
    value: Decimal
    group_size: int
    notes: str


def _heading(cell: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(cell or "").strip().lower()).strip("_")


def _table(name: str, data: bytes) -> list[list[Any]]:
    if len(data) > MAX_BYTES:
        raise OutcomeFileError("The file is larger than 1 MB: a district's summary figures fit in far less.")
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise OutcomeFileError("The CSV is not UTF-8 text: save it as CSV UTF-8 and try again.") from error
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise OutcomeFileError("The XLSX could not be read: save it again from Excel and retry.") from error
        return [
            ["" if cell is None else cell for cell in row]
            for row in sheet.iter_rows(values_only=True)
            if any(cell not in (None, "") for cell in row)
        ]
    raise OutcomeFileError("Upload a CSV or XLSX file (the template is one).")


def read_outcomes(name: str, data: bytes) -> list[OutcomeRow]:
    """The rows of the file, or OutcomeFileError saying why the whole file was refused."""
    table = _table(name, data)
    if not table:
        raise OutcomeFileError("The file is empty.")
    headings = [_heading(cell) for cell in table[0]]
    while headings and not headings[-1]:
        headings.pop()
    personal = [table[0][i] for i, heading in enumerate(headings) if PERSONAL.search(heading.replace("_", " "))]
    if personal:
        raise OutcomeFileError(
            f"Refused: the column {', '.join(repr(str(c)) for c in personal)} identifies students. Upload summary "
            "figures for groups of students only, never student records."
        )
    unknown = [heading for heading in headings if heading not in COLUMNS]
    if unknown:
        raise OutcomeFileError(
            f"Refused: the columns {', '.join(unknown)} are not in the template. Its columns are: {', '.join(COLUMNS)}."
        )
    missing = [column for column in REQUIRED if column not in headings]
    if missing:
        raise OutcomeFileError(f"The column {', '.join(missing)} is missing: start from the template.")
    body = table[1:]
    if not body:
        raise OutcomeFileError("The file has its headings but no figures.")
    if len(body) > MAX_ROWS:
        raise OutcomeFileError(
            f"Refused: {len(body)} rows. Summary figures fit in {MAX_ROWS}; student records do not belong here."
        )
    return [_row(number, dict(zip(headings, cells, strict=False))) for number, cells in enumerate(body, start=2)]


def _row(number: int, cells: dict[str, Any]) -> OutcomeRow:
    def text(column: str, limit: int) -> str:
        value = str(cells.get(column, "") or "").strip()
        if len(value) > limit:
            raise OutcomeFileError(f"Row {number}: the {column} is longer than {limit} characters.")
        return value

    period, measure, notes = text("period", 60), text("measure", 150), text("notes", 500)
    if not period or not measure:
        raise OutcomeFileError(f"Row {number}: give the period and the measure.")
    try:
        value = Decimal(str(cells.get("value", "")).strip().rstrip("%"))
    except InvalidOperation as error:
        raise OutcomeFileError(f"Row {number}: the value is not a number.") from error
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise OutcomeFileError(f"Row {number}: the value is not a number a report can show.")
    try:
        group_size = int(Decimal(str(cells.get("group_size", "")).strip()))
    except (InvalidOperation, ValueError) as error:
        raise OutcomeFileError(f"Row {number}: the group size is not a whole number.") from error
    if group_size < 2:
        raise OutcomeFileError(
            f"Refused: row {number} is about {group_size} student{'' if group_size == 1 else 's'}. Each row must "
            "summarise a group of students, never one student's record."
        )
    return OutcomeRow(period, measure, value.quantize(Decimal("0.01")), group_size, notes)


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    return buffer.getvalue().encode()


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Student outcomes"
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE[0], EXAMPLE[1], float(EXAMPLE[2]), int(EXAMPLE[3]), EXAMPLE[4]])
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()
