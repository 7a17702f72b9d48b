"""HTTP byte ranges (RFC 9110 section 14): what a video player asks for to seek, and what
Safari asks for before it plays a video at all. A pure function over the header and the size."""

import re

_SINGLE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    pass


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) inclusive for a ``Range`` header on a file of ``size`` bytes, or None to
    send the whole file (no header, several ranges, or a form this server does not read).
    Raises ``Unsatisfiable`` for a range that starts past the end."""
    match = _SINGLE.match((header or "").strip())
    if not match:
        return None
    start, end = match.groups()
    if not start and not end:
        return None
    if not start:  # the last N bytes
        length = int(end)
        if length == 0:
            raise Unsatisfiable
        return max(size - length, 0), size - 1
    first = int(start)
    last = min(int(end), size - 1) if end else size - 1
    if first >= size or last < first:
        raise Unsatisfiable
    return first, last
