"""Train the trainer: certified teacher leaders run the workshop series at their own site."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cohorts.registration.models import Cohort, normal_domain, validate_email_domain
from cohorts.registration.selectors import may_facilitate
from cohorts.workshops.services import schedule_sessions
from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform import outbox

from .models import Certificate, SiteCohortRequest


class TrainerError(Exception):
    pass


def trainer_certificate(user):
    """The user's valid certificate of a course (Learning-Based Grading), if any."""
    course_ids = CoursePage.objects.values_list("pk", flat=True)
    return Certificate.objects.filter(
        enrollment__user=user,
        enrollment__cohort__program_id__in=course_ids,
        revoked_at__isnull=True,
        replaced_at__isnull=True,
    ).first()


def request_site_cohort(user, site, first_date, expected_size, email_domain="", today=None):
    certificate = trainer_certificate(user)
    if certificate is None:
        raise TrainerError("Site cohorts are run by teacher leaders certified in Learning-Based Grading.")
    today = today or timezone.localdate()
    if first_date <= today:
        raise TrainerError("The first workshop must be in the future.")
    if not site.strip() or len(site.strip()) > 150:
        raise TrainerError("Name your school or site (at most 150 characters).")
    if not 1 <= expected_size <= 200:
        raise TrainerError("Give the group size you expect: from 1 to 200.")
    email_domain = normal_domain(email_domain)
    if email_domain:
        try:
            validate_email_domain(email_domain)
        except ValidationError as error:
            raise TrainerError(error.messages[0]) from None
    with transaction.atomic():
        site_request = SiteCohortRequest.objects.create(
            trainer=user,
            certificate=certificate,
            site=site.strip(),
            first_date=first_date,
            expected_size=expected_size,
            email_domain=email_domain,
        )
        outbox.enqueue("certificates.tell_office_of_site_request", site_request.pk)
    return site_request


def smallest_group():
    """The fewest participants a site cohort of the workshop series runs with (the series page says; 8)."""
    series = WorkshopSeriesPage.objects.live().first()
    return series.min_group_size if series else WorkshopSeriesPage._meta.get_field("min_group_size").default


@transaction.atomic
def approve_site_cohort(site_request, by, size_override_reason=""):
    """The admin approves: a private cohort of the series (out of public listings, joined by its invitation
    link or the school's domain) with the trainer as facilitator, sessions proposed. A group smaller than the
    series runs for is approved only as an exception, its reason recorded. The trainer is told."""
    site_request = SiteCohortRequest.objects.select_for_update().get(pk=site_request.pk)
    if site_request.status != SiteCohortRequest.Status.PENDING:
        raise TrainerError("This request was decided already.")
    series = WorkshopSeriesPage.objects.live().first()
    if series is None:
        raise TrainerError("The workshop series is not published.")
    size_override_reason = size_override_reason.strip()
    if site_request.expected_size < series.min_group_size and not size_override_reason:
        raise TrainerError(
            f"{site_request.site} expects {site_request.expected_size} teachers; the series runs for groups of "
            f"{series.min_group_size} or more. To approve it as an exception, give the reason."
        )
    cohort = Cohort.objects.create(
        program=series,
        name=f"{site_request.site} {site_request.first_date:%Y}",
        start_date=site_request.first_date,
        end_date=site_request.first_date + timedelta(weeks=16),
        capacity=max(site_request.expected_size, series.min_group_size) + 10,
        time_zone=settings.TIME_ZONE,
        private=True,
        email_domain=site_request.email_domain,
    )
    cohort.facilitators.add(site_request.trainer)  # which gives them the Facilitator role
    schedule_sessions(cohort, site_request.first_date, facilitator=site_request.trainer)
    site_request.status = SiteCohortRequest.Status.APPROVED
    site_request.cohort = cohort
    site_request.decided_by = by
    site_request.decided_at = timezone.now()
    site_request.size_override_reason = (
        size_override_reason if site_request.expected_size < series.min_group_size else ""
    )
    site_request.save(update_fields=["status", "cohort", "decided_by", "decided_at", "size_override_reason"])
    outbox.enqueue("certificates.tell_trainer_of_decision", site_request.pk)
    return cohort


@transaction.atomic
def decline_site_cohort(site_request, by, reason):
    """The admin declines, saying why; the trainer is told."""
    reason = reason.strip()
    if not reason:
        raise TrainerError("Give the reason: the trainer is told it.")
    site_request = SiteCohortRequest.objects.select_for_update().get(pk=site_request.pk)
    if site_request.status != SiteCohortRequest.Status.PENDING:
        raise TrainerError("This request was decided already.")
    site_request.status = SiteCohortRequest.Status.DECLINED
    site_request.decline_reason = reason
    site_request.decided_by = by
    site_request.decided_at = timezone.now()
    site_request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    outbox.enqueue("certificates.tell_trainer_of_decision", site_request.pk)
    return site_request


def invitation_url(cohort):
    return settings.SITE_URL.rstrip("/") + reverse("cohorts:join", args=[cohort.invitation_key])


def _time(moment):
    return f"{moment:%I:%M %p}".lstrip("0")


def training_pay_sentence(cohort, address=""):
    """What an invitation to ``cohort`` may say to ``address`` about pay for hours beyond the contracted day:
    only what holds. A program that pays no training rate promises nothing; one that does promises the rate of
    the district that owns the address's domain (or, failing that, the site's domain, on condition the
    teacher registers with an address there); a district not set up on the platform gets no promise."""
    from cohorts.registration.districts import district_owning

    if not getattr(cohort.program.specific, "pays_training_rate", False):
        return ""
    district = district_owning(address) if address else None
    condition = ""
    if district is None and cohort.email_domain:
        district = district_owning(cohort.email_domain)
        condition = f"If you register with your {cohort.email_domain} address, h" if district else ""
    if district is None:
        return (
            "Whether hours beyond your contracted day are paid is up to your district, which is not set up on "
            f"{settings.SITE_NAME} yet: ask your district office or the program office before counting on it."
        )
    return (
        f"{condition or 'H'}ours beyond {district.name}'s contracted day ({_time(district.contract_start)} to "
        f"{_time(district.contract_end)}) are paid at its training rate, ${district.training_rate} an hour."
    )


def invite_teachers(cohort, emails, by):
    """The trainer invites their teachers by email to register for the site cohort."""
    if not may_facilitate(by, cohort):
        raise TrainerError("Only the cohort's facilitators invite to it.")
    addresses = sorted({e.strip().lower() for e in emails if e.strip()})
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise TrainerError(f"Not an email address: {address!r}") from None
    url = invitation_url(cohort)
    sent = 0
    for email in addresses:
        pay = training_pay_sentence(cohort, email)  # true for this teacher's district, or no promise
        send_mail(
            subject=f"[{settings.SITE_NAME}] {by.full_name} invites you to {cohort.program.title}",
            message=(
                f"Hello,\n\n{by.full_name} invites you to the {cohort.program.title} workshop series at "
                f"{cohort.name}, starting {cohort.start_date:%A, %B} {cohort.start_date.day}.\n\n"
                f"Create your account and register through this link (the cohort is not listed publicly): {url}\n\n"
                + (f"{pay}\n\n" if pay else "")
                + settings.SITE_NAME
            ),
            from_email=None,
            recipient_list=[email],
        )
        sent += 1
    return sent


def office_addresses():
    """The program office: everyone active who holds the Admin role."""
    from django.contrib.auth import get_user_model

    from pd_platform.accounts import roles

    people = get_user_model().objects.filter(is_active=True, groups__name=roles.ADMIN).distinct()
    return sorted(people.values_list("email", flat=True))


def site_request_email(site_request, news, to):
    """The e-mail about ``site_request``: ``news`` is "office" (a new request), "approved" or "declined"."""
    site = settings.SITE_URL.rstrip("/")
    subjects = {
        "office": f"Site cohort requested: {site_request.site}, by {site_request.trainer.full_name}",
        "approved": f"Your site cohort is approved: {site_request.site}",
        "declined": f"Your site cohort request was declined: {site_request.site}",
    }
    body = render_to_string(
        f"certificates/email/site_request_{news}.txt",
        {
            "request": site_request,
            "smallest": smallest_group(),
            "site_name": settings.SITE_NAME,
            "decide_url": site + reverse("certificates:site_requests"),
            "invite_url": site + reverse("certificates:invite", args=[site_request.cohort_id])
            if site_request.cohort_id
            else "",
            "request_url": site + reverse("certificates:request_site_cohort"),
            "sessions_url": site + reverse("workshops:sessions", args=[site_request.cohort_id])
            if site_request.cohort_id
            else "",
        },
    )
    return EmailMessage(subject=f"[{settings.SITE_NAME}] {subjects[news]}", body=body, to=to)
