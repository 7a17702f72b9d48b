"""Two app servers (gunicorn on two ports) and a Celery worker sharing PostgreSQL, Redis and an S3 server
started here (moto_server): a file uploaded through one is served by the other, a certificate the worker
issued downloads from both, and the bucket holds them privately."""

import importlib.util
import re
import subprocess
import sys
import time
import uuid

import pytest
import requests

from pd_platform.createdb import drop_database, ensure_database
from tests.servers import Site, free_port, port_open, start_celery, wait_until

PG = "postgres://postgres@127.0.0.1:5432/postgres"
BUCKET = "pd-files"

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(not port_open(6379), reason="needs Redis on 127.0.0.1:6379 for the shared cache and broker"),
    pytest.mark.skipif(not port_open(5432), reason="needs PostgreSQL on 127.0.0.1:5432 for the shared database"),
    pytest.mark.skipif(
        importlib.util.find_spec("moto") is None, reason="needs moto (requirements-dev.txt) for an S3 server"
    ),
]


@pytest.fixture
def s3_server():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(lambda: port_open(port), 30), "moto_server did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
    )


def signed_in(site, email, password):
    session = requests.Session()
    page = session.get(f"{site.url}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{site.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"{site.url}/accounts/login/"},
    )
    assert response.ok and "Log out" in response.text, "could not sign in"
    return session


def test_a_file_uploaded_through_one_server_is_served_by_the_other(tmp_path, s3_server):
    database = f"pd_two_{uuid.uuid4().hex[:8]}"
    url = PG.rsplit("/", 1)[0] + f"/{database}"
    ensure_database(url)
    subprocess.run(["redis-cli", "-n", "8", "flushdb"], capture_output=True)
    s3_client(s3_server).create_bucket(Bucket=BUCKET)
    shared = {
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/8",  # its own: the beat test uses 13
        "CACHE_URL": "redis://127.0.0.1:6379/12",
        "SECRET_KEY": "one-secret-for-every-server-" + uuid.uuid4().hex,
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY_ID": "k",
        "S3_SECRET_ACCESS_KEY": "s",
        "EMAIL_URL": "dummymail://",
    }
    one, two = Site(tmp_path / "one", **shared), Site(tmp_path / "two", **shared)
    worker = None
    try:
        one.install()  # the demo: its graduate's certificate is queued for a worker
        two.manage("collectstatic", "--noinput")  # each server serves its own copy of the static files
        one.start_gunicorn(workers=1, log=tmp_path / "one.log")
        two.start_gunicorn(workers=1, log=tmp_path / "two.log")
        worker = start_celery(
            ["worker", "--concurrency", "1", "--loglevel", "WARNING"],
            env=one.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        # A participant submits a file through server one...
        enrollment_id, key = one.python(
            "from cohorts.coursework import services; from cohorts.coursework.models import Submission; "
            "from cohorts.coursework.selectors import program_activities; from cohorts.registration.models import Enrollment; "
            "e = Enrollment.objects.filter(user__email='participant@example.org', status='registered', "
            "cohort__program__title='Learning-Based Grading').first(); "
            "open_ = [a for a in program_activities(e.cohort.program_id) if not a.is_discussion "
            "and services.why_not_open(e, a) is None and not Submission.objects.filter(enrollment=e, activity=a)"
            ".exclude(status__in=['missing', 'needs_revision']).exists()]; print(e.pk, open_[0].key)"
        ).split()
        participant = signed_in(one, "participant@example.org", "learn-by-revising")
        activity = f"/cohorts/enrollments/{enrollment_id}/activities/{key}/"
        page = participant.get(one.url + activity)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        content = b"%PDF-1.4\n% a unit plan, submitted through server one\n%%EOF\n"
        response = participant.post(
            one.url + activity,
            data={"csrfmiddlewaretoken": token, "source": "My unit plan, attached."},
            files={"attachments": ("unit-plan.pdf", content, "application/pdf")},
            headers={"Referer": one.url + activity},
        )
        assert response.ok and "is submitted for feedback" in response.text
        attachment_id, name = one.python(
            "from cohorts.coursework.models import Attachment; a = Attachment.objects.latest('pk'); print(a.pk, a.file.name)"
        ).split()

        # ...and server two serves it, to the same signed-in person, and to nobody else.
        download = participant.get(f"{two.url}/cohorts/attachments/{attachment_id}/")
        assert download.ok and download.content == content
        assert requests.get(f"{two.url}/cohorts/attachments/{attachment_id}/", allow_redirects=False).status_code == 302

        # In the bucket, private: only its owner may read it.
        s3 = s3_client(s3_server)
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        assert f"private/{name}" in keys
        grants = s3.get_object_acl(Bucket=BUCKET, Key=f"private/{name}")["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"] and "URI" not in grants[0]["Grantee"]

        # The graduate's certificate, rendered and stored by the worker, downloads from both servers.
        code = one.python(
            "from certificates.models import Certificate; "
            "print(Certificate.objects.get(enrollment__user__email='graduate@example.org').code)"
        )

        def rendered():
            return (
                one.python(
                    f"from certificates.models import Certificate; print(Certificate.objects.get(code='{code}').is_ready)"
                )
                == "True"
            )

        assert wait_until(rendered, 120), "the worker did not render the certificate"
        graduate = signed_in(two, "graduate@example.org", "certified-in-mastery")
        pdfs = [graduate.get(f"{site.url}/certificates/{code}/download/") for site in (one, two)]
        assert all(p.ok and p.content.startswith(b"%PDF") for p in pdfs) and pdfs[0].content == pdfs[1].content
        assert any(
            k.startswith("private/certificates/")
            for k in [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
        )
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=20)
        one.stop()
        two.stop()
        time.sleep(0.5)
        drop_database(url)
