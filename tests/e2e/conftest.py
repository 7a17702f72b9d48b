"""Browser tests: a real server (gunicorn, production settings but plain HTTP) on its own
SQLite database, driven by Playwright in the system Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, url, var_dir, env):
        self.url = url
        self.var_dir = var_dir
        self.env = env

    def manage(self, *args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
                              capture_output=True, text=True).stdout

    def python(self, code):
        """Run Django code against the site's database (what time passing or an admin would do)."""
        return self.manage("shell", "-c", code)

    def emails_to(self, address):
        """Messages the site sent to ``address``, oldest first (read from the file backend)."""
        mail_dir = self.var_dir / "mail"
        messages = []
        for path in sorted(mail_dir.glob("*"), key=lambda p: p.stat().st_mtime) if mail_dir.exists() else []:
            for chunk in path.read_bytes().split(b"-" * 79):
                if chunk.strip():
                    msg = message_from_bytes(chunk.strip())
                    if address in (msg["To"] or ""):
                        messages.append(msg)
        return messages


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no system Chromium (apt-get install chromium); .ci/run installs it")
    var_dir = tmp_path_factory.mktemp("site")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "pd_platform.settings",
        "PD_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir}/db.sqlite3",
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(var_dir / "mail"),
        "DJANGO_DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "CELERY_BROKER_URL": "",
    })
    site = Site(f"http://127.0.0.1:{port}", var_dir, env)
    site.manage("migrate", "--noinput")
    site.manage("collectstatic", "--noinput")
    site.manage("load_content")
    site.manage("seed_demo")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pd_platform.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(site.url + "/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the site did not start") from None
                time.sleep(0.3)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
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


@pytest.fixture(scope="session")
def axe_source():
    """axe-core, installed from the npm registry by the test set-up (not committed)."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm missing: axe-core cannot be installed (apt-get install npm)")
        AXE_DIR.mkdir(exist_ok=True)
        result = subprocess.run(["npm", "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--silent",
                                 "axe-core@4"], capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not script.exists():
            pytest.skip(f"axe-core could not be installed from the npm registry: {result.stderr[-300:]}")
    return script.read_text()


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
