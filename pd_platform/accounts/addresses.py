"""E-mail addresses as mailboxes: the domain an address is at, and which spellings land in one inbox.

Where an address stands for a person (a participant may not name herself as her supervisor), two spellings
of one mailbox count as one: case is ignored, a sub-address (``carol+boss@``) is the mailbox before the
``+``, and at Gmail the dots of the local part are ignored and googlemail.com is gmail.com. Pure functions.
"""

from collections.abc import Iterable

GMAIL = frozenset({"gmail.com", "googlemail.com"})
# Quoted local parts, source routes (``carol%district@relay``), bang paths and escapes: legal, and a way
# to reach a mailbox under another spelling. Nobody's supervisor needs them.
UNPLAIN = frozenset('"%!\\ ')


def domain_of(address: str) -> str:
    """What follows the last @, in lower case, without a trailing dot."""
    return address.strip().rpartition("@")[2].lower().rstrip(".")


def mailbox(address: str) -> str:
    """The inbox an address lands in, as one spelling: ``Carol.Diaz+boss@District.org`` is
    ``carol.diaz@district.org``; ``c.a.r.o.l+x@googlemail.com`` is ``carol@gmail.com``."""
    local = address.strip().rpartition("@")[0].lower().split("+", 1)[0]
    domain = domain_of(address)
    if domain in GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def is_plain(address: str) -> bool:
    """An address without quoting or routing in its local part (``carol.diaz@``, not ``"carol"@``)."""
    local = address.strip().rpartition("@")[0]
    return bool(local) and not (UNPLAIN & set(local))


def same_mailbox(address: str, others: Iterable[str | None]) -> bool:
    """Whether ``address`` lands in the inbox of any of ``others``."""
    target = mailbox(address)
    return any(mailbox(other) == target for other in others if other)
