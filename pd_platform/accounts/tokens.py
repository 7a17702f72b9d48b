"""A person's API keys for the JSON APIs (a district tool, a script): Wagtail's `APIToken`,
which keeps only a digest and shows the key once. Made and revoked here, nowhere else."""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

MAX_ACTIVE = 10


class TokenError(ValueError):
    pass


@transaction.atomic
def create_api_token(user, *, name):
    """A new key for `user`: returns (token, the key itself), which is shown once."""
    name = (name or "").strip()
    if not name:
        raise TokenError("Say what the key is for.")
    if len(name) > 80:
        raise TokenError("Keep the name under 80 characters.")
    # Locks the person's row: two clicks at once cannot both pass the cap.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if APIToken.objects.filter(user=user, revoked_at=None).count() >= MAX_ACTIVE:
        raise TokenError(f"You have {MAX_ACTIVE} keys already: revoke one you no longer use.")
    return APIToken.create_token(user=user, name=name)


def revoke_api_token(user, token_id):
    """Revoke one of `user`'s own keys; another person's key is not found."""
    token = APIToken.objects.filter(user=user, pk=token_id, revoked_at=None).first()
    if token is None:
        raise TokenError("No such key.")
    token.revoke()


def token_for_key(request, key):
    """The key `key` is (its person is its ``user``), or None (revoked, unknown, its person inactive)."""
    if not key or not APIToken.validate_token_format(key):
        return None
    return BearerTokenAuth().authenticate(request, key)


def active_tokens(user):
    return list(APIToken.objects.filter(user=user, revoked_at=None).order_by("-created"))
