"""A target set as files other programs read: Canvas's outcomes CSV, a rubric sheet, a tagged PDF."""

import csv
import io
import subprocess

import pytest

from cohorts.toolkit import services
from tests.pdf import pdf_text


@pytest.fixture
def exported(participant):
    target_set = services.create_target_set(participant, course_name="Grade 5 math", grade_band="3-5")
    fractions = services.add_group(target_set, kind="standard", code="5.NF.A.1", text="Add and subtract fractions")
    services.add_target(fractions, text="I can add fractions with unlike denominators")
    services.add_target(fractions, text='=HYPERLINK("http://evil.test")')
    energy = services.add_group(target_set, kind="understanding", code="", text="Math models the world")
    services.add_target(energy, text="I can write an equation for a word problem")
    return target_set


def rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_canvas_reads_the_outcomes_file_with_its_documented_header(client, participant, exported):
    client.force_login(participant)
    response = client.get(f"/toolkit/targets/{exported.pk}/canvas-outcomes.csv")
    assert 'filename="grade-5-math-canvas-outcomes.csv"' in response["Content-Disposition"]
    table = rows(response)
    header = table[0]
    assert header[:11] == [
        "vendor_guid",
        "object_type",
        "title",
        "description",
        "display_name",
        "calculation_method",
        "calculation_int",
        "mastery_points",
        "workflow_state",
        "parent_guids",
        "ratings",
    ]
    records = [dict(zip(header[:10], row[:10], strict=True)) for row in table[1:]]
    groups = [r for r in records if r["object_type"] == "group"]
    outcomes = [r for r in records if r["object_type"] == "outcome"]
    assert [g["title"] for g in groups] == [
        "Grade 5 math",
        "5.NF.A.1 Add and subtract fractions",
        "Math models the world",
    ]
    assert len(outcomes) == 3 and all(" " not in r["vendor_guid"] for r in records)
    guids = {g["vendor_guid"] for g in groups}
    assert all(o["parent_guids"] in guids for o in outcomes)
    assert outcomes[0]["title"] == "I can add fractions with unlike denominators"
    assert outcomes[0]["calculation_method"] == "latest" and outcomes[0]["mastery_points"] == "1"
    assert table[1 + records.index(outcomes[0])][10:] == ["1", "Mastery", "0", "In Progress"]
    assert outcomes[1]["title"].startswith("'=")  # a formula is text in a spreadsheet


def test_the_rubric_sheet_has_one_criterion_per_target(client, participant, exported):
    client.force_login(participant)
    table = rows(client.get(f"/toolkit/targets/{exported.pk}/rubric.csv"))
    assert table[0][:4] == ["Criterion title", "Criterion description", "Level 1 title", "Level 1 points"]
    assert [row[0] for row in table[1:]][::2] == [
        "I can add fractions with unlike denominators",
        "I can write an equation for a word problem",
    ]
    assert table[1][2:4] == ["Mastery", "1"] and table[1][5:7] == ["In Progress", "0"]


def test_the_student_handout_is_a_tagged_pdf_of_the_targets(client, participant, exported, tmp_path):
    client.force_login(participant)
    response = client.get(f"/toolkit/targets/{exported.pk}/targets.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "targets.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:           Learning targets: Grade 5 math" in info
    text = pdf_text(response.content)
    assert "I can add fractions with unlike denominators" in text and "5.NF.A.1: Add and subtract fractions" in text
