from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pd_platform import reminders as registry
from pd_platform.shortcuts import or_404

from . import services


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Which reminder e-mails this person gets (receipts and certificates always go out)."""
    offered = services.kinds_for_user(request.user)
    if request.method == "POST":
        wanted = {key for key in request.POST.getlist("kinds") if key in {kind.key for kind in offered}}
        services.do_set_preferences(request.user, wanted)
        messages.success(request, "Your reminder choices are saved.")
        return redirect("reminders:preferences")
    wanted = services.wanted_kinds(request.user)
    return render(
        request,
        "reminders/preferences.html",
        {"kinds": [(kind, kind.key in wanted) for kind in offered]},
    )


@csrf_exempt  # a mail client posts here (RFC 8058); the signed token in the URL is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click, no sign-in: the link names one person and one kind, signed by the platform.

    GET only asks (mail scanners follow links); POST unsubscribes, whether from the page's
    button or from the mail client's ``List-Unsubscribe=One-Click``."""
    found = or_404(services.read_unsubscribe_token(token), "This unsubscribe link is not valid.")
    user_id, key = found
    kind = registry.kind(key)
    if request.method == "POST":
        services.do_opt_out(user_id, key)
        return render(request, "reminders/unsubscribed.html", {"kind": kind})
    return render(request, "reminders/unsubscribe.html", {"kind": kind, "token": token})
