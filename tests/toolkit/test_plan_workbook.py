"""The exported gradebook computes the same letters as the toolkit's API for the same marks, by
Excel's rules (the `formulas` evaluator) and in LibreOffice Calc, whether a mark was typed as a
number (4) or arrived as text ("4", as a paste or a text-formatted column gives); and the file
as downloaded already holds the values its formulas give, for a preview or a reader that does not
calculate."""

import csv
import io
import random
import shutil
import subprocess

import formulas
import openpyxl
import pytest

from cohorts.toolkit.plans import services as plan_services
from cohorts.toolkit.plans import workbook
from cohorts.toolkit.plans.grading import (
    SCALES,
    SEED_004,
    GradeRule,
    bands_from_data,
    letter_for,
    not_yet,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)"
)


def filled(data, rows, path):
    """The workbook with names and marks typed in: each row twice, once with its number marks as
    numbers and once as text, as a spreadsheet keeps them when pasted or typed into a text column."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Gradebook"]
    for row, (name, marks) in enumerate(rows + rows, start=2):
        as_text = row >= 2 + len(rows)
        sheet.cell(row=row, column=1, value=name)
        for column, mark in enumerate(marks, start=2):
            sheet.cell(row=row, column=column, value=mark if as_text or not mark.isdigit() else int(mark))
    book.save(path)
    header = [cell.value for cell in sheet[1]]
    return header.index("Grade") + 1


def excel_letters(path, grade_column, count):
    """The Grade column as the `formulas` evaluator (Excel's functions and rules) computes it."""
    letter_column = openpyxl.utils.get_column_letter(grade_column)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    found = {}
    for key, value in solution.items():
        cell = key.rsplit("!", 1)[-1]
        if key.upper().endswith(f"]GRADEBOOK'!{cell}") and cell.startswith(letter_column):
            found[int(cell[len(letter_column) :])] = value.value[0][0]
    return [found[row] for row in range(2, count + 2)]


def libreoffice_table(path, tmp_path):
    """The Gradebook sheet as LibreOffice Calc shows it, saved as CSV (it calculates on loading)."""
    out = tmp_path / "calc"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return list(csv.reader((out / f"{path.stem}.csv").read_text(encoding="utf-8").splitlines()))


def plan_with_tasks(participant, scale, level, bands, task_count):
    plan = plan_services.create_plan(participant, course_name="Biology 9", scale=scale, mastery_level=level)
    if bands:
        plan_services.set_plan_rule(plan, bands_text=bands)
    for n in range(task_count):
        plan_services.add_task(plan, title=f"Task {n + 1}")
    return plan


@pytest.mark.parametrize(
    "scale, level, bands",
    [
        ("mip", "3", ""),  # the course's rule, widening from 18 tasks
        ("4321", "3", "A 0\nB 2\nC 4\nNY"),  # a rule of the teacher's own, without wider bands
        ("13", "2", "A 1\nB 3\nF"),
    ],
)
def test_the_gradebook_letters_match_the_api_in_excel_and_libreoffice(
    client, participant, tmp_path, scale, level, bands
):
    task_count = 19 if scale == "mip" else 8
    plan = plan_with_tasks(participant, scale, level, bands, task_count)
    client.force_login(participant)
    response = client.get(f"/toolkit/plans/{plan.pk}/gradebook.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rng = random.Random(f"{scale}{level}")
    marks = SCALES[scale][1]
    rows = [(f"Student {n}", [rng.choice(marks) for _ in range(task_count)]) for n in range(8)]
    rows.append(("All mastered", [marks[0]] * task_count))
    rows.append(("All missing", [marks[-1]] * task_count))
    if scale == "mip":
        rows.append(("Lower case", ["m"] * task_count))
    rule = plan_services.plan_rule(plan)
    expected = [letter_for(task_count, not_yet(row, scale, plan.level), rule) for _, row in rows] * 2
    assert len(set(expected)) >= 2  # the marks reach more than one letter
    path = tmp_path / "gradebook.xlsx"
    grade_column = filled(response.content, rows, path)

    assert excel_letters(path, grade_column, len(expected)) == expected
    if SOFFICE is None:
        pytest.skip("LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)")
    table = libreoffice_table(path, tmp_path)
    assert [line[grade_column - 1] for line in table[1 : len(expected) + 1]] == expected


@needs_libreoffice
@pytest.mark.parametrize("tasks", [("Lab", "Quiz", "Essay"), ()])
def test_the_file_as_downloaded_holds_the_values_its_formulas_give(tmp_path, tasks):
    """What a preview or a reader shows before anything is calculated (openpyxl's stored values)
    is what LibreOffice computes: a named student with no marks yet has every task to master."""
    spec = workbook.GradebookSpec(
        tasks=tasks,
        columns=5,
        students=("Ana", "Ben", None),
        scale="4321",
        level="3",
        rule=GradeRule(
            bands=bands_from_data(
                [{"letter": "A", "most": 0}, {"letter": "B", "most": 2}, {"letter": "F", "most": None}]
            )
        ),
    )
    path = tmp_path / "as-downloaded.xlsx"
    path.write_bytes(workbook.build(spec))
    stored = [
        ["" if value is None else str(value) for value in row]
        for row in openpyxl.load_workbook(path, data_only=True)["Gradebook"].iter_rows(min_row=2, values_only=True)
    ]
    computed = libreoffice_table(path, tmp_path)[1:4]
    assert [row[-2:] for row in stored] == [row[-2:] for row in computed]
    letter = "F" if tasks else "A"
    assert [row[-2:] for row in stored] == [[str(len(tasks)), letter], [str(len(tasks)), letter], ["", ""]]


@pytest.mark.parametrize("widens", [True, False])
def test_the_rule_sheet_reads_as_the_rule_for_every_setting(widens):
    rule = SEED_004 if widens else GradeRule(bands=SEED_004.bands)
    spec = workbook.GradebookSpec(tasks=("Lab",), columns=20, students=3, scale="mip", level="M", rule=rule)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.build(spec)))["Rule"]
    text = " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
    assert "10000" not in text
    assert "A = 0 | B = 1 | C = 2 | F = 3 or more" in text
    if widens:
        assert "Most tasks not yet mastered (18 tasks or more)" in text and "Wider bands from this many tasks:" in text
    else:
        assert [cell.value for cell in sheet[1] if cell.value] == ["Letter", "Most tasks not yet mastered"]
        assert "Wider" not in text and "18" not in text


def test_the_workbook_names_the_tasks_and_offers_the_marks(client, participant):
    plan = plan_services.create_plan(participant, course_name="Biology 9", scale="4321", mastery_level="3")
    plan_services.add_task(plan, title="Cell lab")
    client.force_login(participant)
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/toolkit/plans/{plan.pk}/gradebook.xlsx").content))
    sheet = book["Gradebook"]
    assert sheet["A1"].value == "Student" and sheet["B1"].value == "Cell lab"
    assert any('"4,3,2,1,/"' in v.formula1 for v in sheet.data_validations.dataValidation)
    assert any("counts as mastered when marked 3 or higher" in str(c.value) for c in book["Rule"]["A"])
