"""Tagged PDFs: the running footer is page furniture a screen reader skips, and lists nest as lists.

The other PDF tests (certificate, transcript, invoice, receipt, hours report, toolkit handouts, course
handouts and readings) each run the same checker (``tests.pdfua``) on the file the platform serves."""

from django.conf import settings
from weasyprint import HTML

from content import handouts
from tests.pdf import pdf_text
from tests.pdfua import assert_pdf_ua, pdf_ua_problems, poppler_list_problems, poppler_tagged_text

LIST_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Facts</title>
<style>@page { @bottom-center { content: "Page " counter(page) " of " counter(pages); } }</style></head>
<body><h1>Facts</h1><dl><div><dt>Name</dt><dd>Ada</dd></div><div><dt>Hours</dt><dd>30</dd></div></dl>
<ul><li>One</li><li>Two</li></ul></body></html>"""


def test_the_footer_is_printed_on_every_page_but_not_read_as_content():
    data = handouts.goldilocks_checklist()
    footer = f"{settings.SITE_NAME} · 1 of"
    assert footer in pdf_text(data)  # a sighted reader sees the page footer
    tagged = poppler_tagged_text(data)
    assert "Learning targets: the goldilocks checklist" in tagged  # the content is in the tree...
    assert footer not in tagged and settings.SITE_NAME not in tagged  # ...the footer is an artifact
    assert_pdf_ua(data)


def test_the_checker_finds_what_weasyprint_leaves_and_the_repair_mends_it():
    render = HTML(string=LIST_PAGE, base_url=str(settings.BASE_DIR))
    unrepaired = render.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    problems = " ".join(pdf_ua_problems(unrepaired))
    assert "which its parent does not list among its children" in problems  # the footer's orphan tag
    assert "a list (L) holds /Div" in problems
    assert "poppler reads Div inside a list (L)" in poppler_list_problems(unrepaired)

    from pd_platform.pdfs import repair_structure

    repaired = render.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1", finisher=repair_structure)
    assert_pdf_ua(repaired)
    tagged = poppler_tagged_text(repaired)
    assert all(word in tagged for word in ("Name", "Ada", "Hours", "30", "One", "Two"))
    assert "Page 1 of 1" in pdf_text(repaired) and "Page 1" not in tagged
