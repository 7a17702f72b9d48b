"""The starter materials: on every page, adding up to its hours, with handouts that are real
files and a captioned video; loaded idempotently, filled into pages that had none."""

import io
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from wagtail.documents import get_document_model

from content import handouts
from content.loader import load_content
from modules.mastery_rule import NARROW_BANDS, WIDE_BANDS, WIDE_FROM_TASKS
from modules.materials import materials_of, total_minutes
from modules.models import ModulePage, NextStepsPage, OnlineLearningPage, WorkshopPage
from tests.pdfua import assert_pdf_ua

pytestmark = pytest.mark.django_db

CONTENT_PAGES = (ModulePage, WorkshopPage, OnlineLearningPage)


def all_pages():
    return [page for model in CONTENT_PAGES for page in model.objects.live()]


def test_every_module_workshop_and_online_page_has_materials():
    pages = all_pages()
    assert len(pages) == 7 + 6 + 4
    for page in pages:
        markable = [m for m in materials_of(page.body) if m.markable]
        assert len(markable) >= (3 if isinstance(page, ModulePage) else 2), page.title


def test_the_times_of_a_page_add_up_to_its_hours():
    for page in all_pages():
        if page.hours:
            assert total_minutes(page.body) == int(page.hours * 60), page.title


def test_every_activity_link_leads_to_an_activity_of_its_own_page():
    for page in all_pages():
        keys = set(page.activities.values_list("key", flat=True))
        for item in materials_of(page.body):
            if item.kind == "activity":
                assert item.activity_key in keys, (page.title, item.activity_key)


def test_an_implementation_and_next_steps_page_follows_each_program(client):
    pages = NextStepsPage.objects.live()
    assert {p.get_parent().slug for p in pages} == {"learning-based-grading", "mastery-learning-and-grading"}
    module_06 = ModulePage.objects.get(number=6)
    response = client.get(module_06.url)
    assert (
        f'href="{pages.get(slug="implementation-and-next-steps", path__startswith=module_06.get_parent().path).url}"'.encode()
        in response.content
    )
    series_page = client.get("/mastery-learning-and-grading/")
    assert b"Implementation and next steps" in series_page.content
    # The series' timeline and hours are its workshops and online learning only.
    assert series_page.context["total_hours"] == Decimal("19.5")


def pdfinfo(data, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("key", ["goldilocks-checklist", "single-point-rubric", "implementation-plan"])
def test_pdf_handouts_are_tagged_pdfs_with_a_title(key, tmp_path):
    handout = handouts.HANDOUTS[key]
    document = get_document_model().objects.get(title=handout.title)
    data = document.file.read()
    info = pdfinfo(data, tmp_path, handout.filename)
    assert_pdf_ua(data)
    assert "Tagged:          yes" in info
    assert f"Title:           {handout.title}" in info


def test_the_readings_are_tagged_pdfs_too(tmp_path):
    page = ModulePage.objects.get(number=3)
    reading = next(b for b in page.body if b.block_type == "reading")
    info = pdfinfo(reading.value["document"].file.read(), tmp_path, "reading.pdf")
    assert "Tagged:          yes" in info


def test_every_pdf_the_course_materials_offer_passes_the_pdf_ua_structure_rules():
    """Handouts and readings alike: the running footer is page furniture a screen reader skips, and
    every piece of text is in the structure tree."""
    documents = [d for d in get_document_model().objects.all() if d.file.name.endswith(".pdf")]
    assert len(documents) >= 9
    for document in documents:
        with document.file.open("rb") as file:
            data = file.read()
        try:
            assert_pdf_ua(data)
        except AssertionError as error:
            raise AssertionError(f"{document.title}: {error}") from None


def test_the_gradebook_template_follows_the_course_rule():
    document = get_document_model().objects.get(title=handouts.HANDOUTS["mastery-gradebook"].title)
    book = openpyxl.load_workbook(io.BytesIO(document.file.read()))
    rule = book["Rule"]
    assert [(rule.cell(r, 1).value, rule.cell(r, 2).value, rule.cell(r, 3).value) for r in (2, 3, 4)] == [
        (n[0], n[1], w[1]) for n, w in zip(NARROW_BANDS, WIDE_BANDS, strict=True)
    ]
    assert rule["C7"].value == WIDE_FROM_TASKS == 18
    sheet = book["Gradebook"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Student" and header[-2:] == ["Not yet mastered", "Grade"]
    count, grade = sheet.cell(2, len(header) - 1).value, sheet.cell(2, len(header)).value
    assert 'UPPER(TRIM(B2:U2&""))="M"' in count
    assert "Rule!$C$7" in grade and "Rule!$A$2" in grade and "Rule!$A$5" in grade  # F, for any more
    assert rule["A5"].value == "F"
    # Marks are chosen from a list: M, IP or / (missing).
    assert any('"M,IP,/"' in v.formula1 for v in sheet.data_validations.dataValidation)


def test_the_video_and_its_captions_are_documents_the_page_plays(client):
    page = ModulePage.objects.get(number=2)
    video = next(b for b in page.body if b.block_type == "video").value
    assert video["video"].file_extension == "webm"
    assert video["captions"].file.read().startswith(b"WEBVTT")
    assert 40 <= video["duration"] <= 120
    assert "Understand and know cannot be seen." in str(video["transcript"])


def test_a_second_load_keeps_every_material_and_document():
    before = {p.pk: [b.id for b in p.body] for p in all_pages()}
    documents = get_document_model().objects.count()
    load_content()
    load_content(update=True)
    assert {p.pk: [b.id for b in p.body] for p in all_pages()} == before
    assert get_document_model().objects.count() == documents


def test_a_page_loaded_before_materials_existed_gets_them_and_an_edited_body_is_kept():
    empty = ModulePage.objects.get(number=4)
    empty.body = []
    empty.save_revision().publish()
    edited = ModulePage.objects.get(number=5)
    edited.body = [{"type": "quote", "value": {"text": "Our own words", "attribution": ""}}]
    edited.save_revision().publish()

    report = load_content()

    assert len(materials_of(ModulePage.objects.get(number=4).body)) >= 3
    assert any("(materials)" in line for line in report.updated)
    kept = ModulePage.objects.get(number=5).body
    assert [b.value["text"] for b in kept] == ["Our own words"]


def test_the_video_build_script_and_its_output_are_in_the_repository():
    media = Path(__file__).resolve().parents[2] / "content" / "media"
    assert (media / "build_video.py").exists()
    assert (media / "learning-targets-just-right.webm").stat().st_size < 1_000_000
