import io

import pytest
from django.core.management import call_command

from content.demo.accounts import DEMO_ACCOUNTS
from pd_platform.accounts import roles
from pd_platform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_prints_working_logins_for_each_role_and_is_idempotent(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert User.objects.filter(email__in=[a["email"] for a in DEMO_ACCOUNTS]).count() == len(DEMO_ACCOUNTS) == 4
    for account in DEMO_ACCOUNTS:
        assert f"{account['email']}" in printed and account["password"] in printed
        response = client.post("/accounts/login/", {"login": account["email"], "password": account["password"]})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        user = User.objects.get(email=account["email"])
        assert account["role"] in roles.role_names(user)
        client.logout()


def test_seed_demo_never_resets_a_changed_password():
    call_command("seed_demo", stdout=io.StringIO())
    user = User.objects.get(email="participant@example.org")
    user.set_password("my-own-password-now")
    user.save()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    user.refresh_from_db()
    assert user.check_password("my-own-password-now")
    assert "(changed since seeding)" in out.getvalue()


def test_seed_demo_gives_a_started_a_purchase_order_closed_and_an_open_cohort(client):
    from django.utils import timezone

    from cohorts.registration.models import Cohort, Enrollment
    from cohorts.registration.selectors import listing_for
    from modules.models import ModulePage

    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    cohorts = {c.name: listing_for(c) for c in Cohort.objects.filter(program__slug="learning-based-grading")}
    assert set(cohorts) == {"Cohort 02", "Cohort 03", "Cohort 04", "Cohort 05"}  # 02: finished, the impact report's
    assert not cohorts["Cohort 03"].registration_open(now)
    assert cohorts["Cohort 04"].registration_open(now) and not cohorts["Cohort 04"].purchase_order_open(now)
    assert cohorts["Cohort 05"].purchase_order_open(now)

    participant = User.objects.get(email="participant@example.org")
    assert (
        Enrollment.objects.get(user=participant, cohort__program__slug="learning-based-grading").cohort.name
        == "Cohort 03"
    )
    client.force_login(participant)
    html = client.get(ModulePage.objects.get(slug="welcome").url).content.decode()
    assert "Participant activities" in html


def test_seed_demo_gives_work_in_every_state_and_a_queue_to_work(client):
    from cohorts.coursework.models import Submission

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    mine = Submission.objects.filter(enrollment__user__email="participant@example.org")
    assert set(mine.values_list("status", flat=True)) == {"complete", "submitted", "needs_revision"}
    facilitator = User.objects.get(email="facilitator@example.org")
    client.force_login(facilitator)
    html = client.get("/cohorts/review/").content.decode()
    assert html.count("/cohorts/review/") >= 4


def test_seed_demo_includes_a_graduate_holding_a_valid_certificate(client, django_capture_on_commit_callbacks):
    from certificates.models import Certificate
    from certificates.signing import check_signature

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    certificate = Certificate.objects.get(enrollment__user__email="graduate@example.org")
    assert certificate.status == "valid" and certificate.is_ready
    assert check_signature(certificate.pdf.open("rb").read()).ok
    assert "graduate@example.org" in out.getvalue() and certificate.code in out.getvalue()
    assert "Valid certificate" in client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    # The demo's certificate carries its credential: archival, attached, verifiable from outside.
    import jwt
    import pikepdf

    with pikepdf.open(certificate.pdf.path) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"
        (attached,) = pdf.attachments.values()
        assert attached.get_file().read_bytes().decode() == certificate.credential
    keys = jwt.PyJWKSet.from_dict(client.get("/.well-known/jwks.json").json())
    claims = jwt.decode(certificate.credential, keys.keys[0].key, algorithms=["ES256"])
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.course_title
    assert client.get(f"/api/certificates/{certificate.code}").json()["status"] == "valid"


def test_seed_demo_adds_a_workshop_cohort_with_attendance_and_a_site_cohort(client):
    from certificates.models import SiteCohortRequest
    from cohorts.hours.models import HoursEntry
    from cohorts.registration.models import Cohort
    from cohorts.workshops.models import Attendance

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    series = Cohort.objects.get(name="Riverside Fall Series")
    assert series.sessions.count() == 6
    assert Attendance.objects.filter(session__cohort=series).exists()
    assert HoursEntry.objects.filter(enrollment__cohort=series, source="workshop").exists()
    site = SiteCohortRequest.objects.get(trainer__email="graduate@example.org")
    assert site.status == "approved" and site.cohort.sessions.count() == 6
    assert Cohort.objects.filter(name="Riverside Fall Series").count() == 1


def test_the_demo_people_are_in_their_district_by_what_they_cannot_type():
    from cohorts.registration.models import DistrictMembership

    call_command("seed_demo", stdout=io.StringIO())
    participant = DistrictMembership.objects.get(user__email="participant@example.org")
    assert (participant.district.name, participant.source) == ("Riverside Unified", "office")
    teacher = DistrictMembership.objects.get(user__email="teacher0@riverside.example.org")
    assert (teacher.district.name, teacher.source, teacher.evidence) == (
        "Riverside Unified",
        "address",
        "riverside.example.org",
    )
