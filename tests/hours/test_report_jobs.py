"""A long training-hour report is built in the background: the office sees its progress, may leave, is told once
(page and e-mail) when the file is ready, and only they may download it, for EXPORT_KEEP_DAYS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.hours import views
from pd_platform import exports
from pd_platform.models import ExportJob, QueuedTask
from tests import factories
from tests.pdf import pdf_text
from tests.pdfua import assert_pdf_ua

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_reports(monkeypatch):
    """The ledger's two people count as a long report: more rows than a request builds."""
    monkeypatch.setattr(views, "INLINE_ROWS", {"xlsx": 1, "pdf": 1})


def ask_for(client, fmt, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"/reports/hours/?{query}", {"format": fmt})


def ready_notices(mailoutbox):
    return [m for m in mailoutbox if "Your file is ready" in m.subject]


def test_the_office_asks_for_a_long_pdf_sees_it_built_and_downloads_it_once_told(
    client, program_admin, ledger, long_reports, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=False) as owed:
        response = ask_for(client, "pdf")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Your file is being built" in page and "Waiting to start" in page
    assert '<meta http-equiv="refresh" content="2">' in page and f'href="/exports/{job.pk}/"' in page
    assert client.get(f"/exports/{job.pk}/file/").status_code == 404, "no file before it is built"

    for callback in owed:  # the outbox hands the task over (on the embedded set-up it runs there and then)
        callback()
    page = client.get(f"/exports/{job.pk}/").content.decode()
    assert "Your file is ready: 2 rows." in page and "refresh" not in page
    download = client.get(f"/exports/{job.pk}/file/")
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="training-hours.pdf"' in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    assert "ada@example.org" in pdf_text(data)
    assert_pdf_ua(data)
    (notice,) = ready_notices(mailoutbox)
    assert notice.to == [program_admin.email] and f"/exports/{job.pk}/" in notice.body


def test_progress_shows_rows_done_of_rows_total_while_it_runs(client, program_admin):
    job = ExportJob.objects.create(
        owner=program_admin, kind="hours-pdf", parameters={}, parameters_key="k", state="running", rows_total=10_000
    )
    job.rows_done = 2_500
    job.save()
    client.force_login(program_admin)
    page = client.get(f"/exports/{job.pk}/").content.decode()
    assert "<strong>2500</strong> of <strong>10000</strong> rows done (25%)" in page
    assert 'max="10000" value="2500"' in page


def test_the_progress_the_writer_reports_is_what_the_page_shows(
    client, program_admin, ledger, long_reports, monkeypatch
):
    """The PDF tells its progress as its rows are written; the page reads it from the job as it is written."""
    from cohorts.hours import reports

    monkeypatch.setattr(reports, "PDF_PROGRESS_ROWS", 1)
    client.force_login(program_admin)
    job, _ = exports.start(program_admin, "hours-pdf", reports.ReportFilter().parameters())
    seen = []
    real_write = exports.exporter("hours-pdf").write

    def watching(parameters, target, progress):
        def progress_and_look(done):
            progress(done)
            seen.append(client.get(f"/exports/{job.pk}/").content.decode())

        real_write(parameters, target, progress_and_look)

    monkeypatch.setitem(
        exports._registry,
        "hours-pdf",
        exports.exporter("hours-pdf").__class__(**{**exports.exporter("hours-pdf").__dict__, "write": watching}),
    )
    exports.run(job.pk)
    assert "<strong>1</strong> of <strong>2</strong> rows done (50%)" in seen[0]


def test_asking_again_while_it_runs_joins_the_same_job(
    client, program_admin, ledger, long_reports, django_capture_on_commit_callbacks
):
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=False):
        first = ask_for(client, "pdf", cohort=ledger.pk)
        second = ask_for(client, "pdf", cohort=ledger.pk)
        other = ask_for(client, "pdf")  # another report: a job of its own
    assert first["Location"] == second["Location"] != other["Location"]
    assert ExportJob.objects.count() == 2 and QueuedTask.objects.filter(name=exports.RUN_EXPORT).count() == 2


def test_a_job_whose_task_was_lost_is_not_joined_for_ever(program_admin, ledger):
    from cohorts.hours import reports

    parameters = reports.ReportFilter().parameters()
    lost, _ = exports.start(program_admin, "hours-xlsx", parameters)
    ExportJob.objects.filter(pk=lost.pk).update(created=timezone.now() - timedelta(hours=7))
    again, joined = exports.start(program_admin, "hours-xlsx", parameters)
    assert not joined and again.pk != lost.pk
    assert ExportJob.objects.get(pk=lost.pk).state == "failed"


def test_the_ready_email_goes_once_however_often_the_task_runs(program_admin, ledger, mailoutbox):
    from cohorts.hours import reports

    job, _ = exports.start(program_admin, "hours-xlsx", reports.ReportFilter().parameters())
    exports.run(job.pk)
    exports.run(job.pk)  # the broker delivered it twice
    assert exports.notify_once(job.pk) is False
    assert len(ready_notices(mailoutbox)) == 1


def test_only_the_owner_sees_or_downloads_the_file(client, program_admin, ledger):
    from cohorts.hours import reports

    job, _ = exports.start(program_admin, "hours-xlsx", reports.ReportFilter().parameters())
    exports.run(job.pk)
    for someone in (factories.program_admin(), factories.participant()):
        client.force_login(someone)
        assert client.get(f"/exports/{job.pk}/").status_code == 404
        assert client.get(f"/exports/{job.pk}/file/").status_code == 404
    client.logout()
    assert client.get(f"/exports/{job.pk}/file/").status_code == 302  # to the sign-in page
    client.force_login(program_admin)
    assert client.get(f"/exports/{job.pk}/file/").status_code == 200


def test_a_participant_cannot_start_the_office_s_export(client, participant, ledger, long_reports):
    client.force_login(participant)
    assert ask_for(client, "pdf").status_code == 403
    with pytest.raises(PermissionError):
        exports.start(participant, "hours-pdf", {})
    assert not ExportJob.objects.exists()


def test_the_file_is_deleted_after_its_time_and_the_page_says_so(client, program_admin, ledger, settings):
    from cohorts.hours import reports

    settings.EXPORT_KEEP_DAYS = 7
    job, _ = exports.start(program_admin, "hours-xlsx", reports.ReportFilter().parameters())
    exports.run(job.pk)
    job.refresh_from_db()
    stored, storage = job.file.name, job.file.storage
    assert storage.exists(stored) and job.expires - job.finished == timedelta(days=7)
    assert exports.delete_expired(now=timezone.now() + timedelta(days=6)) == 0
    assert exports.delete_expired(now=timezone.now() + timedelta(days=7, minutes=1)) == 1
    assert not storage.exists(stored)
    client.force_login(program_admin)
    assert client.get(f"/exports/{job.pk}/file/").status_code == 404
    assert "This file was deleted after its time" in client.get(f"/exports/{job.pk}/").content.decode()


def test_a_short_report_is_still_downloaded_at_once(client, program_admin, ledger):
    client.force_login(program_admin)
    response = ask_for(client, "pdf")
    assert response["Content-Type"] == "application/pdf" and not ExportJob.objects.exists()


def test_a_long_report_asked_for_by_a_link_is_offered_in_the_background_not_built_in_the_request(
    client, program_admin, ledger, long_reports
):
    client.force_login(program_admin)
    response = client.get("/reports/hours/", {"format": "pdf", "cohort": ledger.pk})
    assert response.status_code == 302 and response["Location"] == f"/reports/hours/?cohort={ledger.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "This report is long: choose its format below and it is built in the background." in page
    assert not ExportJob.objects.exists()
