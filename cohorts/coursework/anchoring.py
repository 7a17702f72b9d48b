"""Comments anchored to passages, and where each passage went in the next revision.

A facilitator comments on a passage of one revision: (start, end) offsets into the revision's
canonical text (what the participant wrote, with line endings made "\\n") and the quoted words.
When the participant resubmits, ``follow`` says for each comment what became of its passage:

- ``kept``: the same words are in the new text (where they now are, maybe moved);
- ``rewritten``: the region around it changed; the new text in its place is given;
- ``removed``: nothing stands in its place any more.

Every comment gets exactly one answer. ``kept`` is only ever said with the very same words at the
position given. The texts are compared token by token (words, runs of space, single marks) with
the common beginning and end set aside in linear time and the middle compared by Myers' O(ND)
algorithm under a fixed budget of steps; past it the middle counts as rewritten whole, and a
passage is then found again by its words alone. So the work is bounded for any text.

Pure Python: no Django here, so it is tested and reasoned about on its own.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

KEPT, REWRITTEN, REMOVED = "kept", "rewritten", "removed"

# Steps (diagonal moves plus matched tokens) one comparison may take: about 0.1 s of Python.
STEP_BUDGET = 200_000
# Places of a passage's words looked at when the passage is searched for in the new text.
MAX_OCCURRENCES = 200

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Placement:
    """Where a passage is in the new text. ``text`` is the quote when kept, the text now in its
    place when rewritten, "" when removed (``start == end`` is where it was)."""

    status: str
    start: int
    end: int
    text: str


def canonical_text(source: str) -> str:
    """The one plain text of a revision that offsets count in: its source, with "\\n" line ends."""
    return (source or "").replace("\r\n", "\n").replace("\r", "\n")


def trimmed(text: str, start: int, end: int):
    """(start, end) without the spaces at either edge, or None when nothing but space is left."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def locate(text: str, passage: str, hint=None):
    """Where ``passage`` is in ``text``: (start, end) or None.

    ``hint`` is the (start, end) a browser worked out from a selection; it is taken when the text
    there is the passage. Otherwise the passage's words are looked for with any run of spaces
    standing for any other (copied words lose their line breaks); the first place wins. Linear:
    both sides are collapsed once and searched with str.find.
    """
    if hint is not None:
        start, end = hint
        if 0 <= start < end <= len(text):
            span = trimmed(text, start, end)
            if span and _SPACE.sub(" ", text[span[0] : span[1]]) == _SPACE.sub(" ", passage.strip()):
                return span
    words = _SPACE.sub(" ", passage).strip()
    if not words:
        return None
    collapsed, positions = _collapse(text)
    found = collapsed.find(words)
    if found < 0:
        return None
    return positions[found], positions[found + len(words) - 1] + 1


def _collapse(text):
    """Text with each run of space made one " ", and where each of its characters came from."""
    out, positions = [], []
    for match in re.finditer(r"\s+|\S+", text):
        piece = match.group()
        if piece[0].isspace():
            out.append(" ")
            positions.append(match.start())
        else:
            out.append(piece)
            positions.extend(range(match.start(), match.end()))
    return "".join(out), positions


def segments(text: str, spans):
    """The text cut at every span's edges, for showing highlighted passages.

    ``spans`` are (start, end, key). Returns [(piece, keys covering it, keys ending after it)]
    in order; the pieces join to the text."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    out = []
    for left, right in zip(edges, edges[1:], strict=False):
        covering = [key for start, end, key in spans if start <= left and right <= end and start < end]
        ending = [key for start, end, key in spans if end == right and start < end]
        out.append((text[left:right], covering, ending))
    # A removed passage (start == end) marks nothing.
    return out


def follow(old: str, new: str, anchors, budget: int = STEP_BUDGET):
    """One Placement in ``new`` for each Anchor in ``old``, in the same order."""
    old_tokens = _tokenize(old)
    new_tokens = _tokenize(new)
    follower = _Follower(old, new, old_tokens, new_tokens, _match(old_tokens, new_tokens, budget))
    return [follower.place(anchor) for anchor in anchors]


def _tokenize(text):
    """[(start, token)] covering the text."""
    return [(m.start(), m.group()) for m in _TOKENS.finditer(text)]


def _match(a, b, budget):
    """For each token of a, the index of the same token in b it is matched with, or -1."""
    to_new = [-1] * len(a)
    n, m = len(a), len(b)
    start = 0
    while start < n and start < m and a[start][1] == b[start][1]:
        to_new[start] = start
        start += 1
    end_a, end_b = n, m
    while end_a > start and end_b > start and a[end_a - 1][1] == b[end_b - 1][1]:
        end_a -= 1
        end_b -= 1
        to_new[end_a] = end_b
    middle = _myers([t for _, t in a[start:end_a]], [t for _, t in b[start:end_b]], budget)
    for i, j in middle or ():
        to_new[start + i] = start + j
    return to_new


def _myers(a, b, budget):
    """Matched index pairs of a shortest edit script from a to b, or None past the budget."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace = []
    steps = 0
    for d in range(n + m + 1):
        trace.append(v[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            x0 = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            steps += 1 + x - x0
            v[offset + k] = x
            if x >= n and y >= m:
                return _matched_pairs(trace, x, y)
            if steps > budget:
                return None
    return None  # unreachable: the end is found by d = n + m


def _matched_pairs(trace, x, y):
    pairs = []
    for d in range(len(trace) - 1, -1, -1):
        saved = trace[d]  # v[-d-1 .. d+1] as it was before step d

        def at(k, saved=saved, d=d):
            return saved[k + d + 1]

        k = x - y
        if k == -d or (k != d and at(k - 1) < at(k + 1)):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = at(prev_k) if d > 0 else 0
        prev_y = prev_x - prev_k if d > 0 else 0
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            pairs.append((x, y))
        x, y = prev_x, prev_y
    pairs.reverse()
    return pairs


class _Follower:
    def __init__(self, old, new, old_tokens, new_tokens, to_new):
        self.old, self.new = old, new
        self.a, self.b, self.to_new = old_tokens, new_tokens, to_new
        self.a_starts = [s for s, _ in old_tokens]
        matched = [False] * len(new_tokens)
        for j in to_new:
            if j >= 0:
                matched[j] = True
        self.matched = matched
        self.b_starts = [s for s, _ in new_tokens]

    def _token_at(self, starts, position):
        return max(0, bisect_right(starts, position) - 1)

    def place(self, anchor):
        old, new = self.old, self.new
        start, end = max(0, anchor.start), min(len(old), anchor.end)
        quote = anchor.quote
        if not quote or start >= end:
            return Placement(REMOVED, 0, 0, "")
        first, last = self._token_at(self.a_starts, start), self._token_at(self.a_starts, end - 1)
        moved_to = self.to_new[first]
        if old[start:end] == quote and moved_to >= 0:
            span = last - first
            if all(self.to_new[first + i] == moved_to + i for i in range(span + 1)):
                new_start = self.b_starts[moved_to] + (start - self.a_starts[first])
                new_end = self.b_starts[moved_to + span] + (end - self.a_starts[last])
                if new[new_start:new_end] == quote:
                    return Placement(KEPT, new_start, new_end, quote)
        left, right = self._left(first, start), self._right(last, end)
        found = self._find_elsewhere(quote, old, start, end, left)
        if found is not None:
            return Placement(KEPT, found, found + len(quote), quote)
        if not any(_is_word(char) for char in new[left:right]):
            return Placement(REMOVED, left, left, "")
        # What stands in its place reads from the nearest kept word before to the nearest after.
        span = trimmed(new, self._left(first, start, words_only=True), self._right(last, end, words_only=True))
        region = new[span[0] : span[1]]
        if region == quote:
            return Placement(KEPT, span[0], span[1], quote)
        return Placement(REWRITTEN, span[0], span[1], region)

    def _left(self, first, start, words_only=False):
        """Where the passage's beginning now is: its own token's place if that was kept, else
        just after the nearest kept token (or word) before it."""
        j = self.to_new[first]
        if j >= 0:
            return self.b_starts[j] + (start - self.a_starts[first])
        for i in range(first - 1, -1, -1):
            j = self.to_new[i]
            if j >= 0 and (not words_only or _is_word(self.b[j][1][0])):
                return self.b_starts[j] + len(self.b[j][1])
        return 0

    def _right(self, last, end, words_only=False):
        j = self.to_new[last]
        if j >= 0:
            return self.b_starts[j] + (end - self.a_starts[last])
        for i in range(last + 1, len(self.to_new)):
            j = self.to_new[i]
            if j >= 0 and (not words_only or _is_word(self.b[j][1][0])):
                return self.b_starts[j]
        return len(self.new)

    def _find_elsewhere(self, quote, old, start, end, near):
        """The quote in the new text where it was moved or retyped: at the same kind of edges
        (a whole word stays a whole word) and not wholly on text that was there before (that is
        another copy of the words, not this passage). The place nearest ``near`` wins."""
        new = self.new
        best = None
        position = new.find(quote)
        looked = 0
        while position >= 0 and looked < MAX_OCCURRENCES:
            looked += 1
            stop = position + len(quote)
            if (
                _edge(old, start) == _edge(new, position)
                and _edge(old, end) == _edge(new, stop)
                and not self._all_matched(position, stop)
            ):
                if best is None or abs(position - near) < abs(best - near):
                    best = position
            position = new.find(quote, position + 1)
        return best

    def _all_matched(self, start, stop):
        first = self._token_at(self.b_starts, start)
        last = self._token_at(self.b_starts, stop - 1)
        return all(self.matched[first : last + 1])


def _edge(text, position):
    """Is a word cut at this position (a word character on both sides)?"""
    if position <= 0 or position >= len(text):
        return False
    return _is_word(text[position - 1]) and _is_word(text[position])


def _is_word(char):
    return char.isalnum() or char == "_"
