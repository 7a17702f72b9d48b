from django.apps import AppConfig


class DistrictsConfig(AppConfig):
    """The district workspace: a district's PD coordinator sees the district's own people, their
    registrations, progress, hours, certificates and invoices; sets required tracks; shares a report."""

    name = "cohorts.districts"
    label = "districts"
    verbose_name = "District workspace"
    default_auto_field = "django.db.models.BigAutoField"
