"""Personal data on request (pd_platform.personal_data), for a certified participant who holds some of
everything: the export is theirs whole and nobody else's; the erasure keeps the certificate and hours
under a closed, nameless account, deletes the rest with its files, and is audited."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from cohorts.coursework.models import Attachment, Revision, Submission
from cohorts.hours.models import HoursEntry
from cohorts.toolkit.models import TargetSet
from pd_platform.models import PersonalDataEvent
from tests import export_jobs
from tests.factories import PASSWORD, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(certificate):
    """The certificate's holder, with a file attached to a revision, a confirmed address and a target set."""
    user = certificate.enrollment.user
    revision = Revision.objects.filter(submission__enrollment__user=user).first()
    Attachment.objects.create(
        revision=revision,
        file=ContentFile(b"%PDF-1.4 my unit plan", name="unit-plan.pdf"),
        name="unit-plan.pdf",
        content_type="application/pdf",
        size=21,
    )
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True})
    TargetSet.objects.create(owner=user, course_name="Algebra I", grade_band="9-12")
    return user


@pytest.fixture
def someone_else(certificate):
    return EnrollmentFactory(cohort=certificate.enrollment.cohort).user


def unzip(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, {name: archive.read(name) for name in archive.namelist()}


def test_a_person_downloads_everything_held_about_them_and_nothing_of_anyone_else(
    client, holder, someone_else, certificate
):
    client.force_login(holder)
    assert "Download my data (ZIP)" in client.get("/accounts/profile/").content.decode()
    assert client.get("/accounts/personal-data.zip").status_code == 405  # a POST, with its CSRF token
    response = export_jobs.download(client, client.post("/accounts/personal-data.zip"))
    assert response["Content-Type"] == "application/zip" and "attachment" in response["Content-Disposition"]
    _, files = unzip(b"".join(response.streaming_content))

    profile = json.loads(files["account/profile.json"])
    assert [p["email"] for p in profile] == [holder.email] and "password" not in profile[0]
    assert [c["code"] for c in json.loads(files["certificates/certificates.json"])] == [certificate.code]
    assert json.loads(files["hours/hours.json"]) and json.loads(files["coursework/feedback_received.json"])
    assert {e["user_id"] for e in json.loads(files["registration/enrollments.json"])} == {holder.pk}
    assert any(
        name.startswith("coursework/files/") and data == b"%PDF-1.4 my unit plan" for name, data in files.items()
    )
    assert any(name.startswith("certificates/files/") and data.startswith(b"%PDF") for name, data in files.items())
    assert b"Algebra I" in files["toolkit/learning_target_sets.json"]
    everything = b"".join(files.values())
    assert someone_else.email.encode() not in everything
    assert PersonalDataEvent.objects.get().by == holder


def test_an_erasure_keeps_the_certificate_and_hours_nameless_and_deletes_the_rest(
    client, holder, someone_else, certificate, program_admin, django_capture_on_commit_callbacks
):
    email, hours = holder.email, HoursEntry.objects.filter(enrollment__user=holder).count()
    upload = Path(Attachment.objects.get(revision__submission__enrollment__user=holder).file.path)
    theirs = Revision.objects.filter(submission__enrollment__user=someone_else).count()
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/personal-data/",
            {
                "action": "erase",
                "erase-email": email,
                "erase-reason": "Asked by e-mail on November 28",
                "erase-confirm": email.upper(),
            },
        )
    assert response.status_code == 302

    holder.refresh_from_db()
    assert holder.email != email and holder.full_name == f"Erased person {holder.pk}" and not holder.is_active
    assert not client.login(email=email, password=PASSWORD)
    assert not EmailAddress.objects.filter(user=holder).exists() and not TargetSet.objects.filter(owner=holder)
    assert not upload.exists() and not Attachment.objects.filter(revision__submission__enrollment__user=holder)
    assert set(Revision.objects.filter(submission__enrollment__user=holder).values_list("body", flat=True)) == {""}
    assert Submission.objects.filter(enrollment__user=holder, status="complete").count() == 13  # the evidence
    assert HoursEntry.objects.filter(enrollment__user=holder).count() == hours > 0
    verify = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Valid certificate" in verify
    assert Revision.objects.filter(submission__enrollment__user=someone_else).count() == theirs

    event = PersonalDataEvent.objects.get(action="erasure")
    assert event.by == program_admin and event.reason == "Asked by e-mail on November 28"
    assert event.summary["coursework: attachments deleted"] == 1
    desk = client.get("/admin/personal-data/").content.decode()
    assert "Asked by e-mail on November 28" in desk and program_admin.email in desk and email not in desk


def test_only_an_admin_erases_and_only_when_the_address_is_typed_twice(
    client, holder, facilitator, participant, program_admin
):
    for person in (facilitator, participant):
        client.force_login(person)
        assert client.get("/admin/personal-data/").status_code in (302, 403)
        client.post(
            "/admin/personal-data/",
            {"action": "erase", "erase-email": holder.email, "erase-reason": "x", "erase-confirm": holder.email},
        )
    client.force_login(program_admin)
    page = client.post(
        "/admin/personal-data/",
        {"action": "erase", "erase-email": holder.email, "erase-reason": "x", "erase-confirm": "typo@example.org"},
    ).content.decode()
    assert "The two addresses differ" in page
    page = client.post(
        "/admin/personal-data/",
        {
            "action": "erase",
            "erase-email": program_admin.email,
            "erase-reason": "x",
            "erase-confirm": program_admin.email,
        },
    ).content.decode()
    assert "Another admin erases your own account" in page
    holder.refresh_from_db()
    assert holder.is_active and not PersonalDataEvent.objects.exists()


def test_the_commands_export_and_erase(tmp_path, holder):
    output = tmp_path / "person.zip"
    call_command("export_person", holder.email.upper(), "--output", str(output))
    _, files = unzip(output.read_bytes())
    assert "README.txt" in files and "account/profile.json" in files
    with pytest.raises(CommandError, match="No account signs in with nobody@example.org"):
        call_command("export_person", "nobody@example.org", "--output", str(output))
    with pytest.raises(CommandError, match="Say on whose request"):
        call_command("erase_person", holder.email, "--reason", "  ")
    call_command("erase_person", holder.email, "--reason", "District data-privacy agreement, article 7")
    holder.refresh_from_db()
    assert not holder.is_active
    assert PersonalDataEvent.objects.filter(action="erasure", by=None).exists()
