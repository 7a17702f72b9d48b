"""Benchmark: certificate rendering and signing, and issuing 200 through a real Celery worker.

    python tests/bench/bench_certificates.py            # SQLite file + Redis on 127.0.0.1:6379
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_certificates.py   # a fresh database there, dropped after

Prints seconds to render one certificate, to sign it, signing's share (budget: signing adds
at most 20% to the bare render) and the throughput of 200 certificates issued by a worker.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.databases import use_fresh_database  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="pd-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK}/bench.sqlite3")
use_fresh_database("pd_bench_certificates")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ["PD_VAR_DIR"] = str(WORK)
os.environ["DJANGO_SETTINGS_MODULE"] = "pd_platform.settings"
os.environ.setdefault("EMAIL_URL", "dummymail://")

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "200"))


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))


def make_enrollments(count):
    from datetime import date

    from cohorts.coursework.models import Submission
    from cohorts.coursework.selectors import program_activities
    from cohorts.registration.models import Cohort, Enrollment
    from modules.models import CoursePage
    from pd_platform.accounts.models import User

    course = CoursePage.objects.get(slug="learning-based-grading")
    cohort = Cohort.objects.create(
        program=course,
        name=f"Bench {time.time():.0f}",
        start_date=date.today(),
        end_date=date.today(),
        capacity=count + 1,
        time_zone="America/Los_Angeles",
    )
    activities = program_activities(course.pk)
    users = User.objects.bulk_create(
        [User(email=f"bench-{cohort.pk}-{i}@example.org", full_name=f"Bench Participant {i}") for i in range(count)]
    )
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(cohort=cohort, user=u, status="registered", payment_method="online") for u in users]
    )
    Submission.objects.bulk_create(
        [Submission(enrollment=e, activity=a, status="complete") for e in enrollments for a in activities]
    )
    return enrollments


def render_and_sign_timings(samples=15):
    from certificates import pdf, services, signing

    enrollment = make_enrollments(1)[0]
    certificate = services._new_certificate(enrollment, __import__("django.utils.timezone").utils.timezone.now())
    pdf.render_certificate_pdf(certificate)  # warm fonts and templates
    signing.sign_pdf(pdf.render_certificate_pdf(certificate), "warm-up")
    renders, signs = [], []
    for _ in range(samples):
        t0 = time.perf_counter()
        data = pdf.render_certificate_pdf(certificate)
        t1 = time.perf_counter()
        signing.sign_pdf(data, "bench")
        t2 = time.perf_counter()
        renders.append(t1 - t0)
        signs.append(t2 - t1)
    return statistics.median(renders), statistics.median(signs)


def worker_throughput(count):
    from certificates.models import Certificate
    from certificates.tasks import award_certificate

    enrollments = make_enrollments(count)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pd_platform",
            "worker",
            "--concurrency",
            "2",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        time.sleep(3)
        start = time.perf_counter()
        for e in enrollments:
            award_certificate.delay(e.pk)
        ids = [e.pk for e in enrollments]
        deadline = time.monotonic() + 1200
        while True:
            ready = Certificate.objects.filter(enrollment_id__in=ids).exclude(sha256="").count()
            if ready >= count or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        issued = Certificate.objects.filter(enrollment_id__in=ids).count()
        return ready, issued, elapsed
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main():
    setup()
    render, sign = render_and_sign_timings()
    print(f"render one certificate (median): {render:.3f} s")
    print(f"sign it (median):                {sign:.3f} s")
    print(f"render + sign:                   {render + sign:.3f} s")
    print(f"signing adds {100 * sign / render:.1f}% to the bare render (budget: at most 20%)")
    ready, issued, elapsed = worker_throughput(COUNT)
    print(
        f"{ready} of {COUNT} certificates rendered, signed and stored by a Celery worker (2 processes, "
        f"Redis broker, {os.environ['DATABASE_URL'].split(':')[0]}) in {elapsed:.1f} s: "
        f"{ready / elapsed:.2f} certificates/s; {issued} certificate rows (one per enrollment)"
    )
    return 0 if sign <= 0.2 * render and ready == COUNT == issued else 1


if __name__ == "__main__":
    sys.exit(main())
