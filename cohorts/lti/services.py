"""What a checked launch changes here: who the LMS person is on this platform, the link between the
two, the placement of a course link, and where it lands. Each writing function is one transaction;
views call them after ``launch.validated_launch``.

An LMS is trusted for its own people, not for ours. Its signed launch names an e-mail address, but
an LMS administrator can put any address there; so:

- an account that exists here is linked to the LMS person only when its owner, signed in here the
  usual way, confirms the link once (``do_confirm_link``);
- a new account is made from a launch only for an address at a domain the registration may vouch
  for (``RegistrationTrust``), and its address stays unconfirmed until its owner confirms it by
  e-mail (so it opens no school's private cohort);
- staff accounts (facilitators, admins) are never signed in by a launch: they sign in here;
- the LMS's roles are recorded for its registration (``LmsIdentity.roles``), never added to the account.
"""

from collections.abc import Iterable
from datetime import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from lti_tool.models import LtiRegistration, LtiResourceLink, LtiUser
from wagtail.models import Page

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import live_enrollment, may_facilitate, may_use_course
from pd_platform.accounts import roles
from pd_platform.accounts.models import User

from . import claims, grades
from .models import LmsIdentity, Placement, RegistrationTrust


class LaunchRefused(Exception):
    """A launch this platform can't honour; the message says the person what to do."""


NO_EMAIL = (
    "Your course did not share your e-mail address with this platform, so it cannot tell which account is "
    "yours. Ask your LMS administrator to let this tool receive names and e-mail addresses."
)
STAFF_ROLES = {roles.FACILITATOR, roles.ADMIN, roles.EDITOR}


def signs_in_here_only(user: User) -> bool:
    """Facilitators, admins, content editors and Django staff sign in on the platform itself (its password, second
    factor and throttles), never through an LMS: an LMS could otherwise become them."""
    return user.is_staff or user.is_superuser or bool(roles.role_names(user) & STAFF_ROLES)


def vouched_domains(registration: LtiRegistration) -> set[str]:
    trust = RegistrationTrust.objects.filter(registration=registration).first()
    return trust.domains() if trust else set()


def launch_email(lti_user: LtiUser) -> str:
    return (lti_user.email or "").strip().lower()


def _existing_account(email: str) -> User | None:
    User = get_user_model()
    by_address = EmailAddress.objects.filter(email__iexact=email).values("user")
    return User.objects.filter(Q(email__iexact=email) | Q(pk__in=by_address)).first()


def _new_account(lti_user: LtiUser, email: str) -> User:
    User = get_user_model()
    name = (lti_user.name or f"{lti_user.given_name} {lti_user.family_name}").strip() or email
    with transaction.atomic():
        user = User.objects.create_user(email=email, full_name=name[:150])
        user.set_unusable_password()  # they sign in through their course, or reset a password to add one
        user.save(update_fields=["password"])
        # Unconfirmed: the LMS vouches for the person, not for the mailbox. Resetting a password
        # by e-mail confirms it, as confirming any address here does.
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
        user.groups.add(Group.objects.get(name=roles.PARTICIPANT))
    return user


def _record_roles(lti_user: LtiUser, role_claims: Iterable[str] | None, now: datetime) -> LmsIdentity:
    identity, _ = LmsIdentity.objects.get_or_create(lti_user=lti_user)
    identity.roles = ",".join(sorted(claims.platform_roles(role_claims)))
    identity.roles_at = now
    identity.save(update_fields=["roles", "roles_at"])
    return identity


@transaction.atomic
def do_identify_launch(
    lti_user: LtiUser, role_claims: Iterable[str] | None, now: datetime | None = None
) -> User | None:
    """The account a launch is for, or None when an account with the launch's address exists here
    but its owner has not linked it yet (the view then offers the link). Records the LMS's roles
    for this registration. A new person at a domain the registration vouches for gets an account."""
    now = now or timezone.now()
    _record_roles(lti_user, role_claims, now)
    user = lti_user.auth_user
    if user is None:
        email = launch_email(lti_user)
        if not email:
            raise LaunchRefused(NO_EMAIL)
        if _existing_account(email) is not None:
            return None
        domain = email.rsplit("@", 1)[-1]
        if domain not in vouched_domains(lti_user.registration):
            raise LaunchRefused(
                f"Your course is not set up to make accounts on this platform for {domain} addresses. "
                "Create an account on the platform with your e-mail address and confirm it; then open the link "
                "in your course again to connect the two."
            )
        try:
            user = _new_account(lti_user, email)
        except IntegrityError:  # the same person's second launch, a moment earlier
            return None
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user", "datetime_modified"])
        LmsIdentity.objects.filter(lti_user=lti_user).update(made_account=True)
    if not user.is_active:
        raise LaunchRefused("This account is closed. Ask the program's staff if you need it again.")
    return user


def link_problem(lti_user: LtiUser, user: User) -> str | None:
    """Why this signed-in person may not link this LMS person to their account; None when they may."""
    if lti_user.auth_user_id is not None and lti_user.auth_user_id != user.pk:
        return "This course account is already connected to another account here."
    email = launch_email(lti_user)
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return (
            f"Your course knows you as {email}, which is not a confirmed address of the account you are signed "
            f"in with ({user.email}). Sign out, and sign in with the account for {email}; or add and confirm that "
            "address under your account's e-mail addresses first."
        )
    return None


@transaction.atomic
def do_confirm_link(lti_user: LtiUser, user: User, now: datetime | None = None) -> LtiUser:
    """The owner of an account, signed in here, links their LMS person to it: from now on a launch
    from that course opens this account (signed in, unless it is a staff account)."""
    now = now or timezone.now()
    problem = link_problem(lti_user, user)
    if problem:
        raise LaunchRefused(problem)
    if lti_user.auth_user_id != user.pk:
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user", "datetime_modified"])
    identity, _ = LmsIdentity.objects.get_or_create(lti_user=lti_user)
    identity.confirmed_at = identity.confirmed_at or now
    identity.save(update_fields=["confirmed_at"])
    return lti_user


def link_target(target: claims.Target) -> tuple[Cohort, Page]:
    """(cohort, page) a link's custom claim names, when the page is still in the cohort's program."""
    cohort = Cohort.objects.filter(pk=target.cohort_id).select_related("program").first()
    page = target_page(cohort, target.page_id) if cohort else None
    if cohort is None or page is None:
        raise LaunchRefused(
            "This link opens a module that is no longer on the platform. Ask your instructor to add it again."
        )
    return cohort, page


def target_page(cohort: Cohort, page_id: int) -> Page | None:
    """The page a link may open in this cohort: the cohort's program or a page inside it; else None."""
    program = Page.objects.filter(pk=cohort.program_id).first()
    if program is None:
        return None
    return Page.objects.filter(pk=page_id, path__startswith=program.path, live=True).first()


@transaction.atomic
def do_place_link(
    resource_link: LtiResourceLink, cohort: Cohort, page: Page, lineitem_url: str | None = ""
) -> Placement:
    """Where this LMS link opens, from the custom claim the tool put in it; the AGS line item the
    LMS made for it. Re-launches keep it current (a course copied to a new term keeps its links).
    Called only once the launch is known to land (a refused launch places nothing)."""
    placement, _ = Placement.objects.update_or_create(
        resource_link=resource_link,
        defaults={"cohort": cohort, "page": page, "lineitem_url": lineitem_url or ""},
    )
    return placement


@transaction.atomic
def do_land(
    user: User, target: tuple[Cohort, Page] | None, resource_link: LtiResourceLink, lineitem_url: str | None = ""
) -> str:
    """Where this person lands from a course link: the page ``target`` names (or their courses for a
    link made by hand); the link placed and its progress owed to the LMS. A refused landing places
    nothing."""
    if target is None:
        return reverse("cohorts:my_courses")
    cohort, page = target
    destination = landing_for(user, cohort, page)
    placement = do_place_link(resource_link, cohort, page, lineitem_url)
    grades.owe_progress(placement.pk, user.pk)  # the gradebook shows where they are from the first launch
    return destination


def landing_for(user: User, cohort: Cohort, page: Page) -> str:
    """Where a launch of a link to ``page`` of ``cohort`` takes this person: the page, in their cohort;
    a facilitator of the cohort to its review queue; anyone else is told why not."""
    if may_facilitate(user, cohort):
        queue = f"{reverse('coursework:review_queue')}?cohort={cohort.pk}"
        return queue if page.pk == cohort.program_id else f"{queue}&module={page.pk}"
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
    return page.url
