"""What a checked launch changes here: the account it signs in, the placement of its link, and
where it lands. Each function is one transaction; views call them after ``launch.validated_launch``."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Page

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import live_enrollment, may_facilitate, may_use_course
from pd_platform.accounts import roles

from . import claims
from .models import Placement


class LaunchRefused(Exception):
    """A launch this platform can't honour; the message says the person what to do."""


NO_EMAIL = (
    "Your course did not share your e-mail address with this platform, so it cannot tell which account is "
    "yours. Ask your LMS administrator to let this tool receive names and e-mail addresses."
)


def _account_for(lti_user):
    User = get_user_model()
    email = (lti_user.email or "").strip().lower()
    if not email:
        raise LaunchRefused(NO_EMAIL)
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    if address is not None:
        return address.user
    if User.objects.filter(email__iexact=email).exists():
        raise LaunchRefused(
            f"An account with {email} is here, but its address is not confirmed yet. Sign in on this platform "
            "once and confirm the address from the e-mail it sends; then the link in your course opens it."
        )
    name = (lti_user.name or f"{lti_user.given_name} {lti_user.family_name}").strip() or email
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, full_name=name[:150])
            user.set_unusable_password()  # they sign in through their course, or reset a password to add one
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    except IntegrityError:  # the same person's second launch, a moment earlier
        return User.objects.get(email__iexact=email)
    return user


@transaction.atomic
def do_sign_in_from_launch(lti_user, role_claims):
    """The account a launch signs in, linked to the LMS person for the next launches.

    The LMS's own registration (made by an admin) vouches for the e-mail address: the account
    with that address, confirmed, is theirs; with none, one is made. The roles the LMS gives
    map to roles here (Learner -> participant, Instructor -> facilitator), only ever added:
    a facilitator sees only the cohorts an admin made them facilitate.
    """
    user = lti_user.auth_user
    if user is None:
        user = _account_for(lti_user)
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user", "datetime_modified"])
    if not user.is_active:
        raise LaunchRefused("This account is closed. Ask the program's staff if you need it again.")
    missing = claims.platform_roles(role_claims) - roles.role_names(user)
    if missing:
        user.groups.add(*Group.objects.filter(name__in=missing))
        roles.remember_roles(user, roles.role_names(user) | missing)
    return user


def target_page(cohort, page_id):
    """The page a link may open in this cohort: the cohort's program or a page inside it; else None."""
    program = Page.objects.filter(pk=cohort.program_id).first()
    if program is None:
        return None
    return Page.objects.filter(pk=page_id, path__startswith=program.path, live=True).first()


@transaction.atomic
def do_place_link(resource_link, target, lineitem_url=""):
    """Where this LMS link opens, from the custom claim the tool put in it; the AGS line item the
    LMS made for it. Re-launches keep it current (a course copied to a new term keeps its links)."""
    cohort = Cohort.objects.filter(pk=target.cohort_id).first()
    page = target_page(cohort, target.page_id) if cohort else None
    if page is None:
        raise LaunchRefused(
            "This link opens a module that is no longer on the platform. Ask your instructor to add it again."
        )
    placement, _ = Placement.objects.update_or_create(
        resource_link=resource_link,
        defaults={"cohort": cohort, "page": page, "lineitem_url": lineitem_url or ""},
    )
    return placement


def landing_for(user, placement):
    """Where a launch of this link takes this person: the page, in their cohort; a facilitator of
    the cohort to its review queue; anyone else is told why not."""
    cohort = placement.cohort
    if may_facilitate(user, cohort):
        queue = f"{reverse('coursework:review_queue')}?cohort={cohort.pk}"
        return queue if placement.page_id == cohort.program_id else f"{queue}&module={placement.page_id}"
    enrollment = live_enrollment(user, cohort)
    if enrollment is None:
        raise LaunchRefused(
            f"You are not registered for {cohort.name}, the cohort this link opens. "
            "Register for it on the platform, or ask your instructor which cohort is yours."
        )
    if not may_use_course(enrollment):
        if enrollment.status == Enrollment.Status.REGISTERED:
            raise LaunchRefused(f"Your place in {cohort.name} is not paid yet: My courses shows how to pay.")
        raise LaunchRefused(
            f"Your place in {cohort.name} is {enrollment.get_status_display().lower()}: My courses says more."
        )
    return placement.page.url
