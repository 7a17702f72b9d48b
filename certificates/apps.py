from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Its navigation, home cards, reminder kinds, personal data, page scopes and follow-ups are registered
    in the modules that define them (see ``pd_platform.registries``)."""

    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"
