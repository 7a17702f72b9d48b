"""Which district a person belongs to. It decides who approves their registrations and the training rate
their hours are paid at, so it comes only from what the person cannot type:

1. the program office's word (the admin's user form), which stands until the office changes it;
2. otherwise the district's own sign-in they used (an ``SSO_DISTRICTS`` / ``SSO_SAML_DISTRICTS`` entry,
   matched to a district by its domains, else by its name);
3. otherwise a confirmed address at one of a district's e-mail domains (the primary address first);
4. otherwise none.

``settle_district`` is the one writer: it runs whenever one of those facts changes (an address confirmed
or removed, a district sign-in linked, the office's choice, a district's domains edited), and works the
answer out again from all of them.
"""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pd_platform.accounts.addresses import domain_of

from .models import District, DistrictDomain, DistrictMembership

Source = DistrictMembership.Source
UNCHANGED = object()


def district_of(user) -> District | None:
    """The district a person belongs to, as the platform knows it (never as they typed it)."""
    if user is None or user.pk is None:
        return None
    return District.objects.filter(memberships__user=user).first()


def district_owning(address_or_domain) -> District | None:
    """The district that owns an address's domain (or a domain), as the office set it up; None if none does."""
    domain = domain_of(address_or_domain) if "@" in (address_or_domain or "") else (address_or_domain or "").lower()
    if not domain:
        return None
    return District.objects.filter(domains__domain=domain).first()


def membership_of(user) -> DistrictMembership | None:
    return DistrictMembership.objects.select_related("district").filter(user=user).first()


def sign_in_entry(provider_id):
    """The configured district sign-in with this provider id (an OpenID Connect or SAML entry), if any."""
    return next((entry for entry in settings.SSO_DISTRICTS if entry.id == provider_id), None)


def district_for_sign_in(provider_id) -> District | None:
    """The district a district sign-in stands for: the one owning its domains, else the one of its name."""
    entry = sign_in_entry(provider_id)
    if entry is None:
        return None
    owning = District.objects.filter(domains__domain__in=entry.domains).distinct()
    if len(owning) == 1:
        return owning[0]
    return District.objects.filter(name__iexact=entry.name).first() if not owning else None


def _from_sign_in(user):
    providers = [entry.id for entry in settings.SSO_DISTRICTS]
    if not providers:
        return None
    accounts = SocialAccount.objects.filter(user=user, provider__in=providers).order_by("-last_login", "-pk")
    for provider in accounts.values_list("provider", flat=True):
        district = district_for_sign_in(provider)
        if district is not None:
            return district, provider
    return None


def _from_addresses(user):
    addresses = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk")
    domains = [domain_of(address) for address in addresses.values_list("email", flat=True)]
    owned = {d.domain: d.district for d in DistrictDomain.objects.filter(domain__in=domains).select_related("district")}
    return next(((owned[domain], domain) for domain in domains if domain in owned), None)


@transaction.atomic
def settle_district(user, *, office=UNCHANGED, by=None, now=None) -> DistrictMembership | None:
    """Work out and record the person's district (see the module's rules); returns the membership, if any.

    ``office``: the program office sets a district (a ``District``), or hands the person back to the
    evidence (``None``); left out, the office's earlier word stands. A closed account keeps the district
    its kept hours were paid by, unless the office changes it."""
    now = now or timezone.now()
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    current = DistrictMembership.objects.filter(user=user).first()
    if office is not UNCHANGED:
        if office is not None:
            return _record(user, current, office, Source.OFFICE, "", by, now)
        if current is not None and current.source == Source.OFFICE:
            current.delete()
            current = None
    elif current is not None and current.source == Source.OFFICE:
        return current
    if not user.is_active and office is UNCHANGED:
        return current
    found = _from_sign_in(user)
    source = Source.SIGN_IN
    if found is None:
        found, source = _from_addresses(user), Source.ADDRESS
    if found is None:
        if current is not None:
            current.delete()
        return None
    district, evidence = found
    return _record(user, current, district, source, evidence, by if office is not UNCHANGED else None, now)


def _record(user, current, district, source, evidence, by, now):
    if current is not None and (current.district_id, current.source, current.evidence) == (
        district.pk,
        source,
        evidence,
    ):
        return current
    membership, _ = DistrictMembership.objects.update_or_create(
        user=user,
        defaults={"district": district, "source": source, "evidence": evidence, "set_by": by, "set_at": now},
    )
    return membership


def people_to_settle(district):
    """Who may be in or out of ``district`` after its domains changed: its members now and everyone with a
    confirmed address at one of its domains."""
    at_its_domains = Q()
    for domain in district.domain_names():
        at_its_domains |= Q(email__iendswith=f"@{domain}")
    ids = set(DistrictMembership.objects.filter(district=district).values_list("user_id", flat=True))
    if at_its_domains:
        ids |= set(EmailAddress.objects.filter(at_its_domains, verified=True).values_list("user_id", flat=True))
    return sorted(ids)


def settle_district_people(district_id):
    """After the office edits a district's domains: each person it may concern, settled again."""
    district = District.objects.filter(pk=district_id).first()
    if district is None:
        return 0
    User = get_user_model()
    settled = 0
    for user in User.objects.filter(pk__in=people_to_settle(district)):
        settle_district(user)
        settled += 1
    return settled


def how_known(membership, whose="your") -> str:
    """How the person's district is known, as their profile (or, ``whose="their"``, the office) reads it."""
    if membership is None:
        return (
            f"It comes from a confirmed address at {whose} district's e-mail domain, from signing in with "
            f"{whose} district's account, or from the program office."
        )
    if membership.source == Source.OFFICE:
        return "Set by the program office."
    if membership.source == Source.SIGN_IN:
        entry = sign_in_entry(membership.evidence)
        return f"From {whose} sign-in with {entry.name if entry else 'the district'}."
    return f"From {whose} confirmed address at {membership.evidence}."


def register_account_field():
    """The district on a person's profile (read-only, with how it is known) and on the admin's user forms
    (where the office sets it)."""
    from django import forms

    from pd_platform.accounts import account_fields

    def shown(user):
        membership = membership_of(user)
        return account_fields.Shown("District", membership.district.name if membership else "", how_known(membership))

    def form_field(user):
        membership = membership_of(user) if user is not None and user.pk else None
        now = f"Now: {membership.district}. {how_known(membership, 'their')} " if membership else "Now: none. "
        return forms.ModelChoiceField(
            label="District",
            queryset=District.objects.all(),
            required=False,
            empty_label="From their confirmed address or their district's sign-in",
            initial=membership.district_id if membership and membership.source == Source.OFFICE else None,
            help_text=now + "Choose a district to set it yourself (it decides approvals and the training rate); "
            "the first choice hands it back to their confirmed addresses and sign-in.",
        )

    def save(user, district, by):
        settle_district(user, office=district, by=by)

    account_fields.register(
        "district", "District", shown, form_field, save, order=10, list_path="district_membership__district__name"
    )
