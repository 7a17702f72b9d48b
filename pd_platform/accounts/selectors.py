"""What the platform knows of a person's sign-in, read for the domain apps."""

from allauth.account.models import EmailAddress


def verified_domains(user) -> set[str]:
    """The domains of a person's verified e-mail addresses: a school's domain opens its site cohort.
    An address nobody confirmed proves nothing, so unverified ones do not count."""
    if user is None or not user.is_authenticated:
        return set()
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {address.rsplit("@", 1)[-1].lower() for address in addresses}
