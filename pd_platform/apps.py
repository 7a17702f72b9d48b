from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "pd_platform"
    verbose_name = "PD platform"

    def ready(self):
        from . import navigation
        from .accounts import roles

        navigation.register("Programs", "/", {navigation.EVERYONE}, order=10)
        navigation.register("Dashboard", "dashboard", {navigation.SIGNED_IN}, order=20)
        navigation.register("Account", "account_profile", {navigation.SIGNED_IN}, order=90)
        navigation.register("Admin", "wagtailadmin_home", {roles.ADMIN}, order=95)
