"""What a certificate waits for beyond the completion rule (an end-of-course evaluation a
program requires, say). Higher rooms register a check; the completion engine asks before it
awards, and the participant's home says what is left. An admin issuing by hand is not held."""

_checks: dict = {}


def register(check):
    """``check(enrollment) -> str``: why this enrollment's certificate waits, or "" when it does not."""
    _checks[f"{check.__module__}.{check.__qualname__}"] = check


def reason_to_wait(enrollment) -> str:
    for check in _checks.values():
        reason = check(enrollment)
        if reason:
            return reason
    return ""
