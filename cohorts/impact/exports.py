"""The impact report as an XLSX and as a tagged PDF (the same figures as the page)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from pd_platform.pdfs import tagged_pdf
from pd_platform.spreadsheets import xlsx_row

from .selectors import minimum_group_size

HEADER = ["Level", "Learning Forward standards", "Figure", "Result", "People behind it", "Source"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def withheld_text(minimum):
    return f"Fewer than {minimum} people: not shown"


def heading_lines(scope, minimum, now=None):
    now = timezone.localtime(now)
    return [
        ("Impact report", scope.title),
        ("Showing", scope.showing),
        ("As of", f"{now:%B} {now.day}, {now.year}"),
        ("Minimum group size", f"Figures with fewer than {minimum} people behind them are not shown"),
    ]


def table_rows(levels, minimum):
    for level in levels:
        name = f"{level.number}. {level.title}"
        standards = ", ".join(level.standards)
        if not level.figures and level.note:
            yield [name, standards, level.note, "", None, ""]
        for figure in level.figures:
            result = withheld_text(minimum) if figure.withheld else figure.value
            yield [name, standards, figure.label, result, figure.people, figure.source]
            for label, count in figure.parts:
                yield [name, standards, f"{figure.label}: {label}", count, figure.people, ""]


def xlsx_bytes(scope, levels, minimum, now=None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Impact report")
    lines = heading_lines(scope, minimum, now)
    sheet.freeze_panes = f"A{len(lines) + 3}"
    for letter, width in zip("ABCDEF", (28, 34, 50, 50, 16, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    for label, value in lines:
        sheet.append([*xlsx_row(sheet, [label], font=bold), *xlsx_row(sheet, [value])])
    sheet.append([])
    sheet.append(xlsx_row(sheet, HEADER, font=bold))
    for row in table_rows(levels, minimum):
        sheet.append(xlsx_row(sheet, row))
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


def pdf_bytes(scope, levels, minimum):
    return tagged_pdf("impact/pdf/report.html", {"scope": scope, "levels": levels, "minimum": minimum})


def download(scope, levels, wanted):
    minimum = minimum_group_size()
    name = slugify(f"impact-{scope.kind}-{scope.title}")
    if wanted == "pdf":
        response = HttpResponse(pdf_bytes(scope, levels, minimum), content_type="application/pdf")
    else:
        response = HttpResponse(xlsx_bytes(scope, levels, minimum), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{wanted}"'
    return response
