"""A long table as a tagged PDF (PDF/UA-1), written directly: the training-hour report of 10,000 people.

WeasyPrint lays out a table at about 20 ms a row (styles, boxes, line breaking and drawing for every cell), so
10,000 rows took minutes, and joining the parts it rendered held the whole document in pikepdf. A table of
plain text in fixed columns needs none of that: this module breaks each cell's text into lines with the font's
own advance widths, pages the rows (a first pass over them), and writes the PDF page by page to the file (a
second pass), so the time grows with the rows at under a millisecond each and the memory holds the page being
written and where each object is in the file. It draws what the HTML template drew (its page size, margins, fonts, column widths, padding, rules and
heading), and tags what a screen reader needs: a Document with the heading (H1), the two lines under it (P) and
one Table whose header row (TH, scope column) is read once and whose rows (TR, TD) follow in order; the header
row repeated on later pages, the rules and the page numbers are pagination artifacts.

It covers text the DejaVu fonts draw without shaping (Latin, Vietnamese, Greek, Cyrillic, common punctuation):
``can_draw`` says whether a text is such, and the caller renders anything else with WeasyPrint."""

import io
import re
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

PT_PER_CM = 72 / 2.54


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # per cent of the table's width
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class Layout:
    """What the template's CSS said: letter landscape, 1.2 cm margins, 8.5 pt DejaVu Sans, the body's 6 pt margin
    (8 px), cells padded 3 pt 4 pt with a 0.5 pt rule under each row."""

    page_width: float = 792.0
    page_height: float = 612.0
    margin: float = 1.2 * PT_PER_CM
    body_margin: float = 6.0
    size: float = 8.5
    title_size: float = 15.0
    numbers_size: float = 8.0
    pad_x: float = 4.0
    pad_y: float = 3.0
    rule: float = 0.5
    rule_color: tuple = (0xC9 / 255, 0xD1 / 255, 0xD9 / 255)
    title_color: tuple = (0x0B / 255, 0x4F / 255, 0x71 / 255)
    meta_color: tuple = (0x33 / 255,) * 3


FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")


@cache
def _font_file(name, pattern):
    """The font's file: where Debian, Fedora or Arch put it, else where fontconfig says; CannotDraw if neither."""
    for folder in FONT_FOLDERS:
        path = Path(folder) / name
        if path.is_file():
            return str(path)
    try:
        found = subprocess.run(["fc-match", pattern, "-f", "%{file}"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise CannotDraw(f"{name} not found") from error
    if Path(found.stdout).name != name:
        raise CannotDraw(f"{name} not found")
    return found.stdout


def _fonts():
    """DejaVu Sans and its bold, each read afresh (a font records the glyphs one document drew)."""
    return Font(_font_file("DejaVuSans.ttf", "DejaVu Sans")), Font(
        _font_file("DejaVuSans-Bold.ttf", "DejaVu Sans:bold")
    )


class Font:
    """One TrueType face: advance widths for breaking lines, glyph ids to draw, embedded subset to what was drawn."""

    def __init__(self, path):
        from fontTools.ttLib import TTFont

        self.path = path
        font = TTFont(path, lazy=True)
        self.units = font["head"].unitsPerEm
        self.ascent, self.descent = font["hhea"].ascent, -font["hhea"].descent
        self.bbox = [round(v * 1000 / self.units) for v in (font["head"].xMin, font["head"].yMin)] + [
            round(v * 1000 / self.units) for v in (font["head"].xMax, font["head"].yMax)
        ]
        self.name = re.sub(r"[^A-Za-z0-9-]", "", font["name"].getDebugName(6) or "") or "DejaVuSans"
        metrics = font["hmtx"].metrics
        order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
        self.glyph = {}
        self.advance = {}
        for codepoint, name in font.getBestCmap().items():
            self.glyph[chr(codepoint)] = order[name]
            self.advance[chr(codepoint)] = metrics[name][0]
        self.used = {}  # glyph id -> the character it draws (for the ToUnicode map)
        self._widths = {}

    def line_height(self, size):
        return (self.ascent + self.descent) * size / self.units

    def width(self, text, size):
        units = self._widths.get(text)
        if units is None:
            units = self._widths[text] = sum(self.advance.get(c, 0) for c in text)
        return units * size / self.units

    def encode(self, text):
        glyphs = []
        for character in text:
            gid = self.glyph.get(character, 0)
            self.used.setdefault(gid, character)
            glyphs.append(f"{gid:04X}")
        return "<" + "".join(glyphs) + ">"


_BREAKS = re.compile(r"[^\s-]*-+(?=\w)|\S+")


def wrap(font, text, size, width):
    """Lines of ``text`` no wider than ``width`` where it can break (at spaces and after hyphens), greedily, as
    the browser engine does; a word longer than the line stands alone and overflows."""
    if not text:
        return []
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for match in _BREAKS.finditer(paragraph):
            piece = match.group()
            joined = piece if not line else (line + piece if line.endswith("-") else f"{line} {piece}")
            if not line or font.width(joined, size) <= width:
                line = joined
            else:
                lines.append(line)
                line = piece
        lines.append(line)
    return lines


_DRAWABLE_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2044),
    (0x20AC, 0x20AC),
)


class CannotDraw(ValueError):
    """A text needs more than this module draws (another script, shaping, a glyph the font lacks)."""


def can_draw(font, text):
    """Whether ``text`` needs nothing but the font's glyphs side by side (no shaping, no combining marks)."""
    if text.isascii() and text.isprintable():
        return True
    for character in text:
        code = ord(character)
        if character not in font.glyph or unicodedata.combining(character):
            return False
        if not any(low <= code <= high for low, high in _DRAWABLE_RANGES):
            return False
    return True


@dataclass
class _Writer:
    """PDF objects written to ``target`` as they come, numbers handed out ahead so objects can point forward.
    Objects other than streams are packed, compressed, into object streams of OBJECTS_PER_STREAM (a table's
    many small structure elements would otherwise take more room than its text)."""

    target: BinaryIO
    position: int = 0
    next_number: int = 1
    where: dict = field(default_factory=dict)  # number -> (1, offset) in the file or (2, object stream, index)
    pending: list = field(default_factory=list)  # (number, body) waiting for an object stream

    OBJECTS_PER_STREAM = 500

    def reserve(self):
        number = self.next_number
        self.next_number += 1
        return number

    def raw(self, data: bytes):
        self.target.write(data)
        self.position += len(data)

    def object(self, number, body: str | bytes):
        self.pending.append((number, body.encode("latin-1") if isinstance(body, str) else body))
        if len(self.pending) >= self.OBJECTS_PER_STREAM:
            self._pack()

    def _direct(self, number, body: bytes):
        self.where[number] = (1, self.position)
        self.raw(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def stream(self, number, data: bytes, extra=""):
        compressed = zlib.compress(data, 6)
        self._direct(
            number,
            f"<< /Length {len(compressed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
            + compressed
            + b"\nendstream",
        )

    def _pack(self):
        if not self.pending:
            return
        holder = self.reserve()
        offsets, bodies, at = [], [], 0
        for index, (number, body) in enumerate(self.pending):
            self.where[number] = (2, holder, index)
            offsets.append(f"{number} {at}")
            bodies.append(body)
            at += len(body) + 1
        header = " ".join(offsets).encode() + b"\n"
        count = len(self.pending)
        self.pending = []
        self.stream(
            holder, header + b"\n".join(bodies) + b"\n", extra=f"/Type /ObjStm /N {count} /First {len(header)} "
        )

    def finish(self, root, info):
        """The cross-reference stream that says where every object is, and the trailer in it."""
        self._pack()
        xref = self.reserve()
        self.where[xref] = (1, self.position)
        entries = [b"\x00\x00\x00\x00\x00\xff\xff"]
        for number in range(1, self.next_number):
            kind, *place = self.where.get(number, (0, 0, 0))
            if kind == 1:
                entries.append(b"\x01" + place[0].to_bytes(4, "big") + b"\x00\x00")
            elif kind == 2:
                entries.append(b"\x02" + place[0].to_bytes(4, "big") + place[1].to_bytes(2, "big"))
            else:
                entries.append(b"\x00" * 7)
        data = zlib.compress(b"".join(entries), 6)
        start = self.position
        self.raw(
            f"{xref} 0 obj\n<< /Type /XRef /Size {self.next_number} /W [1 4 2] /Root {root} 0 R /Info {info} 0 R "
            f"/Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
            + data
            + f"\nendstream\nendobj\nstartxref\n{start}\n%%EOF\n".encode()
        )


def _as_read(lines):
    """The lines as drawn: each line broken at a space keeps it at its end (invisible), so the text a screen
    reader or a copy gets reads "Hours beyond contract", not "Hoursbeyondcontract"."""
    return [line if n == len(lines) - 1 or line.endswith("-") else line + " " for n, line in enumerate(lines)]


def _text_string(text):
    """A PDF text string (UTF-16BE with a byte-order mark, hex), safe for any characters."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _number(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


def write_table_pdf(
    target, *, title, heading_lines, columns, rows, layout=Layout(), language="en", progress=None, progress_every=250
):
    """Write the rows ``rows()`` yields (lists of cell texts, one per column; called twice: once to page the rows,
    once to draw them) as a tagged PDF to ``target`` (a binary file), headed with ``title`` and ``heading_lines``
    (paragraphs on the first page), the page numbers in the bottom-right margin. Returns the number of pages.
    ``progress(rows drawn)`` is told every ``progress_every`` rows and at the end. Raises CannotDraw, before writing anything, when a text
    needs more than this module draws."""
    regular, bold = _fonts()
    table = _Table(layout, columns, regular, bold, title, heading_lines)
    table.check([title, *heading_lines])
    page_rows = table.paginate(rows())
    writer = _Writer(target)
    writer.raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    tagged = _Tagged(writer, table, len(page_rows))
    done = 0

    def drawn():
        nonlocal done
        done += 1
        if progress and done % progress_every == 0:
            progress(done)

    stream = iter(rows())
    for index, count in enumerate(page_rows):
        tagged.page(index, [next(stream) for _ in range(count)], drawn)
    if progress and done % progress_every:
        progress(done)
    tagged.finish(title, language)
    return len(page_rows)


class _Table:
    """Where things go: the columns' x and widths, each row's height, which rows fall on which page."""

    def __init__(self, layout, columns, regular, bold, title, heading_lines):
        L = self.layout = layout
        self.columns, self.regular, self.bold = columns, regular, bold
        self.line = regular.line_height(L.size)
        self.left = L.margin + L.body_margin
        self.width = L.page_width - 2 * self.left
        self.widths = [self.width * column.width / 100 for column in columns]
        self.xs = [self.left + sum(self.widths[:i]) for i in range(len(columns))]
        self.top, self.bottom = L.margin, L.page_height - L.margin
        self.header = [self.cell_lines(bold, column.heading, i) for i, column in enumerate(columns)]
        self.header_height = self.height(self.header)
        # The heading: h1 (margin below 6 pt), p.meta (4 pt), p (8.5 pt above and below, the larger margin wins).
        self.title_lines = wrap(bold, title, L.title_size, self.width)
        y = self.top + L.body_margin
        self.title_top = y
        y += len(self.title_lines) * bold.line_height(L.title_size) + 6
        self.paragraphs = []
        below = 6  # the margin below the last block (collapses with the next one's margin above)
        for index, text in enumerate(heading_lines):
            above, after = (0, 4) if index == 0 else (L.size, L.size)  # p.meta, then p (1em above and below)
            y += max(above, below) - below
            lines = wrap(regular, text, L.size, self.width)
            self.paragraphs.append((y, lines, L.meta_color if index == 0 else None))
            y += len(lines) * self.line + after
            below = after
        self.first_table_top = y

    def cell_lines(self, font, text, index):
        return wrap(font, text, self.layout.size, self.widths[index] - 2 * self.layout.pad_x)

    def height(self, cells):
        return max(1, *(len(lines) for lines in cells)) * self.line + 2 * self.layout.pad_y + self.layout.rule

    def check(self, texts):
        for text in texts:
            if not can_draw(self.regular, text):
                raise CannotDraw(text)

    def row_cells(self, row):
        return [self.cell_lines(self.regular, text, i) for i, text in enumerate(row)]

    def paginate(self, rows):
        """How many rows each page holds (one page at least)."""
        counts, on_page = [], 0
        y = self.first_table_top + self.header_height
        for row in rows:
            self.check(row)
            height = self.height(self.row_cells(row))
            if on_page and y + height > self.bottom:
                counts.append(on_page)
                on_page, y = 0, self.top + self.header_height
            on_page += 1
            y += height
        counts.append(on_page)
        return counts


class _Tagged:
    """The objects: catalog, page tree, structure tree (Document > H1, P, P, Table > THead, TBody > TR > TH/TD),
    parent tree, fonts and metadata. Pages and rows are written as they are drawn; the elements above the rows
    are written at the end, when their kids are known."""

    def __init__(self, writer, table, page_count):
        self.writer, self.table, self.page_count = writer, table, page_count
        reserve = writer.reserve
        self.catalog, self.pages, self.root, self.document = reserve(), reserve(), reserve(), reserve()
        self.table_element, self.thead, self.tbody, self.header_row = reserve(), reserve(), reserve(), reserve()
        self.fonts = {"F1": reserve(), "F2": reserve()}
        self.page_numbers, self.parent_arrays, self.rows = [], [], []
        self.heading_elements = []  # (number, tag, page, mcid)
        self.header_cells = [reserve() for _ in table.columns]
        self.header_marks = []  # (page, mcid) of each header cell, on the first page

    def page(self, index, rows, drawn):
        t, L, writer = self.table, self.table.layout, self.writer
        page, contents = writer.reserve(), writer.reserve()
        self.page_numbers.append(page)
        ops, marked = [], []  # marked: MCID -> structure element

        def text(font_name, font, size, x, y_top, string, color=None):
            baseline = L.page_height - (y_top + font.ascent * size / font.units)
            fill = "{} {} {} rg ".format(*map(_number, color)) if color else ""
            ops.append(
                f"BT {fill}/{font_name} {_number(size)} Tf 1 0 0 1 {x:.2f} {baseline:.2f} Tm {font.encode(string)} Tj ET"
            )

        def begin(tag, element):
            ops.append(f"/{tag} <</MCID {len(marked)}>> BDC")
            marked.append(element)
            return len(marked) - 1

        def cell(i, lines, y, font_name, font, height):
            """A cell's lines, vertically centred in its row, right-aligned in a numeric column."""
            y_text = y + L.pad_y + (height - 2 * L.pad_y - L.rule - len(lines) * t.line) / 2
            for line, spoken in zip(lines, _as_read(lines), strict=True):
                x = t.xs[i] + L.pad_x
                if t.columns[i].numeric:  # right-aligned; a line wider than the cell starts at its left, as in CSS
                    x = max(x, t.xs[i] + t.widths[i] - L.pad_x - font.width(line, L.size))
                text(font_name, font, L.size, x, y_text, spoken)
                y_text += t.line

        def rule(y):
            y_pdf = L.page_height - y - L.rule / 2
            ops.append(
                "/Artifact BMC q {} {} {} RG ".format(*map(_number, L.rule_color))
                + f"{_number(L.rule)} w {t.left:.2f} {y_pdf:.2f} m {t.left + t.width:.2f} {y_pdf:.2f} l S Q EMC"
            )

        if index == 0:
            mcid = begin("H1", element := writer.reserve())
            title_line = t.bold.line_height(L.title_size)
            for n, line in enumerate(_as_read(t.title_lines)):
                text("F2", t.bold, L.title_size, t.left, t.title_top + n * title_line, line, L.title_color)
            ops.append("EMC")
            self.heading_elements.append((element, "H1", page, mcid))
            for y_top, lines, color in t.paragraphs:
                mcid = begin("P", element := writer.reserve())
                for n, line in enumerate(_as_read(lines)):
                    text("F1", t.regular, L.size, t.left, y_top + n * t.line, line, color or (0, 0, 0))
                ops.append("EMC")
                self.heading_elements.append((element, "P", page, mcid))
            y = t.first_table_top
            for i, lines in enumerate(t.header):
                self.header_marks.append((page, begin("TH", self.header_cells[i])))
                cell(i, lines, y, "F2", t.bold, t.header_height)
                ops.append("EMC")
            ops.append("0 0 0 rg")
        else:
            y = t.top
            ops.append("/Artifact <</Type /Pagination>> BDC")
            for i, lines in enumerate(t.header):
                cell(i, lines, y, "F2", t.bold, t.header_height)
            ops.append("EMC")
        y += t.header_height
        rule(y - L.rule)
        for row in rows:
            cell_lines = t.row_cells(row)
            height = t.height(cell_lines)
            row_element = writer.reserve()
            kids = []
            for i, lines in enumerate(cell_lines):
                element = writer.reserve()
                kids.append(f"{element} 0 R")
                if lines:
                    mcid = begin("TD", element)
                    cell(i, lines, y, "F1", t.regular, height)
                    ops.append("EMC")
                    content = f"/K {mcid} /Pg {page} 0 R"
                else:
                    content = "/K []"
                writer.object(
                    element, f"<< /Type /StructElem /S /TD /P {row_element} 0 R {content} /A << /O /Table >> >>"
                )
            writer.object(row_element, f"<< /Type /StructElem /S /TR /P {self.tbody} 0 R /K [{' '.join(kids)}] >>")
            self.rows.append(row_element)
            drawn()
            y += height
            rule(y - L.rule)
        label = f"Page {index + 1} of {self.page_count}"
        size = L.numbers_size
        ops.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        x = L.page_width - L.margin - t.regular.width(label, size)
        text("F1", t.regular, size, x, t.bottom + (L.margin - t.regular.line_height(size)) / 2, label)
        ops.append("EMC")
        writer.stream(contents, "\n".join(ops).encode("latin-1"))
        parent_array = writer.reserve()
        writer.object(parent_array, "[" + " ".join(f"{n} 0 R" for n in marked) + "]")
        self.parent_arrays.append(parent_array)
        fonts = " ".join(f"/{name} {number} 0 R" for name, number in self.fonts.items())
        writer.object(
            page,
            f"<< /Type /Page /Parent {self.pages} 0 R "
            f"/MediaBox [0 0 {_number(L.page_width)} {_number(L.page_height)}] "
            f"/Resources << /Font << {fonts} >> >> /Contents {contents} 0 R /StructParents {index} /Tabs /S >>",
        )

    def finish(self, title, language):
        writer, t = self.writer, self.table
        obj = writer.object

        def refs(numbers):
            return "[" + " ".join(f"{n} 0 R" for n in numbers) + "]"

        for element, tag, page, mcid in self.heading_elements:
            obj(element, f"<< /Type /StructElem /S /{tag} /P {self.document} 0 R /K {mcid} /Pg {page} 0 R >>")
        for i, (element, (page, mcid)) in enumerate(zip(self.header_cells, self.header_marks, strict=True)):
            del i
            obj(
                element,
                f"<< /Type /StructElem /S /TH /P {self.header_row} 0 R /K {mcid} /Pg {page} 0 R "
                f"/A << /O /Table /Scope /Column >> >>",
            )
        obj(self.header_row, f"<< /Type /StructElem /S /TR /P {self.thead} 0 R /K {refs(self.header_cells)} >>")
        obj(self.thead, f"<< /Type /StructElem /S /THead /P {self.table_element} 0 R /K [{self.header_row} 0 R] >>")
        obj(self.tbody, f"<< /Type /StructElem /S /TBody /P {self.table_element} 0 R /K {refs(self.rows)} >>")
        obj(
            self.table_element,
            f"<< /Type /StructElem /S /Table /P {self.document} 0 R /K [{self.thead} 0 R {self.tbody} 0 R] >>",
        )
        top = [element for element, *_ in self.heading_elements] + [self.table_element]
        obj(self.document, f"<< /Type /StructElem /S /Document /P {self.root} 0 R /K {refs(top)} >>")
        parent_tree = writer.reserve()
        nums = " ".join(f"{i} {n} 0 R" for i, n in enumerate(self.parent_arrays))
        obj(parent_tree, f"<< /Nums [{nums}] >>")
        obj(
            self.root,
            f"<< /Type /StructTreeRoot /K [{self.document} 0 R] /ParentTree {parent_tree} 0 R "
            f"/ParentTreeNextKey {len(self.parent_arrays)} >>",
        )
        obj(self.pages, f"<< /Type /Pages /Kids {refs(self.page_numbers)} /Count {len(self.page_numbers)} >>")
        for (name, number), font in zip(self.fonts.items(), (t.regular, t.bold), strict=True):
            _embed(writer, number, font, tag=f"PD{name}AA")
        metadata = writer.reserve()
        writer.stream(metadata, _xmp(title).encode(), extra="/Type /Metadata /Subtype /XML ")
        obj(
            self.catalog,
            f"<< /Type /Catalog /Pages {self.pages} 0 R /StructTreeRoot {self.root} 0 R /Metadata {metadata} 0 R "
            f"/Lang {_text_string(language)} /MarkInfo << /Marked true >> "
            f"/ViewerPreferences << /DisplayDocTitle true >> >>",
        )
        info = writer.reserve()
        obj(info, f"<< /Title {_text_string(title)} /Producer (PD platform) >>")
        writer.finish(self.catalog, info)


def _embed(writer, number, font, tag):
    """``font`` as a Type 0 font of its glyph ids (Identity-H), subset to the glyphs drawn, with a ToUnicode map
    (so text can be copied, searched and read aloud)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    used = font.used or {0: " "}
    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    subsetter = subset.Subsetter(options)
    face = TTFont(font.path)
    subsetter.populate(gids=list(used))
    subsetter.subset(face)
    data = io.BytesIO()
    face.save(data)
    name = f"{tag}+{font.name}"
    scale = 1000 / font.units
    advances = {gid: font.advance[c] for gid, c in used.items() if c in font.advance}
    widths = " ".join(f"{gid} [{round(advances[gid] * scale)}]" for gid in sorted(advances))
    file, descriptor, cid_font, to_unicode = (writer.reserve() for _ in range(4))
    writer.stream(file, data.getvalue(), extra=f"/Length1 {len(data.getvalue())} ")
    writer.object(
        descriptor,
        f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{' '.join(map(str, font.bbox))}] "
        f"/ItalicAngle 0 /Ascent {round(font.ascent * scale)} /Descent {round(-font.descent * scale)} "
        f"/CapHeight {round(font.ascent * scale)} /StemV 80 /FontFile2 {file} 0 R >>",
    )
    writer.object(
        cid_font,
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>",
    )
    entries = [f"<{gid:04X}> <{c.encode('utf-16-be').hex().upper()}>" for gid, c in sorted(used.items()) if gid]
    blocks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "".join(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar\n" for block in blocks)
        + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    writer.stream(to_unicode, cmap.encode())
    writer.object(
        number,
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>",
    )


def _xmp(title):
    from xml.sax.saxutils import escape

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>'
        "<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
