"""'My courses': each enrollment with its status, dates and what to do next; only one's own."""

import re
from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress

from cohorts.registration.models import Enrollment
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory
from tests.pdf import is_tagged
from tests.pdfua import assert_pdf_ua

pytestmark = pytest.mark.django_db


def test_my_courses_says_what_to_do_next_for_each_enrollment(client, participant):
    EnrollmentFactory(user=participant, cohort=CohortFactory(name="Paid soon"), paid_at=None)
    EnrollmentFactory(user=participant, cohort=CohortFactory(name="Waiting"), status="waitlisted", paid_at=None)
    EnrollmentFactory(
        user=participant, cohort=CohortFactory(name="Open now", start_date=date.today() + timedelta(days=1))
    )
    EnrollmentFactory(user=participant, cohort=CohortFactory(name="Later", start_date=date(2030, 3, 4)))
    client.force_login(participant)
    html = client.get("/cohorts/my-courses/").content.decode()
    assert "Pay online to complete your registration." in html and "Pay $450.00 online" in html
    assert "You are on the waitlist" in html
    open_now = participant.enrollments.get(cohort__name="Open now")
    # Open: the first thing not done, the words the home says.
    assert (
        f'<a href="/cohorts/enrollments/{open_now.pk}/activities/lbg-m00-introductions/">Introductions</a> in Welcome'
        in html
    )
    assert "Course access opens Thursday, February 28, 2030, 12:00 AM PST (midnight at the end of Wednesday)." in html


def test_a_workshop_series_is_not_sent_to_a_welcome_module_it_does_not_have(client, participant, series_cohort):
    series_cohort.start_date = date.today() + timedelta(days=1)
    series_cohort.save()
    EnrollmentFactory(user=participant, cohort=series_cohort)
    client.force_login(participant)
    html = client.get("/cohorts/my-courses/").content.decode()
    assert "Welcome" not in html
    # No session is scheduled yet, so the first thing to do is the first online learning.
    assert re.search(r"<strong>Next:</strong> <a href=\"[^\"]+\">[^<]*reflection</a> in Online", html), html


def test_my_courses_shows_only_ones_own(client, participant):
    EnrollmentFactory(user=factories.participant(), cohort=CohortFactory(name="Someone else's cohort"))
    client.force_login(participant)
    html = client.get("/cohorts/my-courses/").content.decode()
    assert "Someone else" not in html
    assert "You are not registered for any cohort yet." in html


QUERIES_MY_COURSES = 8  # +1: the rows' certificates (a graduate's next step, pd_platform.homes.next_steps)


def test_my_courses_query_count_is_fixed(client, participant, series_cohort, django_assert_num_queries):
    EnrollmentFactory(user=participant, cohort=series_cohort)
    client.force_login(participant)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    for total in (3, 12):
        while participant.enrollments.count() < total:
            EnrollmentFactory(user=participant, cohort=CohortFactory())
        with django_assert_num_queries(QUERIES_MY_COURSES):
            response = client.get("/cohorts/my-courses/")
        assert response.content.decode().count('class="panel enrollment"') == total


QUERIES_REGISTRATION_PAGE = 9  # with the confirmed addresses (a school site cohort) and the district approval rule


def test_cohort_list_on_the_registration_page_has_a_fixed_query_count(client, participant, django_assert_num_queries):
    url = f"/cohorts/register/{CohortFactory().program_id}/"
    client.force_login(participant)
    client.get(url)  # the session's first request also refreshes the session and fills caches
    EmailAddress.objects.create(user=participant, email="pat@lincoln.k12.ca.us", verified=True)
    for more, total in ((2, 4), (10, 15)):
        for _ in range(more):
            EnrollmentFactory(cohort=CohortFactory())
        CohortFactory(private=True, email_domain="lincoln.k12.ca.us")  # offered: the person's school
        CohortFactory(private=True)  # not offered: no invitation
        with django_assert_num_queries(QUERIES_REGISTRATION_PAGE):
            response = client.get(url)
        assert len(re.findall(r'<option value="\d+"', response.content.decode())) == total


def test_a_participant_cancels_their_own_place_but_not_anothers(client, participant):
    mine = EnrollmentFactory(user=participant)
    theirs = EnrollmentFactory()
    client.force_login(participant)
    assert client.post(f"/cohorts/enrollments/{theirs.pk}/cancel/").status_code == 404
    assert client.get(f"/cohorts/enrollments/{theirs.pk}/cancel/").status_code == 404
    assert Enrollment.objects.get(pk=theirs.pk).status == "registered"
    # Asking shows what follows and cancels nothing; the button on that page does.
    assert "Cancel my place" in client.get(f"/cohorts/enrollments/{mine.pk}/cancel/").content.decode()
    assert Enrollment.objects.get(pk=mine.pk).status == "registered"
    assert client.post(f"/cohorts/enrollments/{mine.pk}/cancel/").status_code == 302
    assert Enrollment.objects.get(pk=mine.pk).status == "cancelled"


def test_invoice_pdf_only_for_its_owner(client, participant):
    mine = EnrollmentFactory(
        user=participant, payment_method="purchase_order", purchase_order_number="PO-9", paid_at=None
    )
    client.force_login(participant)
    response = client.get(f"/cohorts/enrollments/{mine.pk}/invoice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert is_tagged(response.content), "a screen reader follows the invoice"
    assert_pdf_ua(response.content)
    client.force_login(participant_factory())
    assert client.get(f"/cohorts/enrollments/{mine.pk}/invoice.pdf").status_code == 404
    client.logout()
    assert client.get(f"/cohorts/enrollments/{mine.pk}/invoice.pdf").status_code == 302


def participant_factory():
    return factories.participant()


def test_pay_later_from_my_courses(client, participant):
    enrollment = EnrollmentFactory(user=participant, paid_at=None)
    client.force_login(participant)
    response = client.post(f"/cohorts/enrollments/{enrollment.pk}/pay/")
    assert response.status_code == 302 and "/cohorts/checkout/test/" in response["Location"]
    paid = EnrollmentFactory(user=participant)
    response = client.post(f"/cohorts/enrollments/{paid.pk}/pay/", follow=True)
    assert "paid already" in response.content.decode()


def test_whoever_is_made_a_facilitator_holds_the_role(client):
    """Facilitating is decided by the role first: adding someone to a cohort's facilitators,
    from either side, gives them the role, so they see their cohorts' review queue."""
    from cohorts.registration.selectors import reviewable_cohorts
    from pd_platform.accounts import roles

    person = factories.participant()
    cohort = CohortFactory()
    assert not reviewable_cohorts(person).exists()
    cohort.facilitators.add(person)
    person = type(person).objects.get(pk=person.pk)
    assert roles.is_facilitator(person) and list(reviewable_cohorts(person)) == [cohort]
    client.force_login(person)
    assert client.get("/cohorts/review/").status_code == 200
    other = factories.participant()
    other.facilitated_cohorts.add(CohortFactory())
    assert roles.FACILITATOR in roles.role_names(type(other).objects.get(pk=other.pk))


def test_a_facilitated_cohort_is_found_for_its_facilitators_and_admins_only(facilitator, participant):
    from cohorts.registration.selectors import facilitated_cohort

    theirs, other = CohortFactory(facilitators=[facilitator]), CohortFactory()
    EnrollmentFactory(user=participant, cohort=theirs)
    assert facilitated_cohort(facilitator, theirs.pk) == theirs
    assert facilitated_cohort(facilitator, other.pk) is None  # another facilitator's cohort
    assert facilitated_cohort(participant, theirs.pk) is None  # enrolled in it, not facilitating
    assert facilitated_cohort(factories.program_admin(), other.pk) == other
    assert facilitated_cohort(facilitator, 10**9) is None


def test_my_courses_tells_a_facilitator_without_enrollments_where_their_cohorts_are(client, facilitator, participant):
    CohortFactory(name="Led by them").facilitators.add(facilitator)
    client.force_login(facilitator)
    html = client.get("/cohorts/my-courses/").content.decode()
    assert "The cohorts you facilitate are on your" in html and 'href="/dashboard/"' in html
    assert "register for one of its cohorts" not in html
    client.force_login(participant)
    assert "register for one of its cohorts" in client.get("/cohorts/my-courses/").content.decode()
