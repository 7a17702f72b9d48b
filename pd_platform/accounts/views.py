from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from . import roles
from .forms import ProfileForm


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "is_participant": roles.is_participant(request.user),
            "is_facilitator": roles.is_facilitator(request.user),
            "is_admin": roles.is_admin(request.user),
        },
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile has been saved.")
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})
