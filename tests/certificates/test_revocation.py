"""Revoking a certificate takes its hours off the participant's transcript and out of the training-hour
report in every format; issuing it again puts them back, once, however often the office goes back and forth."""

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from certificates import services
from certificates.models import Certificate
from cohorts.hours.models import HoursEntry
from tests import export_jobs
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _table(lines):
    """The report's table: its rows under the heading lines (the XLSX has a blank row between)."""
    found = [i for i, line in enumerate(lines) if line and line[0] in ("Email", "email")]
    return lines[found[0] :]


def hours_everywhere(client, certificate):
    """The participant's PD hours as each thing the office hands out shows them."""
    person, cohort = certificate.enrollment.user, certificate.enrollment.cohort
    transcript = f"/certificates/transcript/{person.pk}/"
    shown = {}

    html = client.get(transcript).text
    shown["transcript page"] = re.search(r"<dt>PD hours in all</dt><dd>([\d.]+)</dd>", html).group(1)
    rows = list(csv.reader(io.StringIO(client.get(transcript + "?format=csv").content.decode("utf-8-sig"))))[1:]
    shown["transcript CSV"] = str(sum((Decimal(r[6] or "0") for r in rows), Decimal("0.00")))  # PD hours
    pdf = " ".join(pdf_text(export_jobs.content(client, client.get(transcript + "?format=pdf"))).split())
    shown["transcript PDF"] = re.search(r"PD hours in all: ([\d.]+)", pdf).group(1)

    report = "/reports/hours/"
    html = client.get(report, {"cohort": cohort.pk}).text
    shown["report page"] = re.search(r"<strong>([\d.]+)</strong> PD hours", html).group(1)
    body = b"".join(client.get(report, {"cohort": cohort.pk, "format": "csv"}).streaming_content)
    table = _table(list(csv.reader(io.StringIO(body.decode("utf-8-sig")))))
    column = 8  # PD hours
    shown["report CSV"] = str(sum((Decimal(r[column]) for r in table[1:] if r[0] == person.email), Decimal("0.00")))
    data = b"".join(client.get(report, {"cohort": cohort.pk, "format": "xlsx"}).streaming_content)
    table = _table([list(row) if any(row) else [] for row in load_workbook(io.BytesIO(data)).active.values])
    shown["report XLSX"] = f"{sum(r[column] for r in table[1:] if r[0] == person.email):.2f}"
    pdf = " ".join(pdf_text(client.get(report, {"cohort": cohort.pk, "format": "pdf"}).content).split())
    shown["report PDF"] = re.search(r"([\d.]+) PD hours", pdf).group(1)
    return shown


def everywhere(hours):
    return dict.fromkeys(
        [
            "transcript page",
            "transcript CSV",
            "transcript PDF",
            "report page",
            "report CSV",
            "report XLSX",
            "report PDF",
        ],
        hours,
    )


def test_revoking_removes_the_hours_everywhere_and_issuing_again_restores_them_once(
    client, program_admin, certificate, django_capture_on_commit_callbacks
):
    client.force_login(program_admin)
    assert certificate.hours == Decimal("30.0")
    assert hours_everywhere(client, certificate) == everywhere("30.00")

    current = certificate
    for turn in (1, 2):
        response = client.post(f"/admin/certificates/{current.pk}/revoke/", {"reason": f"Plagiarism, round {turn}"})
        assert response.status_code == 302
        current.refresh_from_db()
        assert current.status == "revoked"
        assert hours_everywhere(client, certificate) == everywhere("0.00"), f"after revocation {turn}"

        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/certificates/{current.pk}/reissue/", {"reason": f"Appeal upheld, round {turn}"})
        current = Certificate.objects.get(enrollment=certificate.enrollment, revoked_at__isnull=True)
        assert current.status == "valid" and current.code != certificate.code
        assert hours_everywhere(client, certificate) == everywhere("30.00"), f"after issuing again {turn}"

    assert HoursEntry.objects.filter(enrollment=certificate.enrollment).count() == 1


def test_a_name_corrected_reissue_keeps_the_hours_once_on_the_day_they_were_earned(
    program_admin, certificate, django_capture_on_commit_callbacks
):
    entry = HoursEntry.objects.get(enrollment=certificate.enrollment)
    HoursEntry.objects.filter(pk=entry.pk).update(date=entry.date.replace(year=entry.date.year - 1))
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue_certificate(certificate, program_admin, "Name corrected")
    moved = HoursEntry.objects.get(enrollment=certificate.enrollment)
    assert moved.hours == Decimal("30.00") and moved.date.year == entry.date.year - 1  # still in last year's report
    assert new.status == "valid"


def test_a_revoked_certificate_is_issued_again_once_and_a_replaced_one_cannot_be_revoked(
    program_admin, certificate, django_capture_on_commit_callbacks
):
    services.revoke_certificate(certificate, program_admin, "Issued in error")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reissue_certificate(certificate, program_admin, "Appeal upheld")
    with pytest.raises(services.CertificateError):
        services.reissue_certificate(certificate, program_admin, "Pressed twice")
    assert Certificate.objects.filter(enrollment=certificate.enrollment, revoked_at__isnull=True).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        corrected = services.reissue_certificate(again, program_admin, "Name corrected")
    with pytest.raises(services.CertificateError, match="revoke the new one"):
        services.revoke_certificate(again, program_admin, "Wrong one")
    assert HoursEntry.objects.get(enrollment=certificate.enrollment).hours == Decimal("30.00")
    assert Certificate.objects.get(pk=corrected.pk).status == "valid"


def test_revoking_asks_first_and_says_what_will_happen(client, program_admin, certificate):
    client.force_login(program_admin)
    desk = client.get(f"/admin/certificates/?q={certificate.code}").text
    assert f'href="/admin/certificates/{certificate.pk}/revoke/"' in desk

    page = client.get(f"/admin/certificates/{certificate.pk}/revoke/").text
    assert "Revoke this certificate?" in page
    assert "The certificate stops verifying" in page
    assert "30 PD hours are removed from" in page
    certificate.refresh_from_db()
    assert certificate.status == "valid"  # looking is not revoking

    refused = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "  "})
    assert refused.status_code == 400 and "Give the reason for revoking" in refused.text
    certificate.refresh_from_db()
    assert certificate.status == "valid"

    done = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Issued in error"}, follow=True)
    assert f"Certificate {certificate.code} of {certificate.full_name} revoked; 30.00 PD hours" in done.text


def test_only_admins_reach_the_revocation_page(client, certificate, participant, reviewer):
    url = f"/admin/certificates/{certificate.pk}/revoke/"
    for person in (None, participant, reviewer):  # anonymous, a participant, the cohort's facilitator
        if person:
            client.force_login(person)
        response = client.get(url)
        assert response.status_code in (302, 403) and "Revoke this certificate?" not in response.text
        client.post(url, {"reason": "Not theirs to revoke"})
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_the_desk_lists_certificates_in_a_fixed_number_of_queries(
    client, program_admin, cohort, make_progress, django_assert_num_queries, django_capture_on_commit_callbacks
):
    def certify(count):
        made = []
        for _ in range(count):
            enrollment = make_progress(0, cohort)
            with django_capture_on_commit_callbacks(execute=False):
                made.append(services.issue_certificate(enrollment, program_admin, "Completed on paper"))
        return made

    client.force_login(program_admin)
    certify(2)
    client.get("/admin/certificates/")  # the session's first request also refreshes the session
    with django_assert_num_queries(DESK_QUERIES):
        html = client.get("/admin/certificates/").text
    assert html.count('/revoke/"') == 2

    more = certify(5)
    services.revoke_certificate(more[0], program_admin, "Issued in error")
    services.reissue_certificate(more[1], program_admin, "Name corrected")
    with django_assert_num_queries(DESK_QUERIES):
        html = client.get("/admin/certificates/").text
    assert html.count('/revoke/"') == 6 and html.count(">Issue again<span") == 1
    chosen = client.get(f"/admin/certificates/?cohort={cohort.pk}").text
    assert f'<option value="{cohort.pk}" selected>' in chosen  # the filter the desk shows is the one in force


DESK_QUERIES = 12  # however many certificates (a hand-issued one once cost a query of its own)
