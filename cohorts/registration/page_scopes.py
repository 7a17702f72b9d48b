"""Whose kept pages (pd_platform.page_cache) a change to a cohort, an enrollment or a payment can show."""

from pd_platform import page_cache
from pd_platform.accounts import roles

from .models import Approval, Cohort, Enrollment, Payment, StripeEvent


def cohorts_of(user):
    """The cohorts a person is in or facilitates; None for an admin, who sees them all. One query
    that reads only the person's own rows (their enrollments and their facilitator links), however
    many people their cohorts hold: every page kept or missed asks it."""
    if roles.is_admin(user):
        return None
    enrolled = Enrollment.objects.filter(user_id=user.pk).order_by().values_list("cohort_id", flat=True)
    facilitated = (
        Cohort.facilitators.through.objects.filter(user_id=user.pk).order_by().values_list("cohort_id", flat=True)
    )
    return set(enrolled.union(facilitated))


def facilitators_linked(instance, pk_set, reverse):
    """``instance`` is the cohort and ``pk_set`` its facilitators, or the other way round."""
    if reverse:
        return page_cache.scope([instance.pk], pk_set)
    return page_cache.scope(pk_set, [instance.pk])


# Registered here, where they are defined; pd_platform.registries imports this module once.
page_cache.register_cohorts_of(cohorts_of)
page_cache.register(Cohort, lambda cohort: page_cache.scope(cohorts=[cohort.pk]))
page_cache.register(Enrollment, lambda e: page_cache.scope([e.user_id], [e.cohort_id]))
for model in (Payment, Approval):
    page_cache.register(model, lambda row: page_cache.via(row, "enrollment"))
page_cache.register_m2m(Cohort.facilitators.through, facilitators_linked)
# A webhook event as Stripe sent it shows only in the admin; the payment it changes has its own scope.
page_cache.register(StripeEvent, lambda event: page_cache.NOBODY)
