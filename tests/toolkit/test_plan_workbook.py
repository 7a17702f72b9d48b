"""The exported gradebook computes, as a spreadsheet program does (the `formulas` evaluator),
the same letters as the toolkit's API for the same marks."""

import io
import random

import formulas
import openpyxl
import pytest

from cohorts.toolkit import plan_services
from cohorts.toolkit.grading import letter_for, not_yet


def evaluated_letters(data, rows, tmp_path):
    """Marks written into the workbook's rows, then every formula computed."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Gradebook"]
    for row, (name, marks) in enumerate(rows, start=2):
        sheet.cell(row=row, column=1, value=name)
        for column, mark in enumerate(marks, start=2):
            sheet.cell(row=row, column=column, value=int(mark) if mark.isdigit() else mark)
    path = tmp_path / "gradebook.xlsx"
    book.save(path)
    header = [cell.value for cell in sheet[1]]
    letter_column = openpyxl.utils.get_column_letter(header.index("Grade") + 1)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    found = {}
    for key, value in solution.items():
        cell = key.rsplit("!", 1)[-1]
        if key.upper().startswith("'[GRADEBOOK.XLSX]GRADEBOOK'") and cell.startswith(letter_column):
            found[int(cell[len(letter_column) :])] = value.value[0][0]
    return [found[row] for row in range(2, len(rows) + 2)]


@pytest.mark.parametrize(
    "scale, level, bands",
    [
        ("mip", "3", ""),  # the course's rule, widening from 18 tasks
        ("4321", "3", "A 0\nB 2\nC 4\nNY"),
        ("13", "2", "A 1\nB 3\nF"),
    ],
)
def test_the_gradebook_letters_match_the_api(client, participant, tmp_path, scale, level, bands):
    plan = plan_services.create_plan(participant, course_name="Biology 9", scale=scale, mastery_level=level)
    if bands:
        plan_services.set_plan_rule(plan, bands_text=bands)
    task_count = 19 if scale == "mip" else 8
    for n in range(task_count):
        plan_services.add_task(plan, title=f"Task {n + 1}")
    client.force_login(participant)
    response = client.get(f"/toolkit/plans/{plan.pk}/gradebook.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rng = random.Random(f"{scale}{level}")
    from cohorts.toolkit.grading import SCALES

    marks = SCALES[scale][1]
    rows = [(f"Student {n}", [rng.choice(marks) for _ in range(task_count)]) for n in range(8)]
    rows.append(("All mastered", [marks[0]] * task_count))
    rows.append(("All missing", [marks[-1]] * task_count))
    rule = plan_services.plan_rule(plan)
    expected = [letter_for(task_count, not_yet(row, scale, plan.level), rule) for _, row in rows]
    assert evaluated_letters(response.content, rows, tmp_path) == expected


def test_the_workbook_names_the_tasks_and_offers_the_marks(client, participant):
    plan = plan_services.create_plan(participant, course_name="Biology 9", scale="4321", mastery_level="3")
    plan_services.add_task(plan, title="Cell lab")
    client.force_login(participant)
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/toolkit/plans/{plan.pk}/gradebook.xlsx").content))
    sheet = book["Gradebook"]
    assert sheet["A1"].value == "Student" and sheet["B1"].value == "Cell lab"
    assert any('"4,3,2,1,/"' in v.formula1 for v in sheet.data_validations.dataValidation)
    assert "3 or higher" in book["Rule"]["A9"].value
