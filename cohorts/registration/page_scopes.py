"""Whose kept pages (pd_platform.page_cache) a change to a cohort, an enrollment or a payment can show."""

from django.db.models import Q

from pd_platform import page_cache
from pd_platform.accounts import roles

from .models import Approval, Cohort, Enrollment, Notification, Payment, StripeEvent


def cohorts_of(user):
    """The cohorts a person is in or facilitates (one query); None for an admin, who sees them all."""
    if roles.is_admin(user):
        return None
    return set(Cohort.objects.filter(Q(enrollments__user=user) | Q(facilitators=user)).values_list("pk", flat=True))


def facilitators_linked(instance, pk_set, reverse):
    """``instance`` is the cohort and ``pk_set`` its facilitators, or the other way round."""
    if reverse:
        return page_cache.scope([instance.pk], pk_set)
    return page_cache.scope(pk_set, [instance.pk])


def register():
    page_cache.register_cohorts_of(cohorts_of)
    page_cache.register(Cohort, lambda cohort: page_cache.scope(cohorts=[cohort.pk]))
    page_cache.register(Enrollment, lambda e: page_cache.scope([e.user_id], [e.cohort_id]))
    for model in (Payment, Notification, Approval):
        page_cache.register(model, lambda row: page_cache.via(row, "enrollment"))
    page_cache.register_m2m(Cohort.facilitators.through, facilitators_linked)
    # A webhook event as Stripe sent it shows only in the admin; the payment it changes has its own scope.
    page_cache.register(StripeEvent, lambda event: page_cache.NOBODY)
