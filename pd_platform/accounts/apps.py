from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "pd_platform.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"


class UsersAdminConfig(WagtailUsersAppConfig):
    # Wagtail's user admin, with forms for our user model (email login, full name, district...).
    user_viewset = "pd_platform.accounts.viewsets.UserViewSet"
