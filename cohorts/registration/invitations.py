"""An invitation link (a site cohort's way in) followed by someone not yet signed in survives sign-up,
e-mail confirmation and sign-in, in any order and any tab or browser: the link is remembered in the
session, kept with the account as soon as there is one, and the person's first home page after that
takes them to the cohort's registration."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from pd_platform.accounts.backends import register_flag

from .models import Enrollment, PendingInvitation
from .selectors import cohort_by_invitation

SESSION_KEY = "pending_invitation"
HOLDS_INVITATION = "holds_pending_invitation"  # read with the person on every page (``backends.register_flag``)


def _holds_invitation():
    return Exists(PendingInvitation.objects.filter(user_id=OuterRef("pk")))


register_flag(HOLDS_INVITATION, _holds_invitation)


def registration_url(cohort):
    return f"{reverse('cohorts:register', args=[cohort.program_id])}?{urlencode({'invitation': cohort.invitation_key})}"


def remember_invitation(request, cohort):
    """The link was followed: remember it for this browser, and for the account if signed in."""
    if request.user.is_authenticated:
        # Signed in: the link goes straight to the registration, so home has nowhere to send them.
        hold_invitation(request.user, cohort, landed=True)
    else:
        request.session[SESSION_KEY] = cohort.invitation_key


def hold_invitation(user, cohort, landed=False):
    """Keep the invitation with the account (once per cohort)."""
    try:
        with transaction.atomic():
            PendingInvitation.objects.get_or_create(
                user=user, cohort=cohort, defaults={"landed_at": timezone.now() if landed else None}
            )
    except IntegrityError:  # the same link followed twice at once: kept once
        pass


def keep_session_invitation(request, user):
    """At sign-up or sign-in: the link this browser followed goes with the account."""
    key = request.session.get(SESSION_KEY) if request is not None and hasattr(request, "session") else None
    cohort = cohort_by_invitation(key)
    if cohort is not None:
        hold_invitation(user, cohort)


def pending_invitations(user):
    """Invitations kept with this account whose cohort they have not registered for (newest first)."""
    registered = Enrollment.objects.filter(user=user).exclude(status=Enrollment.Status.CANCELLED)
    return list(
        PendingInvitation.objects.filter(user=user)
        .exclude(cohort__in=registered.values("cohort"))
        .select_related("cohort__program")
        .order_by("-created_at", "-id")
    )


def invitations_shown(user):
    """The home's pending invitations: those its landing read a moment ago in the same request
    (once), else read now."""
    read = getattr(user, "_invitations_read", None)
    if read is None:
        return pending_invitations(user)
    del user._invitations_read
    return read


def landing(request):
    """Where a person's home sends them instead, once: the registration of the cohort they were invited to."""
    user = request.user
    if not user.is_authenticated:
        return None
    holds = getattr(user, HOLDS_INVITATION, None)  # None: not read with the user; 0 or False: read, and none held
    if holds is not None and not holds and not request.session.get(SESSION_KEY):
        user._invitations_read = []  # none kept, none in this browser: nothing to read (the flag came with the user)
        return None
    keep_session_invitation(request, user)
    request.session.pop(SESSION_KEY, None)
    invitations = pending_invitations(user)
    waiting = [p for p in invitations if p.landed_at is None]
    if not waiting:
        user._invitations_read = invitations  # the home's invitations, read once (``invitations_shown``)
        return None
    PendingInvitation.objects.filter(pk=waiting[0].pk, landed_at__isnull=True).update(landed_at=timezone.now())
    return registration_url(waiting[0].cohort)
