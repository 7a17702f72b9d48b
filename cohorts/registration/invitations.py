"""An invitation link (a site cohort's way in) followed by someone not yet signed in survives sign-up,
e-mail confirmation and sign-in, in any order and any tab or browser: the link is remembered in the
session, kept with the account as soon as there is one, and the person's first home page after that
takes them to the cohort's registration."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .models import Enrollment, PendingInvitation
from .selectors import cohort_by_invitation

SESSION_KEY = "pending_invitation"


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


def landing(request):
    """Where a person's home sends them instead, once: the registration of the cohort they were invited to."""
    user = request.user
    if not user.is_authenticated:
        return None
    keep_session_invitation(request, user)
    request.session.pop(SESSION_KEY, None)
    waiting = [p for p in pending_invitations(user) if p.landed_at is None]
    if not waiting:
        return None
    PendingInvitation.objects.filter(pk=waiting[0].pk, landed_at__isnull=True).update(landed_at=timezone.now())
    return registration_url(waiting[0].cohort)
