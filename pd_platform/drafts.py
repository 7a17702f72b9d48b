"""Drafts of long fields: what a person types is kept on the server until the form is sent.

A field opts in from its template (``{% load drafts %}``: ``{% draft_field %}`` for a Django form field,
``{% keeps_draft %}`` and ``{% kept_draft %}`` for a hand-written ``<textarea>``); ``includes/field.html``
does it for every textarea. The script ``js/keeps-drafts.js`` sends the text a moment after the person
stops typing (keeping it in the browser while the connection is down) and, when the form is sent, names
the fields' keys in ``_kept_drafts``. ``ClearSentDrafts`` deletes those drafts once the form was
accepted: the view answered with a redirect (Post/Redirect/Get) and queued no error message. A form that
comes back with its errors, or a redirect that says something went wrong, keeps the draft.

A key is the page's path and the field's name, so it says where the text goes back; every read and
write is filtered by the person, so nobody reads another's draft whatever key they send.
"""

from django.contrib import messages
from django.db import transaction
from django.http import RawPostDataException, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone

from . import personal_data

MAX_CHARACTERS = 50_000  # above every field's own limit (20,000), so a draft never cuts a text short
MAX_KEY_LENGTH = 300
MAX_KEYS_CLEARED = 50  # per form sent
SENT_KEYS_FIELD = "_kept_drafts"


class DraftRefused(ValueError):
    pass


def key_for(path: str, name) -> str:
    return f"{path}#{name}"[:MAX_KEY_LENGTH]


def _valid_key(key: str) -> bool:
    return bool(key) and key.startswith("/") and "#" in key and len(key) <= MAX_KEY_LENGTH


def save(user, key: str, text: str):
    """Keep ``text`` as the person's draft of ``key``; an empty text forgets the draft.
    Returns the time it was saved (now), or None when there is no draft any more."""
    from .models import FormDraft

    if not _valid_key(key):
        raise DraftRefused("This field cannot keep a draft.")
    if len(text) > MAX_CHARACTERS:
        raise DraftRefused(
            f"The text is {len(text):,} characters long; a draft keeps at most {MAX_CHARACTERS:,}. "
            "It is kept in this browser only."
        )
    if not text.strip():
        FormDraft.objects.filter(user=user, key=key).delete()
        return None
    now = timezone.now()
    with transaction.atomic():
        FormDraft.objects.update_or_create(user=user, key=key, defaults={"text": text, "saved_at": now})
    return now


def clear(user, keys) -> int:
    """The form holding these fields was sent: their drafts go."""
    from .models import FormDraft

    keys = [k for k in list(keys)[:MAX_KEYS_CLEARED] if _valid_key(k)]
    if not keys or not user.is_authenticated:
        return 0
    return FormDraft.objects.filter(user=user, key__in=keys).delete()[0]


def kept_on_page(request) -> dict:
    """The person's drafts of the fields on this page, ``{key: FormDraft}``: one query per page,
    however many fields ask."""
    from .models import FormDraft

    found = getattr(request, "_form_drafts", None)
    if found is None:
        found = {}
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            found = {d.key: d for d in FormDraft.objects.filter(user=user, key__startswith=f"{request.path}#")}
        request._form_drafts = found
    return found


def _form_was_accepted(request, response) -> bool:
    if not 300 <= response.status_code < 400:
        return False
    queued = getattr(request, "_messages", None)
    return not any(m.level >= messages.ERROR for m in getattr(queued, "_queued_messages", []))


class ClearSentDrafts:
    """Deletes the drafts of a form's fields once the form was accepted (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and _form_was_accepted(request, response):
            content_type = request.META.get("CONTENT_TYPE", "")
            if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                try:
                    keys = request.POST.getlist(SENT_KEYS_FIELD)
                except (RawPostDataException, UnreadablePostError, MultiPartParserError):  # read as a stream, or cut
                    keys = []
                user = getattr(request, "user", None)
                if keys and user is not None:
                    clear(user, keys)
        return response


def export(user):
    from .models import FormDraft

    return {"form_drafts": FormDraft.objects.filter(user=user)}


def erase(user, now):
    from .models import FormDraft

    return {"drafts of forms deleted": FormDraft.objects.filter(user=user).delete()[0]}


# Registered here, where they are defined (pd_platform's ready imports this module).
personal_data.register("drafts", export, erase, order=15)
