"""Cancelling a paid place and giving its money back: asked first, said plainly, e-mailed once, kept on record."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cohorts.registration import services
from cohorts.registration.approvals import services as approval_services
from cohorts.registration.models import ApprovalRule, Enrollment, Payment
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def paid_place(provider="test", fee="450.00", **fields):
    cohort = CohortFactory(fee=Decimal(fee))
    enrollment = EnrollmentFactory(cohort=cohort, **fields)
    payment = Payment.objects.create(
        enrollment=enrollment,
        provider=provider,
        reference=f"ref-{enrollment.pk}",
        amount=cohort.fee,
        status=Payment.Status.PAID,
        paid_at=enrollment.paid_at,
        payment_intent=f"pi_{enrollment.pk}" if provider == "stripe" else "",
    )
    return enrollment, payment


def mail_to(mailoutbox, person, words):
    return [m for m in mailoutbox if m.to == [person.email] and words in m.subject]


def test_the_office_reads_what_happens_to_the_money_before_a_paid_place_is_cancelled(
    client, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment, payment = paid_place(provider="stripe")
    waiting = EnrollmentFactory(cohort=enrollment.cohort, status="waitlisted", paid_at=None)
    client.force_login(program_admin)
    listing = client.get("/admin/snippets/cohorts/enrollment/").content.decode()
    assert f"/admin/enrollments/{enrollment.pk}/cancel/" in listing

    page = client.get(f"/admin/enrollments/{enrollment.pk}/cancel/").content.decode()
    assert "$450.00 was paid online on" in page
    assert "goes back through Stripe to the card that paid" in page
    assert Enrollment.objects.get(pk=enrollment.pk).status == "registered"  # reading cancels nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/enrollments/{enrollment.pk}/cancel/")
    assert response["Location"] == "/admin/refunds/"
    assert Enrollment.objects.get(pk=enrollment.pk).status == "cancelled"
    (notice,) = mail_to(mailoutbox, enrollment.user, "is cancelled")
    assert "The program office cancelled your place" in notice.body
    assert "The $450.00 you paid online is owed back to you" in notice.body
    assert not mail_to(mailoutbox, waiting.user, "is cancelled")  # promoted, told so, not told of a cancellation
    assert mail_to(mailoutbox, waiting.user, "A place opened")
    # Asking again cancels nothing more and e-mails nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/enrollments/{enrollment.pk}/cancel/")
    assert len(mail_to(mailoutbox, enrollment.user, "is cancelled")) == 1
    assert "Refund $450.00" in client.get("/admin/refunds/").content.decode()


def test_a_refund_says_refunded_everywhere_and_is_e_mailed_once_with_who_gave_it(
    client, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment, payment = paid_place(provider="test")
    services.cancel_enrollment(enrollment, tell="office")
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/refunds/{payment.pk}/")
        client.post(f"/admin/refunds/{payment.pk}/")  # a second click refunds nothing more
    payment.refresh_from_db()
    assert payment.status == "refunded" and payment.refunded_by == program_admin
    (notice,) = mail_to(mailoutbox, enrollment.user, "Refunded")
    assert "$450.00" in notice.subject and "TEST PAYMENT" in notice.body

    page = client.get("/admin/refunds/").content.decode()
    assert "No refund is owed." in page
    given = page.split("<h2>Given</h2>")[1]
    assert enrollment.user.email in given and "$450.00" in given and program_admin.full_name in given
    assert "Refunded" in client.get("/admin/snippets/cohorts/enrollment/").content.decode()

    client.force_login(enrollment.user)
    mine = client.get("/cohorts/my-courses/").content.decode()
    assert "refunded" in mine and ", paid" not in mine


def test_a_purchase_order_refund_is_recorded_as_sent_by_the_office(
    client, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment, payment = paid_place(
        provider="purchase_order", payment_method="purchase_order", purchase_order_number="PO-77"
    )
    client.force_login(program_admin)
    page = client.get(f"/admin/enrollments/{enrollment.pk}/cancel/").content.decode()
    assert "paid by purchase order" in page
    client.post(f"/admin/enrollments/{enrollment.pk}/cancel/")
    assert "Record $450.00 sent back" in client.get("/admin/refunds/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/refunds/{payment.pk}/")
    (notice,) = mail_to(mailoutbox, enrollment.user, "Refunded")
    assert "by the program office to whoever paid the invoice" in notice.body


def test_a_person_cancelling_reads_what_follows_and_is_e_mailed_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment, _ = paid_place(provider="stripe")
    client.force_login(enrollment.user)
    page = client.get(f"/cohorts/enrollments/{enrollment.pk}/cancel/").content.decode()
    assert "The $450.00 you paid online is owed back to you" in page
    assert f'href="/cohorts/enrollments/{enrollment.pk}/cancel/"' in client.get("/cohorts/my-courses/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cohorts/enrollments/{enrollment.pk}/cancel/")
        client.post(f"/cohorts/enrollments/{enrollment.pk}/cancel/")
    (notice,) = mail_to(mailoutbox, enrollment.user, "is cancelled")
    assert "As you asked" in notice.body
    assert "a refund is owed to you" in client.get("/cohorts/my-courses/").content.decode()


def test_an_unpaid_place_and_a_declined_approval_tell_nothing_untrue(mailoutbox, django_capture_on_commit_callbacks):
    unpaid = EnrollmentFactory(payment_method="purchase_order", purchase_order_number="PO-9", paid_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrollment(unpaid, tell="person")
    (notice,) = mail_to(mailoutbox, unpaid.user, "is cancelled")
    assert "Nothing has been paid, and the invoice for PO PO-9 no longer needs paying." in notice.body
    assert "refund" not in notice.body.lower()

    # A place ended by the district's decline is told by the decision's own e-mail, not a cancellation.
    teacher = factories.participant(email="t@riverside.k12.ca.us")
    rule = ApprovalRule.objects.create(
        district=factories.district(domains=["riverside.k12.ca.us"]),
        approved_by="coordinator",
        coordinator_email="pd@riverside.k12.ca.us",
    )
    factories.place_in_district(teacher, rule.district)
    cohort = CohortFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.register_for_cohort(teacher, cohort.pk, "online")
        approval_services.decide(enrollment.approval.pk, approve=False, reason="Budget", now=timezone.now())
    assert Enrollment.objects.get(pk=enrollment.pk).status == "cancelled"
    assert not mail_to(mailoutbox, teacher, "is cancelled")


def test_only_the_office_cancels_a_place_from_the_admin(client):
    enrollment, _ = paid_place()
    for person in (factories.participant(), factories.facilitator(), enrollment.user):
        client.force_login(person)
        for answer in (
            client.get(f"/admin/enrollments/{enrollment.pk}/cancel/"),
            client.post(f"/admin/enrollments/{enrollment.pk}/cancel/"),
        ):
            assert answer.status_code in (302, 403)
            assert answer.status_code == 403 or not answer["Location"].startswith("/admin/refunds")
    assert Enrollment.objects.get(pk=enrollment.pk).status == "registered"


@pytest.mark.parametrize("each", [1, 4])
def test_the_refunds_page_reads_a_fixed_number_of_queries(client, program_admin, django_assert_num_queries, each):
    for _ in range(each):
        owed, _ = paid_place(provider="stripe")
        services.cancel_enrollment(owed)
        given, payment = paid_place(
            provider="purchase_order", payment_method="purchase_order", purchase_order_number="PO-1"
        )
        services.cancel_enrollment(given)
        services.refund_cancelled_payment(payment, by=program_admin)
    client.force_login(program_admin)
    client.get("/admin/refunds/")  # the admin's session and menus settle
    with django_assert_num_queries(QUERIES_REFUNDS_PAGE):
        html = client.get("/admin/refunds/").content.decode()
    assert html.count("Record $") + html.count("Refund $450.00") == each
    assert html.count("the program office to whoever paid the invoice") == each


QUERIES_REFUNDS_PAGE = 11


def test_the_list_tells_a_place_paid_here_from_one_the_office_marked_paid(client, program_admin):
    """A place the office placed as paid has no payment here to refund: the list says so, as its cancel page does,
    rather than "Paid" beside "Online payment"."""
    paid_here, _ = paid_place()
    marked = EnrollmentFactory(cohort=CohortFactory(fee=Decimal("450.00")))
    client.force_login(program_admin)
    listing = client.get("/admin/snippets/cohorts/enrollment/").content.decode()
    assert listing.count("Marked paid by the office") == 1
    assert listing.count("; no payment recorded here") == 1
    assert "Paid " in listing
    cancel = client.get(f"/admin/enrollments/{marked.pk}/cancel/").content.decode()
    assert "no payment of it is recorded here" in cancel
    assert paid_here.paid_at and marked.paid_at
