"""A target set as files other programs read: Canvas's outcomes CSV, Canvas's rubric CSV, a tagged
PDF. Each CSV is read here by the rules its importer documents (Canvas's outcomes import format;
its rubric import template, which the importer reads by column name), and the page offering
the files says what each one is and where it goes."""

import csv
import io
import subprocess

import pytest

from cohorts.toolkit.target_sets import services
from tests.pdf import pdf_text
from tests.pdfua import assert_pdf_ua


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


def canvas_rubrics(data: bytes):
    """The rubrics Canvas's rubric import makes of a file: its columns found by their names
    ("Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range", and each
    "Rating Name" / "Rating Description" / "Rating Points"), one criterion per row, grouped by
    rubric name; a missing name or a criterion without ratings is an error, as there."""
    header, *lines = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    column = {name: header.index(name) for name in ("Rubric Name", "Criteria Name", "Criteria Description")}
    names = [i for i, h in enumerate(header) if "rating name" in h.lower()]
    descriptions = [i for i, h in enumerate(header) if "rating description" in h.lower()]
    points = [i for i, h in enumerate(header) if "rating points" in h.lower()]
    rubrics = {}
    for line in lines:
        rubric, criterion = line[column["Rubric Name"]], line[column["Criteria Name"]]
        assert rubric and criterion, "Missing 'Rubric Name' or 'Criteria Name'"
        ratings = [
            (line[n], line[d], float(line[p].replace(",", ".")))
            for n, d, p in zip(names, descriptions, points, strict=True)
            if n < len(line) and line[n]
        ]
        assert ratings, f"Missing ratings for {criterion}"
        assert [r[2] for r in ratings] == sorted((r[2] for r in ratings), reverse=True)
        enable_range = line[header.index("Criteria Enable Range")].lower()
        assert enable_range in ("true", "false", "1", "0")
        rubrics.setdefault(rubric, []).append((criterion, line[column["Criteria Description"]], ratings))
    return rubrics


def test_canvas_imports_the_rubric_file_as_one_rubric_with_a_criterion_per_target(client, participant, exported):
    client.force_login(participant)
    response = client.get(f"/toolkit/targets/{exported.pk}/rubric.csv")
    assert 'filename="grade-5-math-canvas-rubric.csv"' in response["Content-Disposition"]
    assert not response.content.startswith(b"\xef\xbb\xbf")  # a BOM would hide the "Rubric Name" column

    [(name, criteria)] = canvas_rubrics(response.content).items()

    assert name == "Grade 5 math: learning targets"
    assert [c[0] for c in criteria][::2] == [
        "I can add fractions with unlike denominators",
        "I can write an equation for a word problem",
    ]
    assert criteria[0][1] == "5.NF.A.1 Add and subtract fractions"
    assert [(r[0], r[2]) for r in criteria[0][2]] == [("Mastery", 1.0), ("In Progress", 0.0)]


def test_canvas_reads_the_outcomes_file_by_its_importers_rules(client, participant, exported):
    """Canvas's outcomes importer: the required columns, nothing named after "ratings", groups
    without a calculation or ratings, parents that are earlier groups, whole-number ratings with
    fewer points each time."""
    client.force_login(participant)
    header, *lines = rows(client.get(f"/toolkit/targets/{exported.pk}/canvas-outcomes.csv"))
    end = header.index("ratings")
    assert not any(header[end + 1 :])
    assert {"vendor_guid", "object_type", "title", "parent_guids"} <= set(header[:end])
    groups = set()
    for line in lines:
        record, ratings = dict(zip(header[:end], line[:end], strict=True)), [v for v in line[end:] if v]
        assert record["parent_guids"] == "" or set(record["parent_guids"].split()) <= groups
        if record["object_type"] == "group":
            groups.add(record["vendor_guid"])
            assert not (record["calculation_method"] or record["mastery_points"] or ratings)
        else:
            tiers = [int(points) for points in ratings[::2]]
            assert tiers == sorted(tiers, reverse=True) and len(ratings) % 2 == 0


def test_the_page_says_what_each_file_is_and_where_it_goes(client, participant, exported):
    client.force_login(participant)
    page = client.get(f"/toolkit/targets/{exported.pk}/").content.decode()
    assert "Google Sheets / Classroom" not in page
    assert "Canvas rubric (CSV)</a>" in page and "In Canvas: Rubrics, Import rubric." in page
    assert "Canvas outcomes (CSV)</a>" in page and "In Canvas: Outcomes, Import." in page
    assert "Student handout (PDF)</a>" in page


def test_the_student_handout_is_a_tagged_pdf_of_the_targets(client, participant, exported, tmp_path):
    client.force_login(participant)
    response = client.get(f"/toolkit/targets/{exported.pk}/targets.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "targets.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:           Learning targets: Grade 5 math" in info
    assert_pdf_ua(response.content)
    text = pdf_text(response.content)
    assert "I can add fractions with unlike denominators" in text and "5.NF.A.1: Add and subtract fractions" in text
