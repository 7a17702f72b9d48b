from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "pd_platform"
    verbose_name = "PD platform"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from . import admin_panels, checks, dates, drafts, page_cache, registries, sites, spreadsheets  # noqa: F401 (checks registers the deploy checks, drafts its personal data)
        from .accounts.middleware import check_login

        post_save.connect(sites.forget_sites, sender=Site, dispatch_uid="pd-forget-sites-saved")
        post_delete.connect(sites.forget_sites, sender=Site, dispatch_uid="pd-forget-sites-deleted")
        spreadsheets.protect_wagtail_exports()
        dates.bound_wagtail_admin_forms()
        page_cache.connect()
        user_logged_in.connect(check_login, dispatch_uid="pd-second-factor-at-login")
        registries.discover()
