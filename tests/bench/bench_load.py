"""Load benchmark: 50 cohorts, 5,000 participants, 100,000 submissions; 20 and then 50 locust users
on loopback against gunicorn (LOAD_USERS=20,50). Prints p50/p95/p99 and requests per second per page.

    python tests/bench/bench_load.py                    # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_load.py   # a fresh database there, dropped after

Budget (DESIGN.md): participant progress, module page and review queue p95 under 100 ms.
"""

import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.databases import use_fresh_database  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="pd-load-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK}/load.sqlite3")
use_fresh_database("pd_bench_load")
os.environ.update(
    {
        "PD_VAR_DIR": str(WORK),
        "DJANGO_SETTINGS_MODULE": "pd_platform.settings",
        "DJANGO_DEBUG": "0",
        "EMAIL_URL": "dummymail://",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
)
os.environ.pop("CELERY_BROKER_URL", None)
PASSWORD = "load-test-password"
# The 50 users saturate two shared cores; 20 shows the pages below saturation.
USERS = [int(n) for n in os.environ.get("LOAD_USERS", "20,50").split(",")]
SECONDS = int(os.environ.get("LOAD_SECONDS", "40"))

LOCUSTFILE = '''
import random, re
from locust import HttpUser, between, task

SESSIONS = {sessions}
ENROLLMENTS = {enrollments}
FACILITATOR_SESSION = "{facilitator_session}"
CODE = "{code}"

def signed_in(client, session_key):
    client.cookies.set("sessionid", session_key, domain="127.0.0.1")


def page(client, url, name):
    """A page that must answer 200 itself: a redirect (to the login page, say) is a failure."""
    with client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {{response.status_code}}")

class Participant(HttpUser):
    weight = 6
    wait_time = between(0.2, 1.0)
    def on_start(self):
        i = random.randrange(len(SESSIONS))
        self.enrollment = ENROLLMENTS[i]
        signed_in(self.client, SESSIONS[i])
    @task(3)
    def progress(self):
        page(self.client, f"/cohorts/enrollments/{{self.enrollment}}/progress/", "participant progress")
    @task(3)
    def module(self):
        page(self.client, "/learning-based-grading/module-02/", "module page")

class Facilitator(HttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)
    def on_start(self):
        signed_in(self.client, FACILITATOR_SESSION)
    @task(3)
    def queue(self):
        page(self.client, "/cohorts/review/", "review queue")
    @task(1)
    def gradebook(self):
        page(self.client, "/cohorts/{cohort}/gradebook/", "gradebook")

class Visitor(HttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)
    @task
    def verify(self):
        page(self.client, f"/certificates/verify/{{CODE}}/", "verify page")
'''


def build():
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))
    call_command("collectstatic", "--noinput", verbosity=0)
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from certificates.models import Certificate
    from cohorts.coursework.models import Revision, Submission
    from cohorts.coursework.selectors import program_activities
    from cohorts.registration.models import Cohort, Enrollment
    from modules.models import CoursePage, WorkshopSeriesPage
    from pd_platform.accounts.models import User

    random.seed(7)
    hashed = make_password(PASSWORD)
    facilitator = User.objects.create(
        email="load-facilitator@example.org", full_name="Load Facilitator", password=hashed
    )
    facilitator.groups.add(Group.objects.get(name="Facilitator"))
    course, series = CoursePage.objects.get(), WorkshopSeriesPage.objects.get()
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(program=course, name=f"Load {i:02d}", start_date=date.today(), end_date=date.today(), capacity=200)
            for i in range(35)
        ]
        + [
            Cohort(
                program=series,
                name=f"Load series {i:02d}",
                start_date=date.today(),
                end_date=date.today(),
                capacity=300,
            )
            for i in range(15)
        ]
    )
    for cohort in cohorts:
        cohort.facilitators.add(facilitator)
    users = User.objects.bulk_create(
        [User(email=f"p{i}@load.example.org", full_name=f"Participant {i:04d}", password=hashed) for i in range(5000)],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                cohort=cohorts[i % 35],
                user=u,
                status="registered",
                payment_method="purchase_order",
                purchase_order_number="PO",
            )
            for i, u in enumerate(users)
        ]
        + [
            Enrollment(
                cohort=cohorts[35 + i % 15],
                user=u,
                status="registered",
                payment_method="purchase_order",
                purchase_order_number="PO",
            )
            for i, u in enumerate(users[:3500])
        ],
        batch_size=1000,
    )
    statuses = ["complete"] * 5 + ["submitted", "needs_revision", "missing"]
    activities = {course.pk: program_activities(course.pk), series.pk: program_activities(series.pk)}
    by_cohort_program = {c.pk: c.program_id for c in cohorts}
    submissions = [
        Submission(enrollment=e, activity=a, status=random.choice(statuses), submitted_at=django.utils.timezone.now())
        for e in enrollments
        for a in activities[by_cohort_program[e.cohort_id]]
    ]
    Submission.objects.bulk_create(submissions, batch_size=5000)
    waiting = Submission.objects.filter(status__in=["submitted", "needs_revision"]).values_list("pk", flat=True)
    Revision.objects.bulk_create(
        [Revision(submission_id=pk, number=1, source="targets", body="<p>targets</p>") for pk in waiting],
        batch_size=5000,
    )
    certificate = Certificate.objects.create(
        enrollment=enrollments[0],
        full_name="Participant 0000",
        course_title=course.title,
        cohort_name="Load 00",
        hours=30,
        issued_at=django.utils.timezone.now(),
        signatory_name="x",
        signatory_title="y",
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # A live database has planner statistics; freshly bulk-loaded tables have none yet.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = (len(cohorts), len(users), Submission.objects.count())
    sample = random.sample(range(5000), 400)
    return (
        counts,
        [signed_in_session(users[i]) for i in sample],
        [enrollments[i].pk for i in sample],
        signed_in_session(facilitator),
        certificate.code,
        cohorts[0].pk,
    )


def signed_in_session(user):
    """A session as logging in leaves it. Users arrive signed in: the benchmark measures
    pages, not password hashing (deliberately slow, and the same for every page)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.create()
    return session.session_key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def report(users, stats_csv):
    rows = list(csv.DictReader(open(stats_csv)))
    print(f"\n{users} users for {SECONDS} s on loopback, gunicorn with 4 workers:")
    print(f"{'page':<22} {'requests':>8} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7}")
    over_budget = []
    for row in rows:
        name = row["Name"]
        print(
            f"{name:<22} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7} {float(row['Requests/s']):>7.1f}"
        )
        if name in ("participant progress", "module page", "review queue") and float(row["95%"]) > 100:
            over_budget.append(name)
    print(
        f"over the 100 ms p95 budget: {', '.join(over_budget)}" if over_budget else "all within the 100 ms p95 budget"
    )


def main():
    counts, sessions, enrollment_ids, facilitator_session, code, cohort_id = build()
    print(
        f"{counts[0]} cohorts, {counts[1]} participants, {counts[2]} submissions "
        f"({os.environ['DATABASE_URL'].split(':')[0]}); users arrive signed in; each waits 0.2-1.0 s between pages"
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pd_platform.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        locustfile = WORK / "locustfile.py"
        locustfile.write_text(
            LOCUSTFILE.format(
                sessions=sessions,
                enrollments=enrollment_ids,
                code=code,
                facilitator_session=facilitator_session,
                cohort=cohort_id,
            )
        )
        for users in USERS:
            prefix = WORK / f"load-{users}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(locustfile),
                    "--headless",
                    "-u",
                    str(users),
                    "-r",
                    "25",
                    "-t",
                    f"{SECONDS}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=WORK,
                check=False,
                capture_output=True,
            )
            report(users, f"{prefix}_stats.csv")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
