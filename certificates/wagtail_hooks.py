from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pd_platform.accounts import roles

from . import admin_views


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return [
        path("certificates/", admin_views.index, name="certificates_admin"),
        path("certificates/issue/", admin_views.issue, name="certificates_issue"),
        path("certificates/<int:pk>/revoke/", admin_views.revoke, name="certificates_revoke"),
        path("certificates/<int:pk>/reissue/", admin_views.reissue, name="certificates_reissue"),
        path("certificates/cohort/<int:cohort_id>/award/", admin_views.award_cohort, name="certificates_award"),
        path("certificates/cohort/<int:cohort_id>/zip/", admin_views.cohort_zip, name="certificates_zip"),
    ]


class AdminsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_admin(request.user)


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return AdminsOnlyMenuItem("Certificates", reverse("certificates_admin"), icon_name="doc-full-inverse", order=230)
