"""Wagtail's user admin, fitted to our user model (no first/last name; profile fields; roles), with the
facts the apps keep about a person (their district) that only the office sets (``account_fields``)."""

from django import forms
from django.utils import timezone
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from pd_platform.spreadsheets import CSV_BOM

from . import account_fields
from .models import User
from .roles import ADMIN, ALL_ROLES

PROFILE_FIELDS = ["full_name", "job_title", "school"]

# The columns of the people list's CSV and XLSX downloads, and their headings. Wagtail's own are for a user
# model with a username and first and last names, which ours has not: its download had empty rows.
EXPORT_HEADINGS = {
    "full_name": "Name",
    "email": "E-mail",
    "roles": "Roles",
    "district": "District",
    "school": "School or site",
    "job_title": "Job title",
    "is_active": "Active",
    "date_joined": "Date joined",
    "last_login": "Last login",
}


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


def _local(moment, export_format):
    """A time in the program office's time zone: text in CSV, a date cell (without a zone) in XLSX."""
    if moment is None:
        return ""
    moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M") if export_format == "csv" else moment.replace(tzinfo=None)


class UserIndexView(WagtailUserIndexView):
    # Wagtail searches a username and first and last names where the model has them: ours has a full name.
    search_fields = ["full_name", "email", "school"]

    def get_base_queryset(self):
        users = super().get_base_queryset()
        return account_fields.annotate(users.prefetch_related("groups")) if self.is_export else users

    def to_row_dict(self, user):
        held = {group.name for group in user.groups.all()} | ({ADMIN} if user.is_superuser else set())
        return {
            "full_name": user.full_name,
            "email": user.email,
            "roles": ", ".join(role for role in ALL_ROLES if role in held),
            "district": account_fields.listed(user, "district"),
            "school": user.school,
            "job_title": user.get_job_title_display(),
            "is_active": "Yes" if user.is_active else "No",
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }

    def get_preprocess_function(self, field, value, export_format):
        if field in ("date_joined", "last_login"):
            return lambda moment: _local(moment, export_format)
        return super().get_preprocess_function(field, value, export_format)

    def stream_csv(self, queryset):
        # Excel on Windows reads a CSV without the byte-order mark in the local code page ("PeÃ±a").
        yield CSV_BOM
        yield from super().stream_csv(queryset)


class UserViewSet(WagtailUserViewSet):
    template_prefix = "wagtailusers/users/"
    add_view_class = PlatformUserCreateView
    edit_view_class = PlatformUserEditView
    index_view_class = UserIndexView
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "users"

    def get_form_class(self, for_update=False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm
