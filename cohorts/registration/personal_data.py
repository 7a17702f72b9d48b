"""Registration's part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import Approval, DistrictMembership, Enrollment, Payment, PendingInvitation


def export(user):
    return {
        "district": DistrictMembership.objects.filter(user=user),
        "enrollments": Enrollment.objects.filter(user=user),
        "payments": Payment.objects.filter(enrollment__user=user),
        "approvals": Approval.objects.filter(enrollment__user=user),
        "invitations_followed": PendingInvitation.objects.filter(user=user),
    }


def erase(user, now):
    """Enrollments and payments are kept (hours, certificates and accounts rest on them), without the
    billing contact's name; so is the district (the kept hours were paid at its rate; it names a domain or a
    sign-in, not an address). The approvals (a supervisor's address and reasons) go."""
    return {
        "approvals deleted": Approval.objects.filter(enrollment__user=user).delete()[0],
        "invitations followed deleted": PendingInvitation.objects.filter(user=user).delete()[0],
        "billing contacts removed": Enrollment.objects.filter(user=user).update(
            billing_contact_name="", billing_contact_email=""
        ),
    }


personal_data.register("registration", export, erase, order=20)
