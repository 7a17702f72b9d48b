"""Benchmark: certificate rendering and signing, and issuing 200 through a real Celery worker.

    python tests/bench/bench_certificates.py            # SQLite file + Redis on 127.0.0.1:6379
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_certificates.py   # a fresh database there, dropped after

Prints seconds to render the certificate page bare (plain WeasyPrint), to make its Open Badges
credential, to render it as issued (PDF/A-3b, tagged, credential attached) and to sign it; the
share the credential and the signature add to the render (budget: at most 20%), the ratio of
the whole to the plain render; and the throughput of 200
certificates issued by a worker.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.databases import use_fresh_database  # noqa: E402
from tests.servers import start_celery  # noqa: E402

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
    """Median seconds of: the bare render (plain WeasyPrint, the same page), the credential (build
    and sign the VC-JWT), the archival render (PDF/A-3b, tagged, credential attached) and the signature."""
    from django.utils import timezone

    from certificates import pdf, services, signing
    from certificates.credentials import open_badges as credentials

    enrollment = make_enrollments(1)[0]
    certificate = services._new_certificate(enrollment, timezone.now())
    program = enrollment.cohort.program.specific

    def credential():
        achievement = credentials.achievement_of(program, certificate.hours)
        built = credentials.credential_of(certificate, achievement, credentials.issuer_profile(), enrollment.user.email)
        return credentials.secure(built)

    token = credential()  # warm keys, fonts and templates
    signing.sign_pdf(pdf.render_certificate_pdf(certificate, token), "warm-up")
    pdf.render_bare_pdf(certificate)
    bare, creds, archival, signs = [], [], [], []
    for _ in range(samples):
        t0 = time.perf_counter()
        pdf.render_bare_pdf(certificate)
        t1 = time.perf_counter()
        token = credential()
        t2 = time.perf_counter()
        data = pdf.render_certificate_pdf(certificate, token)
        t3 = time.perf_counter()
        signing.sign_pdf(data, "bench")
        t4 = time.perf_counter()
        bare.append(t1 - t0)
        creds.append(t2 - t1)
        archival.append(t3 - t2)
        signs.append(t4 - t3)
    median = statistics.median
    return median(bare), median(creds), median(archival), median(signs)


def worker_throughput(count):
    from certificates.models import Certificate
    from certificates.tasks import award_certificate

    enrollments = make_enrollments(count)
    worker = start_celery(
        [
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
    bare, credential, archival, sign = render_and_sign_timings()
    whole = credential + archival + sign
    print(f"bare render of the certificate page (median):      {bare:.3f} s")
    print(f"Open Badges credential, built and signed (median): {credential:.4f} s")
    print(f"archival render: PDF/A-3b, tagged, credential in:   {archival:.3f} s")
    print(f"PAdES signature (median):                          {sign:.3f} s")
    print(f"certificate as issued (credential + render + sign): {whole:.3f} s")
    added = (credential + sign) / archival
    print(
        f"credential + signature add {100 * added:.1f}% to the render as issued (budget: at most 20%, as "
        f"signing alone had before the credential)"
    )
    print(
        f"ratio to the plain render (no archive profile, tags or attachment): {whole / bare:.2f}; the archive "
        f"profile and tags alone make the render {archival / bare:.2f} of the plain one"
    )
    ready, issued, elapsed = worker_throughput(COUNT)
    print(
        f"{ready} of {COUNT} certificates rendered, signed and stored by a Celery worker (2 processes, "
        f"Redis broker, {os.environ['DATABASE_URL'].split(':')[0]}) in {elapsed:.1f} s: "
        f"{ready / elapsed:.2f} certificates/s; {issued} certificate rows (one per enrollment)"
    )
    return 0 if added <= 0.2 and ready == COUNT == issued else 1


if __name__ == "__main__":
    sys.exit(main())
