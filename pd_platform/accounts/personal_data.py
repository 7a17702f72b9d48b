"""The account's part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

from pd_platform import personal_data
from pd_platform.models import SentEmail

ERASED_DOMAIN = "erased.invalid"  # a reserved top-level domain: no mail is ever delivered there


def export(user):
    return {
        "profile": get_user_model().objects.filter(pk=user.pk),
        "email_addresses": EmailAddress.objects.filter(user=user),
        "api_keys": APIToken.objects.filter(user=user),  # names and dates: the key's digest is a secret
        "emails_sent": SentEmail.objects.filter(recipient=user),  # which e-mail, about what, when
    }


def erase(user, now):
    """The account stays, closed and nameless, so that the hours and certificates kept still add up;
    its addresses, keys and second factors go. Its sessions end by themselves: a closed account with a
    changed password is signed out on its next request."""
    User = get_user_model()
    done = {
        "email addresses deleted": EmailAddress.objects.filter(user=user).delete()[0],
        "API keys deleted": APIToken.objects.filter(user=user).delete()[0],
        "second factors deleted": Authenticator.objects.filter(user=user).delete()[0],
    }
    User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@{ERASED_DOMAIN}",
        full_name=f"Erased person {user.pk}",
        school="",
        job_title="",
        password="!erased",  # unusable: no password matches
        is_active=False,
    )
    user.groups.clear()
    done["profile pseudonymised"] = 1
    return done


personal_data.register("account", export, erase, order=10)
