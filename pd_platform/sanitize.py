"""What people write becomes HTML through Markdown, then nh3 keeps only harmless markup.

The Markdown is CommonMark (markdown-it-py) with tables, and the work is linear in the length of
the text whatever it holds: under Python-Markdown, 20,000 "[" held a worker for 80 s, longer than
gunicorn's 30 s. markdown-it-py's rules remember what they have scanned, so a run of brackets,
emphasis marks or backticks costs a constant for each; what could still multiply is bounded here:

- nesting stops at MAX_NESTING levels (markdown-it-py's own guard). It bounds the work for each
  bracket too (20,000 "[" take 0.3 s at 20 levels, 0.7 s at 40), and text nested deeper would be
  dropped, so a text that reaches it is shown without its quotes and lists instead;
- a table row has the cells typed in it (GitHub's tables fill short rows up to the header's width:
  2,000 characters of one-letter rows under a wide header were 65,000 cells and a second's work);
- raw HTML is read tag by tag inside paragraphs, and only the first RAW_HTML_TAGS tags reach nh3,
  whose HTML parser works in proportion to the depth of unclosed tags for each tag (20,000
  characters of "<ul>" took 150 times as long as 2,000); the rest shows as typed.

tests/bench/bench_markdown.py measures the hostile shapes; tests/security/test_hostile_input.py
holds each to linear time through the views.
"""

import re
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

MAX_NESTING = 20
RAW_HTML_TAGS = 200

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r":?-+:?")
_DELIMITER_ROW = re.compile(r"[|:\- \t]+")  # one repetition, so a line of dashes and a letter fails in one pass


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_user_text(source: str) -> str:
    """Markdown (or plain text) a person typed, as sanitized HTML."""
    source = source or ""
    tokens = _MARKDOWN.parse(source)
    # An opening at the last level means the parser may have left out what lay deeper.
    if any(token.nesting == 1 and token.level >= MAX_NESTING - 1 for token in tokens):
        tokens = _FLAT.parse(source)
    _limit_raw_html(tokens)
    return clean_html(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))


def plain_text(value: str) -> str:
    """Text as stored: without NUL characters, which PostgreSQL text columns refuse."""
    return (value or "").replace("\x00", "")


def required_text(value: str | None, limit: int, refusal: type[Exception], *, empty: str, too_long: str) -> str:
    """What a person typed into a field that must be filled, as stored (``plain_text``, trimmed); or ``refusal``
    saying why not: ``empty`` when nothing is left, ``too_long`` (its ``{length}`` and ``{limit}`` filled in)
    when it is longer than ``limit``."""
    text = plain_text(value or "").strip()
    if not text:
        raise refusal(empty)
    if len(text) > limit:
        raise refusal(too_long.format(length=len(text), limit=limit))
    return text


def _limit_raw_html(tokens: Sequence[Token]) -> None:
    """Pass the first RAW_HTML_TAGS tags of raw HTML on to nh3; show the rest as typed."""
    budget = RAW_HTML_TAGS
    for token in tokens:
        for child in token.children or ():
            if child.type == "html_inline":
                budget -= 1
                if budget < 0:
                    child.type = "text"


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].strip()


def _row_cells(text: str) -> list[str]:
    """The cells of a table row: split at each pipe not escaped by a backslash, outer pipes dropped."""
    cells = [cell.strip() for cell in _UNESCAPED_PIPE.split(text)]
    if cells and not cells[0]:
        cells.pop(0)
    if cells and not cells[-1]:
        cells.pop()
    return [cell.replace("\\|", "|") for cell in cells]


def _push_row(state: StateBlock, line: int, tag: str, cells: list[str]) -> None:
    state.push("tr_open", "tr", 1).map = [line, line + 1]
    for cell in cells:
        state.push(f"{tag}_open", tag, 1)
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = cell, [line, line + 1], []
        state.push(f"{tag}_close", tag, -1)
    state.push("tr_close", "tr", -1)


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A table as on GitHub (a header row, a row of dashes, rows until a blank line or another
    block), except that a row shorter than the header is not filled with empty cells."""
    if start + 2 > end:
        return False
    below = start + 1
    if state.sCount[below] < state.blkIndent or state.is_code_block(below) or state.is_code_block(start):
        return False
    delimiter = _line(state, below)
    if "-" not in delimiter or not _DELIMITER_ROW.fullmatch(delimiter) or delimiter.startswith(("- ", "-\t")):
        return False
    dashes = [cell.strip() for cell in delimiter.split("|")]
    if not dashes[0]:
        dashes.pop(0)
    if dashes and not dashes[-1]:
        dashes.pop()
    if not all(_DELIMITER_CELL.fullmatch(cell) for cell in dashes):
        return False
    header = _line(state, start)
    if "|" not in header:
        return False
    columns = _row_cells(header)
    if len(columns) != len(dashes):
        return False
    if silent:
        return True

    parent, state.parentType = state.parentType, "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    table = state.push("table_open", "table", 1)
    state.push("thead_open", "thead", 1)
    _push_row(state, start, "th", columns)
    state.push("thead_close", "thead", -1)
    line = start + 2
    while line < end and state.sCount[line] >= state.blkIndent:
        if any(rule(state, line, end, True) for rule in terminators):
            break
        text = _line(state, line)
        if not text or state.is_code_block(line):
            break
        if line == start + 2:
            state.push("tbody_open", "tbody", 1)
        _push_row(state, line, "td", _row_cells(text)[: len(columns)])
        line += 1
    if line > start + 2:
        state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)
    table.map = [start, line]
    state.parentType, state.line = parent, line
    return True


def _any_link(url: str) -> bool:
    return True  # nh3 decides which links stay (http, https, mailto), as it did under Python-Markdown


def _parser(*, nesting: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})
    md.enable("table")
    # No HTML blocks: a line that starts with a tag is still Markdown (as the link after a <script>
    # was under Python-Markdown), and every tag is one token that _limit_raw_html counts.
    md.disable("html_block")
    if not nesting:
        md.disable(["blockquote", "list"])
    md.validateLink = _any_link  # type: ignore[method-assign]  # markdown-it-py's way to allow every link
    return md


_MARKDOWN = _parser()
_FLAT = _parser(nesting=False)
