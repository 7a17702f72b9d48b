"""What changed between two revisions, word by word where that is cheap, so minimal changes show.

The work is bounded whatever a participant submits: the common beginning and end are set
aside in linear time, and the middle is compared with Myers' O(ND) algorithm under a fixed
budget of steps. Where the word-level comparison would exceed it (long, repetitive or wholly
rewritten text), the revisions are compared line by line under the same budget, and where
even that would exceed it, the changed middle is shown as removed and added whole.

What is compared is the text as it reads (``readable.readable_text`` of the rendered revision,
not its Markdown), and a changed phrase is shown as one removed run then one added run: edits
separated only by spaces or one short word are joined (``_readable_runs``, linear).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape

_TOKENS = re.compile(r"\s+|[^\s]+")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")

# Steps (diagonal moves plus matched tokens) one comparison may take: about 0.1 s of Python.
STEP_BUDGET = 200_000

WORDS, LINES, WHOLE = "words", "lines", "whole"


@dataclass(frozen=True)
class Diff:
    """A comparison computed once: ``ops`` is a list of (op, text), op "same", "added" or "removed"."""

    ops: list[tuple[str, str]]
    level: str
    words_added: int = 0  # counted before runs are joined for reading, so a shared word is not counted
    words_removed: int = 0

    @property
    def capped(self):
        """True when the text was too long or too changed to compare word by word."""
        return self.level != WORDS

    def html(self):
        """The diff as HTML with <ins> and <del>, every piece of text escaped."""
        parts = []
        for op, text in self.ops:
            text = escape(text)
            if op == "added":
                parts.append(f'<ins aria-label="added">{text}</ins>')
            elif op == "removed":
                parts.append(f'<del aria-label="removed">{text}</del>')
            else:
                parts.append(text)
        return "".join(parts)


def compare(old: str, new: str, budget: int = STEP_BUDGET) -> Diff:
    """Compare two texts, word by word if the budget allows, else line by line, else whole."""
    old, new = old or "", new or ""
    for level, pattern in ((WORDS, _TOKENS), (LINES, _LINES)):
        ops = _diff_tokens(pattern.findall(old), pattern.findall(new), budget)
        if ops is not None:
            return Diff(ops=_readable_runs(ops), level=level, **_counts(ops))
    a, b = _LINES.findall(old), _LINES.findall(new)
    start, end_a, end_b = _common_ends(a, b)
    ops = [
        ("same", "".join(a[:start])),
        ("removed", "".join(a[start:end_a])),
        ("added", "".join(b[start:end_b])),
        ("same", "".join(a[end_a:])),
    ]
    ops = [(op, text) for op, text in ops if text]
    return Diff(ops=ops, level=WHOLE, **_counts(ops))


def _counts(ops):
    return {
        "words_added": sum(len(text.split()) for op, text in ops if op == "added"),
        "words_removed": sum(len(text.split()) for op, text in ops if op == "removed"),
    }


# Short words that, alone between two edits, read as part of the changed phrase.
_GLUE_LENGTH = 3


def _is_glue(text):
    """Whitespace within a line, or one short word with its spaces: joining the edits on either
    side into one removed and one added run reads better than alternating single words."""
    if "\n" in text:
        return False
    words = text.split()
    return not words or (len(words) == 1 and len(words[0]) <= _GLUE_LENGTH)


def _readable_runs(ops):
    """A changed phrase as one removed run then one added run: edits separated only by glue are
    joined, the glue going into both runs (so each run still rebuilds its revision). Linear."""
    edits = []  # (removed, added), or (None, text) for a common part
    for op, text in ops:
        if op == "same":
            edits.append((None, text))
        elif edits and edits[-1][0] is not None:
            removed, added = edits[-1]
            edits[-1] = (removed + text, added) if op == "removed" else (removed, added + text)
        else:
            edits.append((text, "") if op == "removed" else ("", text))
    joined = []
    for segment in edits:
        if (
            segment[0] is not None
            and len(joined) >= 2
            and joined[-1][0] is None
            and joined[-2][0] is not None
            and _is_glue(joined[-1][1])
        ):
            glue = joined.pop()[1]
            removed, added = joined.pop()
            segment = (removed + glue + segment[0], added + glue + segment[1])
        joined.append(segment)
    result = []
    for first, second in joined:
        if first is None:
            result.append(("same", second))
        else:
            result += [(op, text) for op, text in (("removed", first), ("added", second)) if text]
    return result


def _common_ends(a, b):
    """Length of the common beginning, and where the common end starts in a and in b."""
    start, limit = 0, min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return start, end_a, end_b


def _diff_tokens(a, b, budget):
    start, end_a, end_b = _common_ends(a, b)
    middle = _myers(a[start:end_a], b[start:end_b], budget)
    if middle is None:
        return None
    # Runs of edits read best as what was removed, then what was added.
    ops, removed, added = [], [], []
    for op, text in [("same", "".join(a[:start])), *middle, ("same", "".join(a[end_a:]))]:
        if op == "removed":
            removed.append(text)
        elif op == "added":
            added.append(text)
        elif text:
            ops += [(kind, "".join(run)) for kind, run in (("removed", removed), ("added", added)) if "".join(run)]
            removed, added = [], []
            if ops and ops[-1][0] == "same":
                ops[-1] = ("same", ops[-1][1] + text)
            else:
                ops.append(("same", text))
    ops += [(kind, "".join(run)) for kind, run in (("removed", removed), ("added", added)) if "".join(run)]
    return ops


def _myers(a, b, budget):
    """The shortest edit script from a to b as (op, text) runs, or None past the budget."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [("removed", "".join(a)), ("added", "".join(b))]
    v = {1: 0}
    trace = []
    steps = 0
    for d in range(n + m + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[k - 1] < v[k + 1]):
                x = v[k + 1]
            else:
                x = v[k - 1] + 1
            y = x - k
            x0 = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            steps += 1 + x - x0
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(a, b, trace, x, y)
            if steps > budget:
                return None
    return None  # unreachable: the loop finds the end by d = n + m


def _backtrack(a, b, trace, x, y):
    edits = []  # (op, token), end to start
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]
        k = x - y
        if k == -d or (k != d and v[k - 1] < v[k + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = v[prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            edits.append(("same", a[x]))
        if d > 0:
            if x == prev_x:
                edits.append(("added", b[prev_y]))
            else:
                edits.append(("removed", a[prev_x]))
        x, y = prev_x, prev_y
    edits.reverse()
    return edits
