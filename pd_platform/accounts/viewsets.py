"""Wagtail's user admin, fitted to our user model (no first/last name; profile fields), with the facts the
apps keep about a person (their district) that only the office sets (``account_fields``)."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import account_fields
from .models import User

PROFILE_FIELDS = ["full_name", "job_title", "school"]


class _WithAccountFields:
    @property
    def account_fields(self):
        """The apps' fields, for the template (their names are the apps')."""
        return [self[name] for name in self.account_field_names]


class PlatformUserCreationForm(_WithAccountFields, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["email", *PROFILE_FIELDS, "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        account_fields.add_to_form(self, None)


class PlatformUserEditForm(_WithAccountFields, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        model = User
        fields = ["email", *PROFILE_FIELDS, "is_active", "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        account_fields.add_to_form(self, self.instance)


class _SavesAccountFields:
    def save_instance(self):
        user = super().save_instance()
        account_fields.save_from_form(self.form, user, by=self.request.user)
        return user


class PlatformUserCreateView(_SavesAccountFields, CreateView):
    pass


class PlatformUserEditView(_SavesAccountFields, EditView):
    pass


class UserViewSet(WagtailUserViewSet):
    template_prefix = "wagtailusers/users/"
    add_view_class = PlatformUserCreateView
    edit_view_class = PlatformUserEditView

    def get_form_class(self, for_update=False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm
