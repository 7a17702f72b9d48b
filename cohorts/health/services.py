"""The one-click nudge: a facilitator (or the office) sends a participant a word about one flag,
through the reminder engine's e-mail (with its one-click unsubscribe), once per person, reason
and period. The ``Nudge`` row is the guard and the log (who sent it, when)."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction

from pd_platform import reminders
from pd_platform.accounts.models import User

from .flags import Flag
from .models import Nudge

if TYPE_CHECKING:
    from .selectors import PersonHealth

NUDGE_KIND = "nudge"


def nudges_due(now: datetime, rules: Callable[[int], Any]) -> Iterable[reminders.Due]:
    """Nudges are sent by a person from a flag, never by the beat: nothing is ever due."""
    return ()


class NudgeRefused(Exception):
    pass


def nudge_due(person: "PersonHealth", flag: Flag, sender: User) -> reminders.Due:
    cohort = person.enrollment.cohort
    return reminders.Due(
        kind=NUDGE_KIND,
        recipient=person.enrollment.user,
        object_key=f"enrollment:{person.enrollment.pk}:{flag.reason}",
        period=flag.period[:40],
        subject=flag.subject,
        template="health/email/nudge.txt",
        context={
            "flag": flag,
            "cohort": cohort,
            "sender": sender,
            "url": settings.SITE_URL.rstrip("/") + flag.url if flag.url else "",
        },
        time_zone=cohort.time_zone,
        cohort_id=cohort.pk,
    )


def wants_nudges(user: User) -> bool:
    return NUDGE_KIND in reminders.wanted(user)


def send_nudge(person: "PersonHealth", flag: Flag, sender: User) -> Nudge | None:
    """Send the nudge about ``flag`` to the participant of ``person`` (a ``selectors.PersonHealth``,
    read for a cohort ``sender`` may see). Returns the Nudge, or None when one went out already.
    Raises NudgeRefused when the person turned nudges off or closed their account."""
    user = person.enrollment.user
    if not user.is_active or not wants_nudges(user):
        raise NudgeRefused(f"{user.full_name or user.email} has turned off notes from facilitators.")
    due = nudge_due(person, flag, sender)
    with transaction.atomic():
        try:
            with transaction.atomic():
                nudge = Nudge.objects.create(
                    enrollment=person.enrollment,
                    reason=flag.reason,
                    period=flag.period,
                    subject=flag.subject,
                    sent_by=sender,
                )
        except IntegrityError:
            return None
        reminders.send_now(due)  # through the reminder engine: its guard, and its log (the office's "Sent")
    return nudge
