from django import forms
from django.contrib.auth import get_user_model

from .models import JobTitle
from .services import complete_signup_profile

User = get_user_model()


class ProfileSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form; allauth adds email and passwords. No district: a person's
    district follows from what they cannot type (``pd_platform.accounts.account_fields``)."""

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As it should be printed on your certificate.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    job_title = forms.ChoiceField(label="Role", choices=[("", "Choose your role")] + list(JobTitle.choices))
    school = forms.CharField(label="School or site", max_length=150, required=False)

    def signup(self, request, user):
        profile = {name: self.cleaned_data[name] for name in ("full_name", "job_title", "school")}
        complete_signup_profile(user, **profile)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "school"]
        labels = {"job_title": "Role"}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}
