"""PostgreSQL restarted during a load run: requests fail cleanly (503 with Retry-After and a
page that says so, never a hang or a traceback) and service resumes on its own once the
server is back. The test runs its own PostgreSQL cluster, so it can stop it at will."""

import random
import threading
import time

import pytest
import requests

from tests.servers import PostgresServer, Site, postgres_bin

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(
        postgres_bin() is None,
        reason="needs PostgreSQL's server programs (initdb, pg_ctl) to run a cluster it may restart",
    ),
]

CLIENTS = 4


def test_requests_fail_cleanly_while_postgresql_restarts_and_service_resumes(tmp_path):
    postgres = PostgresServer().init()
    postgres.start()
    postgres.create_database("pd")
    # Persistent connections (as in production): every one of them breaks in the restart.
    site = Site(tmp_path, DATABASE_URL=postgres.url("pd"), DB_CONN_MAX_AGE=600)
    results = []
    try:
        site.install()
        code = site.python(
            "from certificates.models import Certificate; "
            "print(Certificate.objects.filter(revoked_at__isnull=True).first().code)"
        )
        site.start_gunicorn(workers=2, log=tmp_path / "gunicorn.log")
        paths = ["/", "/learning-based-grading/", "/api/cohorts/", f"/certificates/verify/{code}/"]
        stop = threading.Event()

        def client():
            session = requests.Session()
            for _ in range(5000):  # bounded: the run below stops it far sooner
                if stop.is_set():
                    return
                started = time.monotonic()
                try:
                    response = session.get(site.url + random.choice(paths), timeout=15, allow_redirects=False)
                    results.append(
                        (
                            started,
                            response.status_code,
                            time.monotonic() - started,
                            response.headers.get("Retry-After"),
                            response.text,
                        )
                    )
                except requests.RequestException as error:
                    results.append((started, type(error).__name__, time.monotonic() - started, None, str(error)))
                time.sleep(0.05)

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(4)
        outage_began = time.monotonic()
        postgres.stop("fast")
        time.sleep(4)
        postgres.start()
        outage_ended = time.monotonic()
        time.sleep(8)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        site.stop()
        postgres.remove()

    statuses = {status for _, status, *_ in results}
    assert statuses <= {200, 503}, f"answers other than 200 and 503: {statuses - {200, 503}}"
    before = [r for r in results if r[0] + r[2] < outage_began]
    assert before and all(r[1] == 200 for r in before), "the site was not serving before the restart"
    unavailable = [r for r in results if r[1] == 503]
    assert unavailable, "no request met the outage"
    assert all(r[3] == "30" and "Back in a moment" in r[4] for r in unavailable), (
        "a 503 without Retry-After or its page"
    )
    slowest = max(r[2] for r in results)
    assert slowest < 5, f"a request hung for {slowest:.1f} s"
    after = [r for r in results if r[0] > outage_ended + 3]
    assert after and all(r[1] == 200 for r in after), (
        f"{sum(r[1] != 200 for r in after)} of {len(after)} requests failed 3 s after PostgreSQL was back"
    )
    print(
        f"{len(results)} requests: {len(before)} before the restart, {len(unavailable)} answered 503 during it, "
        f"{len(after)} after it all 200; slowest {slowest * 1000:.0f} ms"
    )
