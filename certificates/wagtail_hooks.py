from django.urls import path, reverse
from wagtail import hooks

from pd_platform.admin_panels import AdminsOnlyMenuItem, WorkItem, WorkPanel, for_admins

from . import admin_views, selectors, site_requests


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


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return AdminsOnlyMenuItem("Certificates", reverse("certificates_admin"), icon_name="doc-full-inverse", order=230)


@hooks.register("construct_homepage_panels")
def certificates_panel(request, panels):
    certificates, total = selectors.certificates_needing_work()
    for_admins(
        request,
        panels,
        WorkPanel(
            "certificates-to-sign",
            "Certificates to sign or re-issue",
            [
                WorkItem(
                    f"{c.full_name}, {c.cohort_name}",
                    f"{reverse('certificates_admin')}?q={c.code}",
                    "not yet signed" if not c.sha256 else f"name is now {c.enrollment.user.full_name}: re-issue",
                )
                for c in certificates
            ],
            total,
            "Every certificate is signed and up to date.",
            reverse("certificates_admin"),
            "All certificates",
            order=22,
        ),
    )


@hooks.register("construct_homepage_panels")
def site_cohort_requests_panel(request, panels):
    waiting, total = site_requests.waiting()
    for_admins(
        request,
        panels,
        WorkPanel(
            "site-cohort-requests",
            "Site cohort requests to decide",
            [
                WorkItem(
                    f"{r.site}, by {r.trainer.full_name or r.trainer.email}",
                    reverse("certificates:site_requests"),
                    f"{r.expected_size} teachers from {r.first_date:%b} {r.first_date.day}, {r.first_date:%Y}",
                )
                for r in waiting
            ],
            total,
            "No site cohort request is waiting.",
            reverse("certificates:site_requests"),
            "All site cohort requests",
            order=24,
        ),
    )
