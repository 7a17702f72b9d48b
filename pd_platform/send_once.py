"""Every e-mail the platform sends is sent at most once per (recipient, kind, object, period).

The guard row (``SentEmail``, or a room's own log such as the reminders sent) is written in the caller's
transaction, just before the message is sent: if sending fails the row is rolled back and a retry sends it;
if two workers race, the second waits on the unique row and then skips. Tasks may therefore run twice and
still send once.
"""

from django.db import IntegrityError, transaction

from .models import SentEmail


def guarded(guard_model, message, **guard):
    """Send ``message()`` unless the row ``guard_model(**guard)`` exists. Returns whether it was sent."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                guard_model.objects.create(**guard)
        except IntegrityError:
            return False
        message().send()
    return True


def send_once(message, recipient, kind, object_key, period=""):
    """Send ``message()`` (an ``EmailMessage``, built only when it is to go) unless this
    (recipient, kind, object, period) was sent already. Returns whether it was sent."""
    return guarded(SentEmail, message, recipient=recipient, kind=kind, object_key=object_key, period=period)


def was_sent(kind, object_key) -> bool:
    return SentEmail.objects.filter(kind=kind, object_key=object_key).exists()


def keep_as_sent(apps, rows):
    """For a migration moving a former guard here: ``rows`` of (recipient id, kind, object key, period) are
    recorded as sent (with ``apps``' SentEmail, as it is at that migration), so none goes out again."""
    SentEmail = apps.get_model("pd_platform", "SentEmail")
    sent = [
        SentEmail(recipient_id=user_id, kind=kind, object_key=key, period=period) for user_id, kind, key, period in rows
    ]
    SentEmail.objects.bulk_create(sent, batch_size=500, ignore_conflicts=True)
