"""Load benchmark: 50 cohorts, 5,000 participants, 100,000 submissions (LOAD_SCALE=4: four times
that, which `make bench` runs too); 20 and then 50 locust users on loopback against gunicorn (LOAD_USERS=20,50), then each page
alone at full speed against a bare Wagtail page (a page of no specific type in the site's base
template) served by the same gunicorn in the same run. Prints, per page: queries, p50/p95 under
load, requests per second alone and the ratio to the bare page. A district of 500 teachers (2,000 at
LOAD_SCALE=4) and its coordinator, whose pages (the workspace, its people, their health, the impact
report) are measured too.

    python tests/bench/bench_load.py                    # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_load.py   # a fresh database there, dropped after

Budget (DESIGN.md, issue 14): the participant's home, module page, participant progress, review
queue and gradebook p95 under 100 ms at 50 users, and each at least the requests per second of
the bare page.
"""

import csv
import json
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
from tests.bench import in_process  # noqa: E402
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
# The district coordinator's pages: the workspace, its people, their cohorts' health, the impact report.
DISTRICT_URLS = {
    "district dashboard": "/districts/{district}/",
    "district people": "/districts/{district}/reports/people/",
    "district health": "/cohorts/districts/{district}/health/",
    "impact report": "/impact/districts/{district}/",
}
BENCH_REDIS = f"redis://127.0.0.1:6379/{os.environ.get('BENCH_REDIS_DB', '7')}"  # another for a second run beside


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
USERS = [int(n) for n in os.environ.get("LOAD_USERS", "20,50").split(",") if n]  # LOAD_USERS= : in process only
SECONDS = int(os.environ.get("LOAD_SECONDS", "40"))
SCALE = int(os.environ.get("LOAD_SCALE", "1"))
ALONE_SECONDS = int(os.environ.get("LOAD_ALONE_SECONDS", "10"))
# A cohort is 200 people at any scale: the spike runs with the 1x data unless asked (0: none).
SPIKE_SECONDS = int(os.environ.get("LOAD_SPIKE_SECONDS", "60" if SCALE == 1 else "0"))
BUDGETED = ["participant home", "module page", "participant progress", "review queue", "gradebook"]

LOCUSTFILE = '''
import collections, itertools, json, os, random, re
from locust import FastHttpUser, between, constant, events, task

SESSIONS = {sessions}
ENROLLMENTS = {enrollments}
REVISABLE = {revisable}  # per sampled participant: assignments they may still submit
FACILITATOR_SESSION = "{facilitator_session}"
ADMIN_SESSION = "{admin_session}"
COORDINATOR_SESSION = "{coordinator_session}"
CODE = "{code}"
MATERIALS_PAGE, BLOCKS = {materials_page}, {blocks}
SPIKE = {spike}  # (session, enrollment) of one cohort's people, for the spike
CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # a secret of Django's length, as a cookie and in the form
TALLY = collections.defaultdict(collections.Counter)  # page -> what the page cache did (X-Page-Cache)


@events.quitting.add_listener
def _write_tally(environment, **kwargs):
    if os.environ.get("PAGE_CACHE_TALLY"):
        with open(os.environ["PAGE_CACHE_TALLY"], "w") as out:
            json.dump(TALLY, out)

# FastHttpUser (geventhttpclient): the load generator shares the two cores with the server, so
# the lighter its client, the more of them measure the pages.
def signed_in(user, session_key):
    user.headers = {{"Cookie": f"sessionid={{session_key}}; csrftoken={{CSRF}}"}}


def page(user, url, name):
    """A page that must answer 200 itself: a redirect (to the login page, say) is a failure."""
    headers = getattr(user, "headers", {{}})
    with user.client.get(url, name=name, headers=headers, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {{response.status_code}}")
        TALLY[name][response.headers.get("X-Page-Cache") or "not kept"] += 1


def write(user, url, name, fields, accept="text/html"):
    """A form sent as the page sends it: 200 (the form again, or JSON) or a redirect back."""
    headers = {{**user.headers, "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}}
    body = "&".join(f"{{k}}={{v}}" for k, v in {{**fields, "csrfmiddlewaretoken": CSRF}}.items())
    with user.client.post(url, data=body, name=name, headers=headers, allow_redirects=False, catch_response=True) as response:
        if response.status_code not in (200, 302, 303):
            response.failure(f"status {{response.status_code}}")

class Participant(FastHttpUser):
    weight = 6
    wait_time = between(0.2, 1.0)
    def on_start(self):
        i = random.randrange(len(SESSIONS))
        self.enrollment = ENROLLMENTS[i]
        self.revisable = list(REVISABLE[i])
        signed_in(self, SESSIONS[i])
    @task(1)
    def writes(self):
        """About one write per ten reads: a post, a revision or a material marked done (or undone)."""
        base = f"/cohorts/enrollments/{{self.enrollment}}"
        kind = random.choice(["post", "revision", "material"])
        if kind == "revision" and self.revisable:
            key = self.revisable.pop()
            write(self, f"{{base}}/activities/{{key}}/", "write: a revision", {{"source": "My+learning+targets"}})
        elif kind == "material":
            fields = {{"block": random.choice(BLOCKS), "done": random.choice("01")}}
            write(self, f"{{base}}/materials/{{MATERIALS_PAGE}}/", "write: material marked", fields, "application/json")
        else:
            write(self, f"{{base}}/activities/lbg-m00-introductions/", "write: discussion post", {{"source": "Hello+all"}})
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

class Coordinator(FastHttpUser):
    weight = 1
    wait_time = between(0.2, 1.0)
    def on_start(self):
        signed_in(self, COORDINATOR_SESSION)
    @task(3)
    def dashboard(self):
        page(self, "/districts/{district}/", "district dashboard")
    @task(1)
    def people(self):
        page(self, "/districts/{district}/reports/people/", "district people")
    @task(1)
    def health(self):
        page(self, "/cohorts/districts/{district}/health/", "district health")
    @task(1)
    def impact(self):
        page(self, "/impact/districts/{district}/", "impact report")

class Visitor(FastHttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)
    @task
    def verify(self):
        page(self, f"/certificates/verify/{{CODE}}/", "verify page")


# The spike: a whole cohort opening the course within a minute, each person once.
SPIKE_PEOPLE = itertools.count()

class Spike(FastHttpUser):
    wait_time = constant(600)
    def on_start(self):
        session, enrollment = SPIKE[next(SPIKE_PEOPLE) % len(SPIKE)]
        signed_in(self, session)
        page(self, "/dashboard/", "spike: home")
        page(self, "/mastery-learning-and-grading/", "spike: program page")
        page(self, f"/cohorts/enrollments/{{enrollment}}/progress/", "spike: progress")
    @task
    def stay(self):
        pass


# Each page alone, as fast as it answers: its requests per second against the bare page's.
def alone(name, url, facilitator=False, session=None):
    class Alone(FastHttpUser):
        wait_time = constant(0)
        def on_start(self):
            i = random.randrange(len(SESSIONS))
            self.url = url.replace("ENROLLMENT", str(ENROLLMENTS[i]))
            chosen = FACILITATOR_SESSION if facilitator else SESSIONS[i] if session is None else session
            if chosen:
                signed_in(self, chosen)
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
VerifyPage = alone("verify page", f"/certificates/verify/{{CODE}}/", session="")
FacilitatorHome = alone("facilitator home", "/dashboard/", facilitator=True)
OfficeDashboard = alone("office dashboard", "/dashboard/", session=ADMIN_SESSION)
DistrictDashboard = alone("district dashboard", "/districts/{district}/", session=COORDINATOR_SESSION)
ImpactReport = alone("impact report", "/impact/districts/{district}/", session=COORDINATOR_SESSION)
'''
ALONE = {
    "bare Wagtail page": "BareWagtailPage",
    "participant home": "ParticipantHome",
    "module page": "ModulePage",
    "participant progress": "ParticipantProgress",
    "review queue": "ReviewQueue",
    "gradebook": "Gradebook",
    "verify page": "VerifyPage",
    "facilitator home": "FacilitatorHome",
    "office dashboard": "OfficeDashboard",
    "district dashboard": "DistrictDashboard",
    "impact report": "ImpactReport",
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
    admin = User.objects.create(email="load-admin@example.org", full_name="Load Office", password=hashed)
    admin.groups.add(Group.objects.get(name="Admin"))
    sample = random.sample(range(5000 * SCALE), 400)
    # The spike's cohort: the first workshop series cohort (233 people at any scale), 200 of them.
    spike = [e for e in enrollments[5000 * SCALE :] if e.cohort_id == cohorts[35 * SCALE].pk][:200]
    district, coordinator = build_district(users[: 500 * SCALE], hashed)
    from cohorts.coursework.materials import materials_of
    from modules.models import ModulePage

    module = ModulePage.objects.get(slug="module-02")
    people = {u.pk: u for u in users}
    return {
        "counts": counts,
        "sessions": [signed_in_session(users[i]) for i in sample],
        "enrollments": [enrollments[i].pk for i in sample],
        "revisable": revisable([enrollments[i].pk for i in sample]),
        "facilitator_session": signed_in_session(facilitator),
        "admin_session": signed_in_session(admin),
        "code": certificate.code,
        "cohort": cohorts[0].pk,
        "materials_page": module.pk,
        "blocks": [item.id for item in materials_of(module.body) if item.markable],
        "spike": [(signed_in_session(people[e.user_id]), e.pk) for e in spike],
        "district": district.pk,
        "coordinator_session": signed_in_session(coordinator),
    }


def build_district(teachers, hashed):
    """A district of 500 teachers (2,000 at LOAD_SCALE=4, the issue's district), each in a course cohort and
    most in a series cohort too, placed there by the program office; its PD coordinator."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cohorts.districts.models import DistrictCoordinator
    from cohorts.registration.models import District, DistrictMembership
    from pd_platform.accounts.models import User

    district = District.objects.create(name="Load Unified")
    now = timezone.now()
    DistrictMembership.objects.bulk_create(
        [DistrictMembership(user=u, district=district, source="office", set_at=now) for u in teachers],
        batch_size=1000,
    )
    coordinator = User.objects.create(
        email="load-coordinator@example.org", full_name="Load Coordinator", password=hashed
    )
    coordinator.groups.add(Group.objects.get(name="District coordinator"))
    DistrictCoordinator.objects.create(user=coordinator, district=district, granted_at=now)
    return district, coordinator


def revisable(enrollment_ids):
    """Per enrollment, the assignments its participant may submit now (missing or needing a
    revision, the Welcome module complete): the mixed workload's revisions."""
    from cohorts.coursework.models import Submission

    rows = Submission.objects.filter(enrollment_id__in=enrollment_ids).values_list(
        "enrollment_id", "activity__key", "activity__kind", "status"
    )
    welcome_done, open_ = set(), {pk: [] for pk in enrollment_ids}
    for enrollment_id, key, kind, status in rows:
        if key == "lbg-m00-introductions" and status == "complete":
            welcome_done.add(enrollment_id)
        elif kind != "discussion" and status in ("missing", "needs_revision"):
            open_[enrollment_id].append(key)
    return [open_[pk] if pk in welcome_done else [] for pk in enrollment_ids]


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


TARGET_SET_PAGE = "target set 40x40"


def _largest_target_set(participant):
    """The participant's learning-target set at the builder's maximum (made once, kept with the data)."""
    from cohorts.toolkit.models import TargetSet
    from tests.toolkit.largest import build_largest_set

    found = TargetSet.objects.filter(owner=participant, course_name="8th grade physical science").first()
    return (found or build_largest_set(participant)).pk


def pages_in_process(built):
    """Each page with a client signed in as its reader (the verify page: anyone), for ``in_process``."""
    from django.test import Client

    from cohorts.registration.models import Enrollment
    from pd_platform.accounts.models import User

    def signed_in_client(user):
        client = Client(SERVER_NAME="127.0.0.1")
        if user is not None:
            client.force_login(user)
        return client

    enrollment_id = built["enrollments"][0]
    participant = Enrollment.objects.get(pk=enrollment_id).user
    facilitator = User.objects.get(email="load-facilitator@example.org")
    admin = User.objects.get(email="load-admin@example.org")
    coordinator = User.objects.get(email="load-coordinator@example.org")
    readers = {user: signed_in_client(user) for user in (participant, facilitator, admin, coordinator, None)}
    largest = _largest_target_set(participant)
    pages = {
        "bare Wagtail page": (participant, "/bare/"),
        "participant home": (participant, "/dashboard/"),
        "module page": (participant, "/learning-based-grading/module-02/"),
        "participant progress": (participant, f"/cohorts/enrollments/{enrollment_id}/progress/"),
        "review queue": (facilitator, "/cohorts/review/"),
        "gradebook": (facilitator, f"/cohorts/{built['cohort']}/gradebook/"),
        "verify page": (None, f"/certificates/verify/{built['code']}/"),
        TARGET_SET_PAGE: (participant, f"/toolkit/targets/{largest}/"),
        "facilitator home": (facilitator, "/dashboard/"),
        "office dashboard": (admin, "/dashboard/"),
        **{name: (coordinator, url.format(district=built["district"])) for name, url in DISTRICT_URLS.items()},
    }
    return {name: (readers[user], url, user) for name, (user, url) in pages.items()}


def read_stats(stats_csv):
    return {row["Name"]: row for row in csv.DictReader(open(stats_csv)) if row["Name"] != "Aggregated"}


def run_locust(locustfile, prefix, users, seconds, classes, port, rate=25):
    """Runs locust; its figures per request name, and what the page cache did per page."""
    tally = Path(f"{prefix}_page_cache.json")
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
            str(rate),
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
        env={**os.environ, "PAGE_CACHE_TALLY": str(tally)},
    )
    stats = read_stats(f"{prefix}_stats.csv")
    for name, counted in (json.loads(tally.read_text()) if tally.exists() else {}).items():
        if name in stats:
            stats[name]["page cache"] = counted
    return stats


def hit_rate(row):
    counted = row.get("page cache") or {}
    total = sum(counted.values())
    return f"{counted.get('hit', 0) / total:.0%}" if total and set(counted) != {"not kept"} else "-"


PAGES = [*BUDGETED, "verify page", "facilitator home", "office dashboard", *DISTRICT_URLS]
WRITES = ["write: discussion post", "write: a revision", "write: material marked"]


def report(figures, under_load, alone):
    """One table: queries (cache off, in process), p50/p95 and page-cache hits at each number of
    users of the mixed workload, requests per second alone and its ratio to the bare page."""
    bare = float(alone.get("bare Wagtail page", {}).get("Requests/s", 0) or 0)
    loads = list(under_load)
    header = f"{'page':<23} {'queries':>7}"
    for users in loads:
        header += f" {f'p50@{users}':>7} {f'p95@{users}':>7} {f'hits@{users}':>7} {f'fail@{users}':>7}"
    header += f" {'req/s alone':>11} {'x bare':>6}"
    print(header)
    problems = []
    for name in ["bare Wagtail page", *PAGES, *WRITES]:
        queries = figures.get(name, {}).get("off", {}).get("queries", "")
        line = f"{name:<23} {queries!s:>7}"
        for users in loads:
            row = under_load[users].get(name)
            if row is None:
                line += f" {'':>7} {'':>7} {'':>7} {'':>7}"
                continue
            line += f" {row['50%']:>7} {row['95%']:>7} {hit_rate(row):>7} {row['Failure Count']:>7}"
            if name in PAGES and float(row["95%"]) > 100:
                problems.append(f"{name} p95 {row['95%']} ms at {users} users")
            if int(row["Failure Count"]):
                problems.append(f"{name}: {row['Failure Count']} failures at {users} users")
        own = float(alone.get(name, {}).get("Requests/s", 0) or 0)
        ratio = bare / own if own else 0
        line += f" {own:>11.1f} {ratio:>6.2f}" if name in alone else ""
        if name in PAGES and ratio > 1.0:  # DESIGN.md: at least the bare page's requests per second
            problems.append(f"{name} alone costs {ratio:.2f}x the bare page")
        print(line)
    for users in loads:
        reads = sum(
            int(row["Request Count"]) for name, row in under_load[users].items() if not name.startswith("write")
        )
        writes = sum(int(row["Request Count"]) for name, row in under_load[users].items() if name.startswith("write"))
        kept = [row.get("page cache") or {} for row in under_load[users].values()]
        hits = sum(c.get("hit", 0) for c in kept)
        cacheable = sum(sum(c.values()) - c.get("not kept", 0) for c in kept)
        print(
            f"{users} users: {reads} reads, {writes} writes (1 per {reads / max(writes, 1):.0f} reads); "
            f"page cache: {hits} hits of {cacheable} pages it may keep ({hits / max(cacheable, 1):.0%})"
        )
    print("over budget: " + "; ".join(problems) if problems else "every page within budget")


def report_spike(spike, people, seconds):
    print(
        f"\nspike: {people} people of one cohort open their home, the program page and their progress within {seconds} s"
    )
    print(f"{'page':<23} {'requests':>8} {'p50':>7} {'p95':>7} {'max':>7} {'fail':>5} {'hits':>5}")
    for name, row in spike.items():
        print(
            f"{name:<23} {row['Request Count']:>8} {row['50%']:>7} {row['95%']:>7} "
            f"{float(row['Max Response Time']):>7.0f} {row['Failure Count']:>5} {hit_rate(row):>5}"
        )


def main():
    built = build()
    counts = built["counts"]
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
            "everything they show (pd_platform.page_cache)"
            if settings.PAGE_CACHE
            else "never cached: anything of one person"
        )
    )
    from pd_platform.page_cache.generations import ALL, generations

    pages = pages_in_process(built)
    figures = in_process.measure(pages)
    in_process.report(figures)
    client, url, _ = pages[TARGET_SET_PAGE]
    print(f"{TARGET_SET_PAGE}: {len(client.get(url).content) / 1000:.0f} kB of HTML (budget 300 kB, 150 ms)")
    if os.environ.get("BENCH_PROFILE") == "1":
        in_process.profile(pages)
    problems = in_process.check_baseline(figures)
    participant, _, _ = pages["participant home"]
    base = f"/cohorts/enrollments/{built['enrollments'][0]}"
    revisable = built["revisable"][0]
    writes = {
        "write: discussion post": (f"{base}/activities/lbg-m00-introductions/", {"source": "Hello all"}),
        "write: material marked": (f"{base}/materials/{built['materials_page']}/", {"block": built["blocks"][0]}),
    }
    if revisable:
        writes["write: a revision"] = (f"{base}/activities/{revisable[-1]}/", {"source": "My learning targets"})
    in_process.attribution(participant, writes)
    if not USERS:
        return 1 if problems else 0
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
                sessions=built["sessions"],
                enrollments=built["enrollments"],
                revisable=built["revisable"],
                code=built["code"],
                facilitator_session=built["facilitator_session"],
                admin_session=built["admin_session"],
                coordinator_session=built["coordinator_session"],
                district=built["district"],
                cohort=built["cohort"],
                materials_page=built["materials_page"],
                blocks=built["blocks"],
                spike=built["spike"],
            )
        )
        under_load, unattributed = {}, {}
        for users in USERS:
            since = generations([ALL])[ALL] if settings.PAGE_CACHE else 0
            under_load[users] = run_locust(
                locustfile,
                WORK / f"load-{users}",
                users,
                SECONDS,
                ["Participant", "Facilitator", "Coordinator", "Visitor"],
                port,
            )
            unattributed[users] = in_process.everything_moved(since) if settings.PAGE_CACHE else "-"
        alone = {}
        for cls in ALONE.values():
            alone.update(run_locust(locustfile, WORK / f"alone-{cls}", 8, ALONE_SECONDS, [cls], port))
        print(
            f"\ngunicorn with 4 workers on loopback; the mixed workload for {SECONDS} s (participants reading and "
            f"writing, facilitators reviewing, a district coordinator reading, visitors verifying); each page alone for {ALONE_SECONDS} s with 8 "
            "users (x bare: the bare page's requests per second / the page's)"
        )
        report(figures, under_load, alone)
        print(
            "writes that emptied everyone's kept pages during the mixed workload: "
            + ", ".join(f"{n} at {users} users" for users, n in unattributed.items())
        )
        if SPIKE_SECONDS:
            people = len(built["spike"])
            spike = run_locust(
                locustfile, WORK / "spike", people, SPIKE_SECONDS + 20, ["Spike"], port, rate=people / SPIKE_SECONDS
            )
            report_spike(spike, people, SPIKE_SECONDS)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)  # after the spike its workers may still be answering
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
