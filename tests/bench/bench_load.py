"""Load benchmark: 50 cohorts, 5,000 participants, 100,000 submissions (LOAD_SCALE=4: four times
that, which `make bench` runs too); 20 and then 50 locust users on loopback against gunicorn (LOAD_USERS=20,50), then each page
alone at full speed against a bare Wagtail page (a page of no specific type in the site's base
template) served by the same gunicorn in the same run. Prints, per page: queries, p50/p95 under
load, requests per second alone and the ratio to the bare page.

    python tests/bench/bench_load.py                    # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_load.py   # a fresh database there, dropped after

Budget (DESIGN.md, issue 14): the participant's home, module page, participant progress, review
queue and gradebook p95 under 100 ms at 50 users, and each at least the requests per second of
the bare page.
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
# The production profile's cache: Redis, shared by every worker (sessions, the site, settings and
# rendered materials live there). A database of its own, emptied first; locmem when Redis is down.
BENCH_REDIS = "redis://127.0.0.1:6379/7"


def _redis_cache():
    import redis

    try:
        redis.Redis.from_url(BENCH_REDIS, socket_connect_timeout=1).flushdb()
    except (OSError, redis.RedisError):
        return False
    os.environ["CACHE_URL"] = BENCH_REDIS
    return True


CACHE = "Redis" if _redis_cache() else "locmem (Redis unreachable: each worker its own)"
PASSWORD = "load-test-password"
# The 50 users saturate two shared cores; 20 shows the pages below saturation.
USERS = [int(n) for n in os.environ.get("LOAD_USERS", "20,50").split(",")]
SECONDS = int(os.environ.get("LOAD_SECONDS", "40"))
SCALE = int(os.environ.get("LOAD_SCALE", "1"))
ALONE_SECONDS = int(os.environ.get("LOAD_ALONE_SECONDS", "10"))
BUDGETED = ["participant home", "module page", "participant progress", "review queue", "gradebook"]

LOCUSTFILE = '''
import random, re
from locust import FastHttpUser, between, constant, task

SESSIONS = {sessions}
ENROLLMENTS = {enrollments}
FACILITATOR_SESSION = "{facilitator_session}"
CODE = "{code}"

# FastHttpUser (geventhttpclient): the load generator shares the two cores with the server, so
# the lighter its client, the more of them measure the pages.
def signed_in(user, session_key):
    user.headers = {{"Cookie": f"sessionid={{session_key}}"}}


def page(user, url, name):
    """A page that must answer 200 itself: a redirect (to the login page, say) is a failure."""
    headers = getattr(user, "headers", {{}})
    with user.client.get(url, name=name, headers=headers, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {{response.status_code}}")

class Participant(FastHttpUser):
    weight = 6
    wait_time = between(0.2, 1.0)
    def on_start(self):
        i = random.randrange(len(SESSIONS))
        self.enrollment = ENROLLMENTS[i]
        signed_in(self, SESSIONS[i])
    @task(3)
    def progress(self):
        page(self, f"/cohorts/enrollments/{{self.enrollment}}/progress/", "participant progress")
    @task(3)
    def module(self):
        page(self, "/learning-based-grading/module-02/", "module page")
    @task(2)
    def home(self):
        page(self, "/dashboard/", "participant home")
    @task(1)
    def bare(self):
        page(self, "/bare/", "bare Wagtail page")

class Facilitator(FastHttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)
    def on_start(self):
        signed_in(self, FACILITATOR_SESSION)
    @task(3)
    def queue(self):
        page(self, "/cohorts/review/", "review queue")
    @task(1)
    def gradebook(self):
        page(self, "/cohorts/{cohort}/gradebook/", "gradebook")

class Visitor(FastHttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)
    @task
    def verify(self):
        page(self, f"/certificates/verify/{{CODE}}/", "verify page")


# Each page alone, as fast as it answers: its requests per second against the bare page's.
def alone(name, url, facilitator=False):
    class Alone(FastHttpUser):
        wait_time = constant(0)
        def on_start(self):
            i = random.randrange(len(SESSIONS))
            self.url = url.replace("ENROLLMENT", str(ENROLLMENTS[i]))
            signed_in(self, FACILITATOR_SESSION if facilitator else SESSIONS[i])
        @task
        def one(self):
            page(self, self.url, name)
    Alone.__name__ = name.title().replace(" ", "")
    return Alone

BareWagtailPage = alone("bare Wagtail page", "/bare/")
ParticipantHome = alone("participant home", "/dashboard/")
ModulePage = alone("module page", "/learning-based-grading/module-02/")
ParticipantProgress = alone("participant progress", "/cohorts/enrollments/ENROLLMENT/progress/")
ReviewQueue = alone("review queue", "/cohorts/review/", facilitator=True)
Gradebook = alone("gradebook", "/cohorts/{cohort}/gradebook/", facilitator=True)
'''
ALONE = {
    "bare Wagtail page": "BareWagtailPage",
    "participant home": "ParticipantHome",
    "module page": "ModulePage",
    "participant progress": "ParticipantProgress",
    "review queue": "ReviewQueue",
    "gradebook": "Gradebook",
}


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
            for i in range(35 * SCALE)
        ]
        + [
            Cohort(
                program=series,
                name=f"Load series {i:02d}",
                start_date=date.today(),
                end_date=date.today(),
                capacity=300,
            )
            for i in range(15 * SCALE)
        ]
    )
    for cohort in cohorts:
        cohort.facilitators.add(facilitator)
    users = User.objects.bulk_create(
        [
            User(email=f"p{i}@load.example.org", full_name=f"Participant {i:05d}", password=hashed)
            for i in range(5000 * SCALE)
        ],
        batch_size=1000,
    )
    participant_role = Group.objects.get(name="Participant")  # their home is the participant's to-do
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=participant_role.pk) for u in users], batch_size=5000
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                cohort=cohorts[i % (35 * SCALE)],
                user=u,
                status="registered",
                payment_method="purchase_order",
                purchase_order_number="PO",
            )
            for i, u in enumerate(users)
        ]
        + [
            Enrollment(
                cohort=cohorts[35 * SCALE + i % (15 * SCALE)],
                user=u,
                status="registered",
                payment_method="purchase_order",
                purchase_order_number="PO",
            )
            for i, u in enumerate(users[: 3500 * SCALE])
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
    from wagtail.models import Page

    from modules.models import HomePage

    HomePage.objects.get().add_child(instance=Page(title="A bare Wagtail page", slug="bare"))
    sample = random.sample(range(5000 * SCALE), 400)
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
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "pd_platform.accounts.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.create()
    return session.session_key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries_per_page(enrollment_id, cohort_id):
    """Each page's SQL queries, in this process, for a sample participant and the facilitator."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cohorts.registration.models import Enrollment
    from pd_platform.accounts.models import User

    participant = Client(SERVER_NAME="127.0.0.1")
    participant.force_login(Enrollment.objects.get(pk=enrollment_id).user)
    facilitator = Client(SERVER_NAME="127.0.0.1")
    facilitator.force_login(User.objects.get(email="load-facilitator@example.org"))
    pages = {
        "bare Wagtail page": (participant, "/bare/"),
        "participant home": (participant, "/dashboard/"),
        "module page": (participant, "/learning-based-grading/module-02/"),
        "participant progress": (participant, f"/cohorts/enrollments/{enrollment_id}/progress/"),
        "review queue": (facilitator, "/cohorts/review/"),
        "gradebook": (facilitator, f"/cohorts/{cohort_id}/gradebook/"),
    }
    from django.test import override_settings

    counts = {}
    for name, (client, url) in pages.items():
        with override_settings(PAGE_CACHE=False):
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
        counts[name] = str(len(captured)) if status == 200 else f"HTTP {status}"
        client.get(url)  # kept (when the page may be)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.get("X-Page-Cache") == "hit":
            counts[name] += f"/{len(captured)}"
    return counts


def read_stats(stats_csv):
    return {row["Name"]: row for row in csv.DictReader(open(stats_csv)) if row["Name"] != "Aggregated"}


def run_locust(locustfile, prefix, users, seconds, classes, port):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(locustfile),
            *classes,
            "--headless",
            "-u",
            str(users),
            "-r",
            "25",
            "-t",
            f"{seconds}s",
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
    return read_stats(f"{prefix}_stats.csv")


def report(queries, under_load, alone):
    """One table: queries, p50/p95 at each number of users, requests per second alone, × bare page."""
    bare = float(alone.get("bare Wagtail page", {}).get("Requests/s", 0) or 0)
    loads = list(under_load)
    header = f"{'page':<22} {'queries':>7}"
    for users in loads:
        header += f" {f'p50@{users}':>7} {f'p95@{users}':>7} {f'fail@{users}':>7}"
    header += f" {'req/s alone':>11} {'x bare':>6}"
    print(header)
    problems = []
    for name in ["bare Wagtail page", *BUDGETED, "verify page"]:
        line = f"{name:<22} {str(queries.get(name, '')):>7}"
        for users in loads:
            row = under_load[users].get(name)
            if row is None:
                line += f" {'':>7} {'':>7} {'':>7}"
                continue
            line += f" {row['50%']:>7} {row['95%']:>7} {row['Failure Count']:>7}"
            if name in BUDGETED and float(row["95%"]) > 100:
                problems.append(f"{name} p95 {row['95%']} ms at {users} users")
            if int(row["Failure Count"]):
                problems.append(f"{name}: {row['Failure Count']} failures at {users} users")
        own = float(alone.get(name, {}).get("Requests/s", 0) or 0)
        ratio = own / bare if bare else 0
        line += f" {own:>11.1f} {ratio:>6.2f}" if name in alone else ""
        if name in BUDGETED and ratio < 1.0:
            problems.append(f"{name} serves {ratio:.2f}x the bare page")
        print(line)
    print("over budget: " + "; ".join(problems) if problems else "every page within budget")


def main():
    counts, sessions, enrollment_ids, facilitator_session, code, cohort_id = build()
    print(
        f"{counts[0]} cohorts, {counts[1]} participants, {counts[2]} submissions "
        f"({os.environ['DATABASE_URL'].split(':')[0]}); users arrive signed in; each waits 0.2-1.0 s between pages"
    )
    from django.conf import settings

    print(
        f"cache: {CACHE}; sessions: {settings.SESSION_ENGINE.rsplit('.', 1)[-1]}; cached for everyone: the site, "
        "contact settings, each program's outline and URL map (under the content's version), each page's "
        "rendered materials (under its live revision); "
        + (
            f"each person's pages kept whole for {settings.PAGE_CACHE_SECONDS} s at most, under the generations of "
            "everything they show (pd_platform.page_cache); queries: rendered/kept"
            if settings.PAGE_CACHE
            else "never cached: anything of one person"
        )
    )
    queries = queries_per_page(enrollment_ids[0], cohort_id)
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
        under_load = {
            users: run_locust(
                locustfile, WORK / f"load-{users}", users, SECONDS, ["Participant", "Facilitator", "Visitor"], port
            )
            for users in USERS
        }
        alone = {}
        for cls in ALONE.values():
            alone.update(run_locust(locustfile, WORK / f"alone-{cls}", 8, ALONE_SECONDS, [cls], port))
        print(
            f"\ngunicorn with 4 workers on loopback; under load for {SECONDS} s; each page alone for {ALONE_SECONDS} s with 8 users"
        )
        report(queries, under_load, alone)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
