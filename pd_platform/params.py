"""Reading ids and numbers from query strings and forms that anyone can type into."""

BIGGEST_ID = 2**63 - 1


def int_or_none(value):
    """A database id from a parameter, or None for anything that is not one (text, 1e400, -1)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= BIGGEST_ID else None
