"""The program office places people in a cohort past its deadlines; seats still count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from cohorts.registration import services
from cohorts.registration.models import Enrollment
from tests.factories import CohortFactory, participant

pytestmark = pytest.mark.django_db


def test_a_started_cohort_takes_a_late_registrant_from_the_office_but_not_from_the_form():
    cohort = CohortFactory(start_date=date.today() - timedelta(days=10), fee=Decimal("450.00"))
    person = participant()
    with pytest.raises(services.RegistrationError, match="closed"):
        services.register_for_cohort(person, cohort.pk, Enrollment.PaymentMethod.ONLINE)

    enrollment = services.enroll_by_office(person, cohort)
    assert enrollment.status == Enrollment.Status.REGISTERED and enrollment.is_paid
    assert mail.outbox == []  # the office tells people itself


def test_seats_still_count_and_a_second_call_changes_nothing():
    cohort = CohortFactory(capacity=1)
    first, second = participant(), participant()
    placed = services.enroll_by_office(first, cohort)
    assert services.enroll_by_office(second, cohort).status == Enrollment.Status.WAITLISTED
    assert services.enroll_by_office(first, cohort, paid=False) == placed
    assert Enrollment.objects.filter(cohort=cohort).count() == 2
    assert Enrollment.objects.get(pk=placed.pk).is_paid


def test_a_purchase_order_place_needs_its_number():
    cohort = CohortFactory(fee=Decimal("450.00"))
    with pytest.raises(services.RegistrationError, match="PO number"):
        services.enroll_by_office(participant(), cohort, payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER)
    placed = services.enroll_by_office(
        participant(), cohort, payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER, purchase_order_number=" PO-7 "
    )
    assert placed.purchase_order_number == "PO-7"
