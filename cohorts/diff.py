"""What changed between two revisions, word by word, so minimal changes are visible."""

import difflib
import re

from django.utils.html import escape

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str):
    """A list of (op, text): op is "same", "added" or "removed"."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    result = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            result.append(("same", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                result.append(("removed", "".join(a[i1:i2])))
            if j2 > j1:
                result.append(("added", "".join(b[j1:j2])))
    return result


def diff_html(old: str, new: str) -> str:
    """The diff as HTML with <ins> and <del>, every piece of text escaped."""
    parts = []
    for op, text in word_diff(old, new):
        text = escape(text)
        if op == "added":
            parts.append(f'<ins aria-label="added">{text}</ins>')
        elif op == "removed":
            parts.append(f'<del aria-label="removed">{text}</del>')
        else:
            parts.append(text)
    return "".join(parts)


def change_summary(old: str, new: str) -> tuple[int, int]:
    """Words added and words removed."""
    added = removed = 0
    for op, text in word_diff(old, new):
        words = len(text.split())
        if op == "added":
            added += words
        elif op == "removed":
            removed += words
    return added, removed
