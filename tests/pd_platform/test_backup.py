"""Backups: a seeded platform exported and restored keeps every record and file."""

import io

import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from certificates.signing import check_signature
from cohorts.community.models import Post, PostAttachment
from cohorts.coursework.models import Attachment, Review, Revision, Submission
from cohorts.hours.models import HoursEntry

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    return {
        "submissions": sorted(
            Submission.objects.values_list("enrollment__user__email", "activity__key", "follow_up__title", "status"),
            key=str,
        ),
        "revisions": sorted(Revision.objects.values_list("submission__activity__key", "number", "source"), key=str),
        "community": sorted(Post.objects.values_list("thread__title", "author__email", "body", "hidden_at"), key=str),
        "community files": sorted(PostAttachment.objects.values_list("name", "size")),
        "reviews": sorted(Review.objects.values_list("revision__number", "rating", "feedback")),
        "certificates": sorted(Certificate.objects.values_list("code", "sha256", "full_name")),
        "ledger": sorted(HoursEntry.objects.values_list("enrollment__user__email", "reference", "hours")),
    }


def test_export_then_import_into_an_empty_installation_finds_everything(tmp_path):
    call_command("load_content", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    from django.core.files.uploadedfile import SimpleUploadedFile

    revision = Revision.objects.first()
    attachment = Attachment(revision=revision, name="plan.pdf", content_type="application/pdf", size=9)
    attachment.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n"), save=False)
    attachment.save()
    before = snapshot()
    assert before["certificates"] and before["ledger"] and before["reviews"] and before["community"]
    pdf_before = Certificate.objects.first().pdf.open("rb").read()

    archive = tmp_path / "backup.zip"
    out = io.StringIO()
    call_command("export_platform_data", str(archive), stdout=out)
    assert "objects" in out.getvalue()

    # An empty installation: no rows, no files.
    call_command("flush", "--noinput", verbosity=0)

    with pytest.raises(CommandError, match="--yes"):
        call_command("import_platform_data", str(archive))
    call_command("import_platform_data", str(archive), "--yes", stdout=io.StringIO())

    assert snapshot() == before
    restored = Certificate.objects.first()
    assert restored.pdf.open("rb").read() == pdf_before
    assert check_signature(pdf_before).ok
    assert Attachment.objects.get(name="plan.pdf").file.open("rb").read() == b"%PDF-1.4\n"
    # The restored platform keeps working: new rows get new ids.
    from pd_platform.accounts.models import User

    User.objects.create_user(email="after-restore@example.org", password="x" * 12, full_name="After Restore")
    Submission.objects.create(
        enrollment=Submission.objects.first().enrollment,
        activity=__import__("modules.models", fromlist=["Activity"]).Activity.objects.get(
            key="lbg-m04-aligning-assignments"
        ),
    )
