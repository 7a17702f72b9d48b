"""What a reader sees of rendered user text, as plain text: for comparing two revisions as they
read (not as the Markdown was typed) and for short excerpts of feedback. Linear in the HTML."""

from html.parser import HTMLParser

# Where a tag opens or closes, the text breaks: a paragraph apart, a new line, or the next cell.
_CELL, _LINE, _PARAGRAPH = 1, 2, 3
_BREAKS = {
    **dict.fromkeys(("p", "h3", "h4", "blockquote", "pre", "table", "ul", "ol", "hr"), _PARAGRAPH),
    **dict.fromkeys(("li", "tr", "br", "div"), _LINE),
    **dict.fromkeys(("td", "th"), _CELL),
}
_SEPARATORS = {_CELL: "\t", _LINE: "\n", _PARAGRAPH: "\n\n"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str | int] = []  # text, and breaks as numbers

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append(_BREAKS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS and tag not in ("td", "th"):
            self.parts.append(_BREAKS[tag])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def readable_text(html: str) -> str:
    """Sanitized HTML as the text a reader sees: paragraphs apart, list items on their own lines,
    no markup and no Markdown syntax."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    text: list[str] = []
    pending = 0  # pending: the strongest break met since the last text
    for part in parser.parts:
        if isinstance(part, int):
            if text:
                pending = max(pending, part)
            continue
        if not part.strip():
            if text and not pending:
                text.append(" ")  # space between inline pieces; the HTML's layout between blocks is dropped
            continue
        if pending:
            text[-1] = text[-1].rstrip()
            text.append(_SEPARATORS[pending])
            part = part.lstrip()
            pending = 0
        text.append(part)
    return "".join(text).strip()


def excerpt(html: str, limit: int = 160) -> str:
    """The start of some rendered text as one plain line, cut at a word with an ellipsis."""
    html = html or ""
    if html.rfind("<") > html.rfind(">"):
        html = html[: html.rfind("<")]  # a tag cut off where the excerpt was taken
    text = " ".join(readable_text(html).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:.-–— ") + "…"
