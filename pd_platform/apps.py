from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "pd_platform"
    verbose_name = "PD platform"

    def ready(self):
        from . import personal_data
        from .accounts import personal_data as held

        personal_data.register("account", held.export, held.erase, order=10)
        from . import drafts

        personal_data.register("drafts", drafts.export, drafts.erase, order=15)
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from . import admin_panels, checks, dates, homes, navigation, page_cache, sites, spreadsheets  # noqa: F401 (checks registers the deploy checks)
        from .accounts import roles
        from .accounts.middleware import check_login
        from .models import FormDraft, PersonalDataEvent

        post_save.connect(sites.forget_sites, sender=Site, dispatch_uid="pd-forget-sites-saved")
        post_delete.connect(sites.forget_sites, sender=Site, dispatch_uid="pd-forget-sites-deleted")
        spreadsheets.protect_wagtail_exports()
        dates.bound_wagtail_admin_forms()
        page_cache.connect()
        page_cache.register(get_user_model(), page_cache.person)
        page_cache.register_m2m(get_user_model().groups.through, page_cache.people_linked)
        page_cache.register(EmailAddress, lambda address: page_cache.scope([address.user_id]))
        # The personal-data audit log shows only in the admin, whose pages are never kept.
        page_cache.register(PersonalDataEvent, lambda event: page_cache.NOBODY)
        # A draft shows in its field on the person's own pages only.
        page_cache.register(FormDraft, lambda draft: page_cache.scope([draft.user_id]))
        user_logged_in.connect(check_login, dispatch_uid="pd-second-factor-at-login")

        navigation.register("Programs", "/", {navigation.EVERYONE}, order=10)
        navigation.register("Dashboard", "dashboard", {navigation.SIGNED_IN}, order=20)
        navigation.register("Account", "account_profile", {navigation.SIGNED_IN}, order=90)
        navigation.register("Admin", "wagtailadmin_home", {roles.ADMIN, roles.EDITOR}, order=95)
        homes.register(
            "program-office",
            "accounts/home/program_office.html",
            {roles.ADMIN},
            order=5,
            context=admin_panels.office_card,
        )
        homes.register("content-editor", "accounts/home/content_editor.html", {roles.EDITOR}, order=75)
