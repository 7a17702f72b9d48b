"""How long a video is, read from the file's own header, so an editor who uploads a video does not
have to work out its length in seconds. WebM (Matroska) keeps it in the segment's Info element,
MP4 in the movie header box (``mvhd``). Pure functions over a binary file handle; ``None`` when the
file does not say (a recording that was never finalised, say) or is not what its name claims."""

import struct
from collections.abc import Iterator
from typing import BinaryIO

EBML_HEADER = 0x1A45DFA3
SEGMENT = 0x18538067
INFO = 0x1549A966
TIMECODE_SCALE = 0x2AD7B1
DURATION = 0x4489
CLUSTER = 0x1F43B675  # the media itself begins: Info, when present, came before it
HEAD_BYTES = 1024 * 1024  # the Info element sits in the first kilobytes of any real WebM file


def seconds(handle: BinaryIO, extension: str) -> int | None:
    """The whole seconds of the video in ``handle`` (cut down, as a player shows them), or ``None``."""
    try:
        length = _webm(handle) if extension == "webm" else _mp4(handle) if extension == "mp4" else None
    except (struct.error, ValueError, OSError):
        return None
    if length is None or length <= 0:
        return None
    return max(1, int(length))


def _vint(data: bytes, at: int, *, keep_marker: bool) -> tuple[int | None, int]:
    """An EBML variable-length integer at ``at``: (value, next position). Sizes drop the length
    marker bit; IDs keep it. A size of all ones means "unknown" (returned as None)."""
    first = data[at]
    width = 1
    while width <= 8 and not first & (0x80 >> (width - 1)):
        width += 1
    if width > 8 or at + width > len(data):
        raise ValueError("not an EBML number")
    value = first if keep_marker else first & (0xFF >> width)
    for byte in data[at + 1 : at + width]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * width)) - 1:
        return None, at + width
    return value, at + width


def _elements(data: bytes, start: int, end: int) -> Iterator[tuple[int | None, int, int]]:
    at = start
    while at < end:
        element, at = _vint(data, at, keep_marker=True)
        size, at = _vint(data, at, keep_marker=False)
        body_end = end if size is None else min(at + size, end)
        yield element, at, body_end
        at = body_end


def _webm(handle: BinaryIO) -> float | None:
    data = handle.read(HEAD_BYTES)
    elements = _elements(data, 0, len(data))
    header, _, _ = next(elements)
    if header != EBML_HEADER:
        return None
    for element, start, end in elements:
        if element != SEGMENT:
            continue
        for child, child_start, child_end in _elements(data, start, end):
            if child == CLUSTER:
                return None
            if child == INFO:
                return _info_seconds(data[child_start:child_end])
    return None


def _info_seconds(info: bytes) -> float | None:
    scale, duration = 1_000_000, None
    for element, start, end in _elements(info, 0, len(info)):
        if element == TIMECODE_SCALE:
            scale = int.from_bytes(info[start:end], "big")
        elif element == DURATION:
            duration = struct.unpack(">f" if end - start == 4 else ">d", info[start:end])[0]
    return None if duration is None else duration * scale / 1e9


def _boxes(handle: BinaryIO, end: int | None) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each box from the handle's position up to ``end``."""
    while True:
        start = handle.tell()
        if end is not None and start + 8 > end:
            return
        head = handle.read(8)
        if len(head) < 8:
            return
        size, kind = struct.unpack(">I4s", head)
        body = start + 8
        if size == 1:
            size = struct.unpack(">Q", handle.read(8))[0]
            body += 8
        elif size == 0:
            handle.seek(0, 2)
            size = handle.tell() - start
        if size < body - start:
            raise ValueError("broken box")
        yield kind, body, start + size
        handle.seek(start + size)


def _mp4(handle: BinaryIO) -> float | None:
    for kind, body, end in _boxes(handle, None):
        if kind != b"moov":
            continue
        handle.seek(body)
        for child, child_body, _ in _boxes(handle, end):
            if child == b"mvhd":
                handle.seek(child_body)
                version = handle.read(4)[0]
                if version == 1:
                    timescale, duration = struct.unpack(">16xIQ", handle.read(28))
                else:
                    timescale, duration = struct.unpack(">8xII", handle.read(16))
                return duration / timescale if timescale else None
        return None
    return None
