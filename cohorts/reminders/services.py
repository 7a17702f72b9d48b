"""Send what is due, once; keep each person's choices.

``send_reminders`` is the one writer of the log: the beat task and ``manage.py send_reminders``
call it. Each reminder's guard row is written in the transaction that sends it (a unique
constraint on recipient, kind, object and period), so two beats or two workers send it once.
"""

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pd_platform import reminders as registry
from pd_platform.accounts.models import User
from pd_platform.accounts.roles import role_names
from pd_platform.models import SentEmail
from pd_platform.reminders import Due, ReminderKind
from pd_platform.send_once import send_once

from .models import ReminderOptIn, ReminderOptOut, ReminderRules, ReminderSent

UNSUBSCRIBE_SALT = "reminders.unsubscribe"
SENT_KIND_PREFIX = "reminders."


def rules_lookup() -> Callable[[int], ReminderRules]:
    """program id -> its rules (the defaults for a program without a row); one query."""
    known = {rules.program_id: rules for rules in ReminderRules.objects.all()}
    default = ReminderRules()
    return lambda program_id: known.get(program_id, default)


def is_daytime(now: datetime, time_zone: str) -> bool:
    """Reminders go out in the recipient's day, never at night."""
    local = now.astimezone(ZoneInfo(time_zone or settings.TIME_ZONE))
    return settings.REMINDERS_DAY_STARTS_HOUR <= local.hour < settings.REMINDERS_DAY_ENDS_HOUR


@dataclass
class DueNow:
    ready: list[Due] = field(default_factory=list)  # to send now
    held: list[Due] = field(default_factory=list)  # due, but it is night where the recipient is


def due_now(now: datetime | None = None, kinds: Iterable[ReminderKind] | None = None) -> DueNow:
    """Every reminder due at ``now`` that its recipient wants and has not had yet."""
    now = now or timezone.now()
    rules = rules_lookup()
    found: list[Due] = []
    for kind in kinds or registry.kinds():
        found.extend(kind.find(now, rules))
    result = DueNow()
    if not found:
        return result
    recipients = {due.recipient.pk for due in found}
    opted_out = set(ReminderOptOut.objects.filter(user_id__in=recipients).values_list("user_id", "kind"))
    opt_in_kinds = {kind.key for kind in registry.kinds() if kind.opt_in}
    opted_in = (
        set(ReminderOptIn.objects.filter(user_id__in=recipients, kind__in=opt_in_kinds).values_list("user_id", "kind"))
        if opt_in_kinds & {due.kind for due in found}
        else set()
    )
    sent = {
        (recipient_id, kind.removeprefix(SENT_KIND_PREFIX), object_key, period)
        for recipient_id, kind, object_key, period in SentEmail.objects.filter(
            recipient_id__in=recipients, kind__in={sent_kind(due.kind) for due in found}
        ).values_list("recipient_id", "kind", "object_key", "period")
    }
    seen = set()
    for due in found:
        key = (due.recipient.pk, due.kind, due.object_key, due.period)
        wants = (due.recipient.pk, due.kind) not in opted_out and (
            due.kind not in opt_in_kinds or (due.recipient.pk, due.kind) in opted_in
        )
        if key in sent or key in seen or not wants or not due.recipient.is_active:
            continue  # had it, wants none of this kind (or never asked for it), or the account was closed
        seen.add(key)
        (result.ready if is_daytime(now, due.time_zone) else result.held).append(due)
    return result


def unsubscribe_url(user: User, kind: str) -> str:
    token = signing.dumps([user.pk, kind], salt=UNSUBSCRIBE_SALT, compress=True)
    return settings.SITE_URL.rstrip("/") + reverse("reminders:unsubscribe", args=[token])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) from an unsubscribe link, or None when it was not made here."""
    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if registry.kind(kind) is None or not get_user_model().objects.filter(pk=user_id).exists():
        return None
    return user_id, kind


def reminder_email(due: Due) -> EmailMessage:
    """The e-mail for one reminder, with a one-click unsubscribe for its kind (RFC 8058)."""
    url = unsubscribe_url(due.recipient, due.kind)
    kind = registry.kind(due.kind)
    context = {"recipient": due.recipient, "site_name": settings.SITE_NAME, **due.context}
    body = render_to_string(
        "reminders/email/reminder.txt",
        {
            **context,
            "body": render_to_string(due.template, context).strip(),
            "kind": kind,
            "unsubscribe_url": url,
            "preferences_url": settings.SITE_URL.rstrip("/") + reverse("reminders:preferences"),
        },
    )
    email = EmailMessage(
        subject=f"[{settings.SITE_NAME}] {due.subject}",
        body=body,
        to=[due.recipient.email],
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    for filename, content, mimetype in due.attachments:
        email.attach(filename, content, mimetype)
    return email


def sent_kind(key: str) -> str:
    """A reminder kind as the one guard (``pd_platform.SentEmail``) keeps it."""
    return SENT_KIND_PREFIX + key


def logged(item: Due, email: EmailMessage) -> EmailMessage:
    """The reminders' log (what the office reads in the admin), written with the guard, in its transaction."""
    ReminderSent.objects.create(
        recipient=item.recipient,
        kind=item.kind,
        object_key=item.object_key,
        period=item.period,
        cohort_id=item.cohort_id,
        subject=item.subject[:200],
    )
    return email


def send_reminders(
    now: datetime | None = None, dry_run: bool = False, kinds: Iterable[ReminderKind] | None = None
) -> tuple[list[Due], int, int]:
    """Send every reminder due now (or, with ``dry_run``, only say which). Returns
    (the reminders due now, how many were sent, how many wait for the recipient's morning)."""
    due = due_now(now, kinds)
    if dry_run:
        return due.ready, 0, len(due.held)
    sent = 0
    for item in due.ready:
        sent += send_once(
            lambda item=item: logged(item, reminder_email(item)),
            item.recipient,
            sent_kind(item.kind),
            item.object_key,
            item.period,
        )
    return due.ready, sent, len(due.held)


def send_now(due: Due) -> bool:
    """Send one reminder a person chose to send now (a facilitator's nudge), through the beat's guard and log:
    at most once per (recipient, kind, object, period), and only to someone who still wants its kind."""
    if due.kind not in wanted_kinds(due.recipient):
        return False
    return send_once(
        lambda: logged(due, reminder_email(due)), due.recipient, sent_kind(due.kind), due.object_key, due.period
    )


def kinds_for_user(user: User) -> list[ReminderKind]:
    return registry.kinds_for(role_names(user))


def do_opt_out(user_id: int, kind: str) -> None:
    """Stop reminders of ``kind`` for this person. Harmless when repeated."""
    try:
        with transaction.atomic():
            ReminderOptOut.objects.get_or_create(user_id=user_id, kind=kind)
            ReminderOptIn.objects.filter(user_id=user_id, kind=kind).delete()
    except IntegrityError:
        pass  # a second click raced the first: the person is opted out either way


def _choose(user: User, key: str, wanted: bool) -> None:
    if wanted:
        ReminderOptOut.objects.filter(user=user, kind=key).delete()
        if registry.kind(key).opt_in:
            ReminderOptIn.objects.get_or_create(user=user, kind=key)
    elif registry.kind(key).opt_in:
        ReminderOptIn.objects.filter(user=user, kind=key).delete()  # not asking is enough
    else:
        ReminderOptOut.objects.get_or_create(user=user, kind=key)


def do_set_preferences(user: User, wanted: Container[str]) -> None:
    """The person wants the kinds in ``wanted`` (of those offered to them) and none of the others."""
    with transaction.atomic():
        for key in sorted(kind.key for kind in kinds_for_user(user)):
            _choose(user, key, key in wanted)


def do_choose_kind(user: User, key: str, wanted: bool) -> None:
    """Turn one kind on or off for this person (the community's digest box, for one)."""
    if key not in {kind.key for kind in kinds_for_user(user)}:
        raise ValueError(f"{key!r} is not a reminder this person is offered.")
    with transaction.atomic():
        _choose(user, key, wanted)


def wanted_kinds(user: User) -> set[str]:
    """The kinds this person gets: the opt-out kinds they did not turn off, the opt-in kinds they asked for."""
    off = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    on = set(ReminderOptIn.objects.filter(user=user).values_list("kind", flat=True))
    return {kind.key for kind in kinds_for_user(user) if kind.key not in off and (not kind.opt_in or kind.key in on)}


def people_asking(key: str) -> list[User]:
    """The active people who asked for the opt-in kind ``key`` (one query)."""
    return [
        choice.user
        for choice in ReminderOptIn.objects.filter(kind=key, user__is_active=True).select_related("user").order_by("pk")
    ]
