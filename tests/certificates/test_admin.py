import io
import zipfile

import pytest

from certificates.models import Certificate
from tests import export_jobs, factories

pytestmark = pytest.mark.django_db


def test_admin_lists_searches_revokes_reissues_and_issues_by_hand(
    client, program_admin, cohort, make_progress, django_capture_on_commit_callbacks
):
    done = make_progress(13, cohort)
    pending = make_progress(3, cohort)
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/certificates/cohort/{cohort.pk}/award/")
    certificate = Certificate.objects.get(enrollment=done)
    html = client.get(f"/admin/certificates/?q={done.user.email}").content.decode()
    assert certificate.code in html

    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": ""})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/certificates/{certificate.pk}/reissue/", {"reason": "Name corrected"})
    certificate.refresh_from_db()
    assert certificate.status == "superseded" and certificate.superseded_by.status == "valid"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/certificates/issue/",
            {"cohort": cohort.pk, "email": pending.user.email, "reason": "Completed offline after a family emergency"},
        )
    manual = Certificate.objects.get(enrollment=pending)
    assert manual.issued_by == program_admin and "family emergency" in manual.issue_reason

    response = client.get(f"/admin/certificates/cohort/{cohort.pk}/zip/")
    names = zipfile.ZipFile(io.BytesIO(export_jobs.content(client, response))).namelist()
    assert len(names) == 2 and all(n.endswith(".pdf") for n in names)


def test_participants_and_facilitators_are_refused_the_certificate_desk(client, cohort, make_progress):
    enrollment = make_progress(13, cohort)
    for person in (factories.participant(), factories.facilitator()):
        client.force_login(person)
        assert client.get("/admin/certificates/").status_code in (302, 403)
        client.post("/admin/certificates/issue/", {"cohort": cohort.pk, "email": enrollment.user.email, "reason": "x"})
    assert not Certificate.objects.exists()
