"""The completion engine: 85% of required submissions complete earns one signed certificate."""

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from certificates import services, signing
from certificates.models import Certificate
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from tests import factories
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_below_the_threshold_no_certificate(cohort, make_progress):
    enrollment = make_progress(11, cohort)  # 11 of 13 = 84.6%
    assert services.award_certificate_if_complete(enrollment.pk) is None
    assert not Certificate.objects.exists()


def test_at_the_threshold_one_signed_certificate_with_everything_printed(
    cohort, make_progress, participant, mailoutbox, django_capture_on_commit_callbacks
):
    participant.full_name = "Dr. Ana María Núñez-O'Brien"
    participant.save()
    enrollment = make_progress(12, cohort, user=participant)  # 12 of 13 = 92% >= 85%
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.award_certificate_if_complete(enrollment.pk)
    certificate.refresh_from_db()
    assert certificate.is_ready and certificate.hours == 30
    data = certificate.pdf.open("rb").read()
    text = pdf_text(data)
    for expected in [
        "Certificate of Completion",
        "Dr. Ana María Núñez-O'Brien",
        "Learning-Based Grading",
        "Cohort 03",
        "30 hours",
        certificate.code,
        f"/certificates/verify/{certificate.code}/",
        "Chief Academic Officer",
    ]:
        assert expected in text, expected
    check = signing.check_signature(data)
    assert check.ok, check
    email = mailoutbox[-1]
    assert email.to == [participant.email] and email.attachments[0][2] == "application/pdf"
    assert certificate.code in email.body


def test_the_pdf_is_one_landscape_letter_page_with_fonts_embedded(
    cohort, make_progress, django_capture_on_commit_callbacks
):
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils missing; .ci/run installs it")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.award_certificate_if_complete(make_progress(13, cohort).pk)
    certificate.refresh_from_db()
    path = certificate.pdf.path
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert "792 x 612 pts (letter)" in info
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts


def test_an_outside_verifier_finds_the_signature_intact_and_a_changed_pdf_fails(
    cohort, make_progress, tmp_path, django_capture_on_commit_callbacks
):
    pyhanko = shutil.which("pyhanko") or str(
        __import__("pathlib").Path(__import__("sys").executable).parent / "pyhanko"
    )
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.award_certificate_if_complete(make_progress(12, cohort).pk)
    certificate.refresh_from_db()
    trust = signing.development_key_paths()[1]
    good = tmp_path / "good.pdf"
    good.write_bytes(certificate.pdf.open("rb").read())
    result = subprocess.run(
        [pyhanko, "sign", "validate", "--trust", str(trust), "--trust-replace", str(good)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "INTACT:TRUSTED,UNTOUCHED" in result.stdout

    tampered_bytes = bytearray(good.read_bytes())
    index = tampered_bytes.find(b"/Producer")
    tampered_bytes[index + 12] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(tampered_bytes))
    result = subprocess.run(
        [pyhanko, "sign", "validate", "--trust", str(trust), "--trust-replace", str(tampered)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 or "INTACT" not in result.stdout
    assert not signing.check_signature(bytes(tampered_bytes)).ok


def test_a_review_that_crosses_the_threshold_awards_through_the_engine(
    cohort, make_progress, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment = make_progress(11, cohort, submitted=1)
    submission = Submission.objects.get(enrollment=enrollment, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        coursework.review_submission(submission, reviewer, "complete", "Done.")
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert any("Your certificate" in m.subject for m in mailoutbox)


def test_a_complete_rated_back_to_needs_revision_drops_below_the_threshold(cohort, make_progress, reviewer):
    enrollment = make_progress(11, cohort, submitted=1)
    submission = Submission.objects.get(enrollment=enrollment, activity__key="lbg-m00-introductions")
    coursework.review_submission(submission, reviewer, "needs_revision", "Please add your course.")
    last = Submission.objects.get(enrollment=enrollment, status="submitted")
    coursework.review_submission(last, reviewer, "complete", "Good.")
    # 11 complete again (one dropped back, one added): still 84.6%, no certificate.
    assert services.award_certificate_if_complete(enrollment.pk) is None


def test_awarding_again_and_again_issues_one_certificate(
    cohort, make_progress, django_capture_on_commit_callbacks, mailoutbox
):
    enrollment = make_progress(13, cohort)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.award_certificate_if_complete(enrollment.pk)
        again = [services.award_certificate_if_complete(enrollment.pk) for _ in range(3)]
    assert all(c.pk == first.pk for c in again)
    services.produce_certificate(first.pk)
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert sum("Your certificate" in m.subject for m in mailoutbox) == 1


def test_database_refuses_a_second_live_certificate(cohort, make_progress):
    from django.db import IntegrityError, transaction

    enrollment = make_progress(13, cohort)
    first = services.award_certificate_if_complete(enrollment.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrollment=enrollment,
            full_name="x",
            course_title="x",
            cohort_name="x",
            hours=1,
            issued_at=first.issued_at,
            signatory_name="x",
            signatory_title="x",
        )


def test_award_certificates_command_over_a_cohort(cohort, make_progress):
    import io

    make_progress(13, cohort)
    make_progress(12, cohort)
    make_progress(5, cohort)
    out = io.StringIO()
    call_command("award_certificates", "--cohort", str(cohort.pk), stdout=out)
    assert "3 enrollments checked; 2 hold a certificate." in out.getvalue()
    assert Certificate.objects.count() == 2


def test_awarding_a_cohort_returns_the_certificates_it_holds(cohort, make_progress):
    done = make_progress(13, cohort)
    make_progress(5, cohort)
    other = make_progress(13, factories.CohortFactory(facilitators=list(cohort.facilitators.all())))
    (certificate,) = services.award_cohort(cohort)
    assert certificate.enrollment == done
    assert not Certificate.objects.filter(enrollment=other).exists()  # another cohort's is not awarded
    assert services.award_cohort(cohort) == [certificate]  # again: the same one, no second
