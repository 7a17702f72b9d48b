"""What a launch's claims mean on this platform: pure rules, no database.

The LMS says who someone is in its course (roles) and, for a link made by deep linking, which
cohort and page the link opens (the custom claim this tool put in the link).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from pd_platform.accounts import roles

LEARNER = "Learner"
INSTRUCTOR = "Instructor"

# Context roles (LTI 1.3 core, membership vocabulary), in their long and short spellings.
_MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
_ROLE_MAP = {
    LEARNER: roles.PARTICIPANT,
    INSTRUCTOR: roles.FACILITATOR,
}


def _context_role(claim: str) -> str:
    if claim.startswith(_MEMBERSHIP):
        # "...membership#Instructor" and sub-roles "...membership/Instructor#TeachingAssistant"
        return claim[len(_MEMBERSHIP) :]
    if claim.startswith("http://purl.imsglobal.org/vocab/lis/v2/membership/"):
        return ""  # a sub-role: its principal role is listed too (LTI core 5.3.7.1)
    return claim if "/" not in claim and "#" not in claim else ""


def platform_roles(role_claims: Iterable[str] | None) -> set[str]:
    """The platform roles a launch's LMS roles carry: Learner -> participant, Instructor ->
    facilitator. Nothing else maps; an LMS administrator is not an admin here."""
    return {_ROLE_MAP[role] for role in map(_context_role, role_claims or ()) if role in _ROLE_MAP}


@dataclass(frozen=True)
class Target:
    cohort_id: int
    page_id: int


def target_from(custom: object) -> Target | None:
    """The cohort and page a link opens, from its custom claim; None when it names none."""
    if not isinstance(custom, dict):
        return None
    try:
        return Target(int(custom["cohort"]), int(custom["page"]))
    except (KeyError, TypeError, ValueError):
        return None


def custom_for(cohort_id: int, page_id: int) -> dict[str, str]:
    """The custom claim a deep link puts in the link (strings: LMSs pass custom values as text)."""
    return {"cohort": str(cohort_id), "page": str(page_id)}


def score_of(done: int, required: int) -> dict[str, float | str]:
    """An AGS score's progress fields for ``done`` of ``required`` activities complete."""
    finished = required > 0 and done >= required
    return {
        "scoreGiven": float(min(done, required)),
        "scoreMaximum": float(max(required, 1)),
        "activityProgress": "Completed" if finished else ("InProgress" if done else "Initialized"),
        "gradingProgress": "FullyGraded" if finished else "Pending",
    }
