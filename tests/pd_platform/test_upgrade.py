"""An installation made by an earlier release migrates forward with nothing lost.

The earlier release is taken from the repository's history (``git archive``), set up the way
``make run`` does (migrate, load_content, seed_demo) in a folder of its own; then today's code
migrates the same database and runs ``make run``'s steps again. Every row is still there,
every private file still opens, and the demo people's pages answer. From the last release that signed
credentials in the earlier (pre-OB 3.0) form, the upgrade leaves every certificate's credential verifying by
OB 3.0's steps and its PDF still accepted by the verify page.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The last release before cohorts/ became a package of apps (registration, coursework,
# workshops, hours): its database has every moved table under the ``cohorts`` label.
BASE = "c7562eb"

# Queued in the earlier release under the task names of the time: a review's feedback e-mail
# whose dispatch had not happened yet when the upgrade began.
QUEUE_BEFORE = """
from cohorts.models import FeedbackNotice, Review
from pd_platform.models import QueuedTask
review = Review.objects.exclude(reviewer=None).exclude(pk__in=FeedbackNotice.objects.values("review")).first()
if review is None:
    review = Review.objects.exclude(reviewer=None).first()
    FeedbackNotice.objects.filter(review=review).delete()
QueuedTask.objects.create(name="cohorts.tasks.send_feedback_notice", args=[review.pk])
print(review.pk)
"""

# A cohort's facilitator without the Facilitator role, as an admin could add one before: the
# upgrade gives them the role (cohorts.0011), so they keep their review queue.
LEAD_WITHOUT_ROLE = """
from cohorts.models import Cohort
from pd_platform.accounts.models import User
lead = User.objects.create(email="lead-without-role@example.org", full_name="Lead Without Role")
Cohort.objects.order_by("pk").first().facilitators.add(lead)
"""

PAGES = """
import json
from django.test import Client
from pd_platform.accounts.models import User
from cohorts.coursework.models import Submission
from cohorts.registration.models import Enrollment
from certificates.models import Certificate
answers = {}
participant = User.objects.get(email="participant@example.org")
client = Client()
client.force_login(participant)
enrollment = Enrollment.objects.filter(user=participant).first()
for url in ["/", "/dashboard/", "/cohorts/my-courses/", f"/cohorts/enrollments/{enrollment.pk}/progress/",
            "/learning-based-grading/module-02/", "/certificates/mine/"]:
    answers[url] = client.get(url).status_code
facilitator = Client()
facilitator.force_login(User.objects.get(email="facilitator@example.org"))
submission = Submission.objects.filter(revisions__isnull=False).first()
for url in ["/cohorts/review/", f"/cohorts/review/{submission.pk}/", f"/cohorts/{enrollment.cohort_id}/gradebook/"]:
    answers[url] = facilitator.get(url).status_code
lead = Client()
lead.force_login(User.objects.get(email="lead-without-role@example.org"))
answers["a facilitator without the role before keeps the review queue"] = lead.get("/cohorts/review/").status_code
admin = Client()
admin_user = User.objects.get(email="admin@example.org")
admin.force_login(admin_user)
for url in ["/reports/hours/", "/admin/snippets/cohorts/district/", "/admin/snippets/cohorts/cohort/"]:
    answers[url] = admin.get(url).status_code
answers["admins keep their district permission"] = 200 if admin_user.has_perm("cohorts.change_district") else 403
certificate = Certificate.objects.exclude(pdf="").first()
answers["certificate pdf"] = 200 if certificate.pdf.open("rb").read(5) == b"%PDF-" else 404
answers[f"/certificates/verify/{certificate.code}/"] = Client().get(f"/certificates/verify/{certificate.code}/").status_code
answers["a certificate from before credentials has one"] = Client().get(f"/credentials/{certificate.code}").status_code
print(json.dumps(answers))
"""


def base_available():
    result = subprocess.run(["git", "cat-file", "-e", f"{BASE}^{{commit}}"], cwd=ROOT, capture_output=True)
    return result.returncode == 0


pytestmark = pytest.mark.skipif(
    not base_available(), reason=f"the earlier release {BASE} is not in this checkout's history (a shallow clone)"
)


def run(code_dir, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code_dir, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{' '.join(args)} in {code_dir}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def row_counts(database):
    with sqlite3.connect(database) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def set_up_release(tmp_path, base):
    """The release ``base`` taken from the history into a folder of its own, set up as ``make run`` does
    (migrate, load_content, seed_demo) in ``var/``. Returns (its folder, the environment, var)."""
    old_code = tmp_path / "earlier"
    old_code.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", base], cwd=ROOT, capture_output=True, check=True)
    archive_path = tmp_path / "earlier.tar"
    archive_path.write_bytes(archive.stdout)
    with tarfile.open(archive_path) as tar:
        tar.extractall(old_code, filter="data")

    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pd_platform.settings",
            "PD_VAR_DIR": str(var),
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{var}/db.sqlite3",
            "EMAIL_URL": "dummymail://",
            "CELERY_BROKER_URL": "",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        }
    )
    for step in EARLIER_MAKE_RUN:
        run(old_code, env, *step)
    return old_code, env, var


# `make run`'s setup steps: the earlier releases' and today's, which gives certificates from before
# credentials existed theirs.
EARLIER_MAKE_RUN = (["migrate", "--noinput"], ["load_content"], ["seed_demo"])
MAKE_RUN = (*EARLIER_MAKE_RUN, ["issue_credentials"])


# The e-mail guards of the earlier release, folded by the upgrade into the one guard (pd_platform.SentEmail).
FOLDED = ("cohorts_feedbacknotice", "cohorts_submissionreceipt", "coursework_followupnotice", "cohorts_notification")


@pytest.mark.own_database
def test_a_database_made_by_the_earlier_release_migrates_forward_with_nothing_lost(tmp_path):
    old_code, env, var = set_up_release(tmp_path, BASE)
    queued_review = int(run(old_code, env, "shell", "-c", QUEUE_BEFORE).strip().splitlines()[-1])
    run(old_code, env, "shell", "-c", LEAD_WITHOUT_ROLE)
    before = row_counts(var / "db.sqlite3")
    files_before = sorted(p.relative_to(var) for p in (var / "private").rglob("*") if p.is_file())
    assert before["cohorts_submission"] > 0 and before["certificates_certificate"] > 0 and files_before

    for step in MAKE_RUN:
        run(ROOT, env, *step)
    after = row_counts(var / "db.sqlite3")
    lost = {
        table: (count, after.get(table))
        for table, count in before.items()
        if table not in {"django_migrations", *FOLDED} and (after.get(table) or 0) < count
    }
    assert lost == {}, f"rows lost in the upgrade (before, after): {lost}"
    # The send-once guards the upgrade folds into the one guard: every row they held is a row of it.
    folded = sum(before.get(table, 0) for table in FOLDED)
    assert folded > 0 and after["pd_platform_sentemail"] >= folded
    files_after = sorted(p.relative_to(var) for p in (var / "private").rglob("*") if p.is_file())
    assert set(files_before) <= set(files_after)

    answers = json.loads(run(ROOT, env, "shell", "-c", PAGES).strip().splitlines()[-1])
    assert all(status == 200 for status in answers.values()), answers

    # The task queued under its old name runs with today's code, and sends its e-mail once.
    sent = run(
        ROOT,
        env,
        "shell",
        "-c",
        "from pd_platform import outbox; from pd_platform.models import SentEmail; "
        "from datetime import timedelta; from django.utils import timezone; "
        "outbox.dispatch_pending(now=timezone.now() + timedelta(hours=1)); "
        f"print(SentEmail.objects.filter(kind='coursework.feedback', object_key='review:{queued_review}').count())",
    )
    assert sent.strip().splitlines()[-1] == "1"


# The last release whose credentials were signed in the earlier form (a ``vc`` claim, the key named by
# its bare thumbprint, issuanceDate), which OB 3.0 verifiers refuse.
EARLIER_CREDENTIALS = "e5d3a15"

CREDENTIAL_BEFORE = """
import hashlib, json
from certificates.models import Certificate
certificate = Certificate.objects.exclude(pdf="").exclude(credential="").order_by("pk").first()
print(json.dumps({"code": certificate.code, "token": certificate.credential,
                  "pdf_sha256": hashlib.sha256(certificate.pdf.open("rb").read()).hexdigest()}))
"""

CREDENTIAL_AFTER = """
import hashlib, json
from urllib.parse import urlsplit
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from certificates.models import Certificate
from tests.certificates import outside_verifier
code = {code!r}
certificate = Certificate.objects.get(code=code)
client = Client()
token = client.get(f"/credentials/{{code}}").content.decode()
vc = outside_verifier.verify(token, lambda url: client.get(urlsplit(url).path))
pdf = certificate.pdf.open("rb").read()
page = client.post("/certificates/verify/", {{"pdf": SimpleUploadedFile("certificate.pdf", pdf)}}).content.decode()
print(json.dumps({{"token": token, "vc": vc, "page": " ".join(page.split()),
                  "pdf_sha256": hashlib.sha256(pdf).hexdigest()}}))
"""


@pytest.mark.own_database
def test_credentials_signed_in_the_earlier_form_verify_by_ob3_after_the_upgrade(tmp_path):
    _, env, _ = set_up_release(tmp_path, EARLIER_CREDENTIALS)
    before = json.loads(run(ROOT, env, "shell", "-c", CREDENTIAL_BEFORE).strip().splitlines()[-1])
    earlier = json.loads(_payload_of(before["token"]))
    assert "vc" in earlier and "issuanceDate" in earlier["vc"]

    for step in MAKE_RUN:  # the upgrade is `make run`'s steps: nobody runs a command of their own
        run(ROOT, env, *step)
    after = json.loads(run(ROOT, env, "shell", "-c", CREDENTIAL_AFTER.format(code=before["code"])).splitlines()[-1])

    vc = after["vc"]  # passed the outside verifier's OB 3.0 steps
    assert after["token"] != before["token"]
    for term in ("id", "validFrom", "credentialStatus", "credentialSubject"):
        expected = earlier["vc"][term]
        if term == "credentialSubject":
            expected = {"id": vc["sub"], **expected}
        assert vc[term] == expected, term
    # The PDF the holder was given is the same file, and the verify page still accepts it.
    assert after["pdf_sha256"] == before["pdf_sha256"]
    page = after["page"]
    assert "Genuine and valid." in page
    assert "this certificate's credential in the form it was first issued in" in page


def _payload_of(token):
    import base64

    part = token.split(".")[1]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
