"""Browser tests: a real server driven by Playwright in the system Chromium.

Where PostgreSQL (``DATABASE_URL``) and Redis are at hand, as in CI's second run, the site
runs the production profile (``manage.py serve_production``: gunicorn, a Celery worker and
beat) on a fresh PostgreSQL database; elsewhere gunicorn with eager tasks on SQLite."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from pd_platform.createdb import drop_database, ensure_database, with_database
from tests.servers import Site, production_profile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# The production profile's broker: a Redis database of its own per pytest-xdist worker (each worker that
# runs browser tests starts its own site), so that no worker's Celery takes another site's tasks.
# E2E_REDIS_DB sets it for a run beside another.
E2E_REDIS_DB = int(
    os.environ.get("E2E_REDIS_DB") or {"": 13, "gw0": 13, "gw1": 11}.get(os.environ.get("PYTEST_XDIST_WORKER", ""), 9)
)


def _wait_for_the_seeds_tasks(site, seconds=300):
    """The demo's seeding leaves tasks for the worker (certificates to produce, hours to keep in step): the site is
    ready, as a deployed one would be, once the outbox has handed all over and the worker's queue is empty, twice in
    a row (a task done may queue the next, as an award queues its certificate's production)."""
    import time

    quiet, deadline = 0, time.monotonic() + seconds
    while quiet < 2 and time.monotonic() < deadline:
        waiting = site.python(
            "from pd_platform.models import QueuedTask; print(QueuedTask.objects.filter(dispatched_at__isnull=True).count())"
        )
        queued = subprocess.run(
            ["redis-cli", "-n", str(E2E_REDIS_DB), "llen", "celery"], capture_output=True, text=True
        ).stdout.strip()
        quiet = quiet + 1 if waiting == "0" and queued in ("0", "") else 0
        time.sleep(2)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no system Chromium (apt-get install chromium); .ci/run installs it")
    var_dir = tmp_path_factory.mktemp("site")
    server_url = production_profile()
    if server_url:
        database_url = with_database(server_url, f"pd_e2e_{uuid.uuid4().hex[:8]}")
        ensure_database(database_url)
        subprocess.run(["redis-cli", "-n", str(E2E_REDIS_DB), "flushdb"], capture_output=True)
        site = Site(
            var_dir,
            DATABASE_URL=database_url,
            CELERY_BROKER_URL=f"redis://127.0.0.1:6379/{E2E_REDIS_DB}",
            OUTBOX_SWEEP_SECONDS=2,
        )
    else:
        site = Site(var_dir)
    try:
        site.install()
        if server_url:
            site.start(log=var_dir / "serve.log")
            _wait_for_the_seeds_tasks(site)
        else:
            site.start_gunicorn(log=var_dir / "gunicorn.log")
        yield site
    finally:
        site.stop()
        if server_url:
            drop_database(database_url)


@pytest.fixture(scope="module")  # closed after each module: Playwright's event loop would otherwise stay
def browser(site):  # running in this worker, and Django refuses database work from the tests sent after it
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


AXE_DIR = Path(__file__).resolve().parent / ".node"


def npm_package(folder, spec, *, needs=("npm",)):
    """The folder of an npm package installed into ``folder`` from the registry by the test set-up (not
    committed), or a skip that says why it could not be."""
    name = spec.rsplit("@", 1)[0]
    package = folder / "node_modules" / name
    if not package.exists():
        missing = [tool for tool in needs if shutil.which(tool) is None]
        if missing:
            pytest.skip(f"{' and '.join(missing)} missing: {name} cannot be installed and run (apt-get install npm)")
        folder.mkdir(exist_ok=True)
        result = subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", spec],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0 or not package.exists():
            pytest.skip(f"{name} could not be installed from the npm registry: {result.stderr[-300:]}")
    return package


@pytest.fixture(scope="session")
def axe_source():
    """axe-core, installed from the npm registry by the test set-up (not committed)."""
    return (npm_package(AXE_DIR, "axe-core@4") / "axe.min.js").read_text()


@pytest.fixture
def axe_page(browser):
    """A page whose context lets the test inject axe-core past the site's CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, site, email, password):
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
