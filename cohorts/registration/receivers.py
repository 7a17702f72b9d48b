"""A person's district is settled again whenever what it rests on changes (``districts``): an address saved
(confirmed at sign-up, by a district sign-in, by an LMS launch) or removed, a district sign-in linked or
unlinked. Removals are heard through allauth's own signals, so an account being deleted or erased (whose
addresses go with it) is left as it is."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_changed, email_removed, user_signed_up
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.signals import social_account_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from .districts import settle_district


def _settle(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:
        settle_district(user)


@receiver(post_save, sender=EmailAddress, dispatch_uid="district-from-address")
def address_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _settle(instance.user_id)


@receiver(email_removed, dispatch_uid="district-address-removed")
def address_removed(sender, user, **kwargs):
    _settle(user.pk)


@receiver(email_changed, dispatch_uid="district-address-changed")
def address_changed(sender, user, **kwargs):
    _settle(user.pk)


@receiver(post_save, sender=SocialAccount, dispatch_uid="district-from-sign-in")
def sign_in_linked(sender, instance, raw=False, **kwargs):
    if not raw:
        _settle(instance.user_id)


@receiver(social_account_removed, dispatch_uid="district-sign-in-removed")
def sign_in_unlinked(sender, socialaccount, **kwargs):
    _settle(socialaccount.user_id)


@receiver(user_signed_up, dispatch_uid="invitation-kept-at-sign-up")
def keep_invitation_at_sign_up(sender, request, user, **kwargs):
    from .invitations import keep_session_invitation

    keep_session_invitation(request, user)


@receiver(user_logged_in, dispatch_uid="invitation-kept-at-sign-in")
def keep_invitation_at_sign_in(sender, request, user, **kwargs):
    from .invitations import keep_session_invitation

    keep_session_invitation(request, user)
