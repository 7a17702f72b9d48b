"""People already here are placed in their district where the evidence allows, never from what they typed:
a district sign-in they used, else a confirmed address at a district's domain (the primary address first).

The only domains known at this point are those of the districts' own sign-ins (``SSO_DISTRICTS``,
``SSO_SAML_DISTRICTS``), given to the district of the same name. The program office adds the others under
Districts, and saving a district places its people then. Everyone else is left in no district.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from cohorts.registration.models import PUBLIC_MAIL_DOMAINS


def _domain(address):
    return address.strip().rpartition("@")[2].lower().rstrip(".")


def link_existing_people(apps, schema_editor):
    District = apps.get_model("cohorts", "District")
    DistrictDomain = apps.get_model("cohorts", "DistrictDomain")
    DistrictMembership = apps.get_model("cohorts", "DistrictMembership")
    EmailAddress = apps.get_model("account", "EmailAddress")
    SocialAccount = apps.get_model("socialaccount", "SocialAccount")
    sign_ins = {}
    for entry in getattr(settings, "SSO_DISTRICTS", []):
        district = District.objects.filter(name__iexact=entry.name).first()
        if district is None:
            continue
        sign_ins[entry.id] = district
        for domain in entry.domains:
            if domain not in PUBLIC_MAIL_DOMAINS and not DistrictDomain.objects.filter(domain=domain).exists():
                DistrictDomain.objects.create(district=district, domain=domain)
    owned = {d.domain: d.district_id for d in DistrictDomain.objects.all()}
    now = timezone.now()
    linked = set(DistrictMembership.objects.values_list("user_id", flat=True))
    accounts = SocialAccount.objects.filter(provider__in=list(sign_ins), user__is_active=True)
    for account in accounts.order_by("-last_login", "-pk"):
        if account.user_id not in linked:
            DistrictMembership.objects.create(
                user_id=account.user_id,
                district=sign_ins[account.provider],
                source="sign_in",
                evidence=account.provider,
                set_at=now,
            )
            linked.add(account.user_id)
    if not owned:
        return
    addresses = EmailAddress.objects.filter(verified=True, user__is_active=True).order_by("-primary", "pk")
    for user_id, email in addresses.values_list("user_id", "email").iterator():
        domain = _domain(email)
        if user_id not in linked and domain in owned:
            DistrictMembership.objects.create(
                user_id=user_id, district_id=owned[domain], source="address", evidence=domain, set_at=now
            )
            linked.add(user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0018_approval_rule_district_required"),
        ("account", "0001_initial"),
        ("socialaccount", "0001_initial"),
    ]

    operations = [migrations.RunPython(link_existing_people, migrations.RunPython.noop)]
