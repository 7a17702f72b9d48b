"""W3C Bitstring Status List: one bit per credential, set when it is revoked (a pure module).

A list holds LIST_SIZE bits (the spec's minimum, 16 KiB, so that a verifier fetching it learns
nothing about which credential it checks). A certificate's place is fixed by its id: list
``id // LIST_SIZE + 1``, index ``id % LIST_SIZE``. The encoded list is the GZIP-compressed
bitstring, base64url without padding, behind the multibase prefix ``u``; bit 0 is the most
significant bit of the first byte.
"""

import base64
import gzip
from collections.abc import Iterable

LIST_SIZE = 131_072


def place(certificate_id: int) -> tuple[int, int]:
    """(list number, index in that list) of a certificate."""
    return certificate_id // LIST_SIZE + 1, certificate_id % LIST_SIZE


def ids_of_list(number: int) -> range:
    start = (number - 1) * LIST_SIZE
    return range(start, start + LIST_SIZE)


def encode(set_indices: Iterable[int], size: int = LIST_SIZE) -> str:
    bits = bytearray(size // 8)
    for index in set_indices:
        if not 0 <= index < size:
            raise ValueError(f"index {index} is outside a list of {size} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always encode to the same text (cacheable, comparable).
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("an encoded list starts with the multibase prefix 'u'")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(encoded: str, index: int) -> bool:
    bits = decode(encoded)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
