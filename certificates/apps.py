from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("certificates", held.export, held.erase, order=100)
        from pd_platform import homes, navigation, page_cache
        from pd_platform.accounts import roles

        from .models import Certificate

        page_cache.register(Certificate, lambda certificate: page_cache.via(certificate, "enrollment"))

        from . import home, receivers  # noqa: F401  (receivers connect the completion engine to coursework's signal)
        from .reminders import register_kinds

        register_kinds()

        navigation.register("Certificates", "certificates:mine", {navigation.SIGNED_IN}, order=40)
        homes.register("certificates", "certificates/home/certificates.html", {roles.PARTICIPANT}, order=20)
        homes.register_todos(home.awarded_certificates, order=30)
        homes.register("cohort-progress", "certificates/home/cohort_progress.html", {roles.FACILITATOR}, order=50)
        homes.register("reports", "certificates/home/reports.html", {roles.ADMIN}, order=80)
        navigation.register(
            "Cohort progress", "certificates:cohort_progress", {roles.FACILITATOR, roles.ADMIN}, order=35
        )
