"""The JSON APIs' common door: who is asking (a signed-in session, with its CSRF token, or an
API key in `Authorization: Bearer …`), what they sent (a JSON object), and answers that say what
is wrong (400, 401, 403, 405, 429) instead of a 500."""

import functools
import json

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt

from . import throttle
from .accounts.tokens import token_for_key

MAX_BODY = 64 * 1024


class BadRequest(ValueError):
    """Raised by an API view for input it cannot use; the message goes back to the caller."""


def error(status, message):
    return JsonResponse({"error": message}, status=status)


def _csrf_refused(request):
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})


def json_post(bucket, limit_setting):
    """`view(request, data)` for POSTed JSON objects, by a signed-in person or a key, each caller at most the
    setting `limit_setting` requests a minute in `bucket`: counted per key, per signed-in person, and per
    client address for calls without a valid key (so guessing keys is slowed too); more answer 429."""

    def decorate(view):
        @csrf_exempt  # checked below for sessions; a key is not a cookie, so CSRF cannot borrow it
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                response = error(405, "Use POST with a JSON object.")
                response["Allow"] = "POST"
                return response
            header = request.headers.get("Authorization", "")
            token = None
            if header:
                scheme, _, key = header.partition(" ")
                token = token_for_key(request, key.strip()) if scheme.lower() == "bearer" else None
                caller = f"key-{token.pk}" if token else None
            else:
                caller = f"person-{request.user.pk}" if request.user.is_authenticated else None
            if throttle.count(request, bucket, 60, who=caller) > getattr(settings, limit_setting):
                response = error(429, "Too many requests: try again in a minute.")
                response["Retry-After"] = "60"
                return response
            if header:
                if token is None:
                    return error(401, "The API key is not valid (revoked, mistyped, or not a Bearer key).")
                request.user = token.user
            elif not request.user.is_authenticated:
                return error(401, "Sign in, or send an API key as “Authorization: Bearer …”.")
            elif _csrf_refused(request):
                return error(403, "Send the CSRF token in the X-CSRFToken header (or use an API key).")
            if len(request.body) > MAX_BODY:
                return error(400, f"The request is larger than {MAX_BODY // 1024} KiB.")
            try:
                data = json.loads(request.body or b"null")
            except (UnicodeDecodeError, json.JSONDecodeError) as problem:
                return error(400, f"The body is not valid JSON: {problem}.")
            if not isinstance(data, dict):
                return error(400, 'Send a JSON object, e.g. {"text": "I can …"}.')
            try:
                return view(request, data, *args, **kwargs)
            except BadRequest as problem:
                return error(400, str(problem))

        return wrapper

    return decorate
