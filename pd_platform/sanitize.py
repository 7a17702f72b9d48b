"""What people write becomes HTML through Markdown, then nh3 keeps only harmless markup."""

import markdown
import nh3

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
    return clean_html(markdown.markdown(source or "", extensions=["sane_lists"], output_format="html"))


def plain_text(value: str) -> str:
    """Text as stored: without NUL characters, which PostgreSQL text columns refuse."""
    return (value or "").replace("\x00", "")
