"""Personal data on request, for the program office: export a person's data, or erase them, audited."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .. import personal_data
from ..export_views import start_and_show
from ..models import PersonalDataEvent
from . import exports, roles


class PersonForm(forms.Form):
    email = forms.EmailField(label="The person's sign-in address")


class ErasureForm(PersonForm):
    reason = forms.CharField(
        label="On whose request, and why",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit log below, with your name and the time.",
    )
    confirm = forms.EmailField(label="Type the address again to confirm")

    def clean(self):
        data = super().clean()
        if data.get("email") and data.get("confirm") and data["email"].lower() != data["confirm"].lower():
            self.add_error("confirm", "The two addresses differ: nothing was erased.")
        return data


def _person(form):
    user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
    if user is None:
        form.add_error("email", "No account signs in with this address.")
    return user


def personal_data_desk(request):
    if not roles.is_admin(request.user):
        raise PermissionDenied
    export_form = PersonForm(request.POST if request.POST.get("action") == "export" else None, prefix="export")
    erase_form = ErasureForm(request.POST if request.POST.get("action") == "erase" else None, prefix="erase")
    if export_form.is_bound and export_form.is_valid() and (user := _person(export_form)):
        # Built in the background (exports.py); the admin lands on its page, the file is theirs alone.
        return start_and_show(request, exports.DESK_ZIP, {"person": user.pk, "by": request.user.pk})
    if erase_form.is_bound and erase_form.is_valid() and (user := _person(erase_form)):
        try:
            event = personal_data.erase(user, request.user, erase_form.cleaned_data["reason"])
        except ValueError as error:
            erase_form.add_error(None, str(error))
        else:
            messages.success(request, f"Person {event.subject_id} erased; the audit log below keeps it.")
            return redirect("personal_data_desk")
    return TemplateResponse(
        request,
        "accounts/admin/personal_data.html",
        {
            "export_form": export_form,
            "erase_form": erase_form,
            "events": PersonalDataEvent.objects.select_related("by")[:50],
        },
    )
