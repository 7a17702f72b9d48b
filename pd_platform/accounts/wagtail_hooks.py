from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, roles


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [path("personal-data/", admin_views.personal_data_desk, name="personal_data_desk")]


class AdminsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_personal_data_menu_item():
    return AdminsOnlyMenuItem("Personal data", reverse("personal_data_desk"), icon_name="user", order=900)
