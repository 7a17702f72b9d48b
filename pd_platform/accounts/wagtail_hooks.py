from django.urls import path, reverse
from wagtail import hooks

from pd_platform.admin_panels import AdminsOnlyMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [path("personal-data/", admin_views.personal_data_desk, name="personal_data_desk")]


@hooks.register("register_admin_menu_item")
def register_personal_data_menu_item():
    return AdminsOnlyMenuItem("Personal data", reverse("personal_data_desk"), icon_name="user", order=900)
