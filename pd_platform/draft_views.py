"""The endpoint the draft script (js/keeps-drafts.js) sends typed text to; it answers in JSON whatever
happens, so the page can tell the person where their text is."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import drafts, throttle

SAVES_PER_MINUTE = 120  # a save follows a pause in typing: far more than a person makes


@require_POST
def save_form_draft(request):
    key = request.POST.get("key", "")
    if not request.user.is_authenticated:
        page = key.split("#", 1)[0]
        back = page if url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}) else "/"
        return JsonResponse(
            {
                "error": "You are signed out, so this draft is not saved on the server. It is kept in this "
                "browser: sign in again and it will be saved.",
                "login_url": f"{reverse('account_login')}?{urlencode({'next': back})}",
            },
            status=401,
        )
    if throttle.count(request, "form-drafts", 60, who=f"user-{request.user.pk}") > SAVES_PER_MINUTE:
        return JsonResponse(
            {"error": "Too many saves in a minute; your text is kept in this browser and saved shortly."}, status=429
        )
    try:
        saved_at = drafts.save(request.user, key, request.POST.get("text", ""))
    except drafts.DraftRefused as refused:
        return JsonResponse({"error": str(refused)}, status=400)
    if saved_at is None:
        return JsonResponse({"saved_at": None})
    return JsonResponse({"saved_at": timezone.localtime(saved_at).strftime("%-I:%M %p")})
