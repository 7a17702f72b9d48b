"""What certificates add to a participant's home: the certificate, once awarded."""

from django.urls import reverse

from pd_platform.homes import Todo

from .models import Certificate


def awarded_certificates(user, rows):
    """The valid certificate of each enrollment that has one (one query)."""
    enrollment_ids = [row.enrollment.pk for row in rows]
    if not enrollment_ids:
        return {}
    result = {}
    for certificate in Certificate.objects.filter(
        enrollment_id__in=enrollment_ids, revoked_at__isnull=True, replaced_at__isnull=True
    ).order_by("issued_at"):
        issued = certificate.issued_at
        ready = certificate.is_ready
        result[certificate.enrollment_id] = [
            Todo(
                "certificate",
                "Certificate",
                f"awarded {issued:%B} {issued.day}, {issued.year}" + ("" if ready else " (being prepared)"),
                reverse("certificates:download", args=[certificate.code]) if ready else reverse("certificates:mine"),
                "Download your certificate" if ready else "Your certificates",
                order=5,
            )
        ]
    return result
