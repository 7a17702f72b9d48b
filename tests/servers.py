"""Real servers for the browser and fault tests: the platform under gunicorn (and Celery),
and private Redis and PostgreSQL servers that a test may stop and start at will without
touching the machine's shared ones."""

import atexit
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_celery(args, env, **popen):
    """``celery -A pd_platform <args>`` (a worker, a beat) in its own process, run from the project's folder."""
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", "pd_platform", *args], cwd=ROOT, env=env, **popen)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def production_profile():
    """The PostgreSQL server URL when the browser tests can run the production profile, else None."""
    from pd_platform.createdb import is_postgres

    url = os.environ.get("DATABASE_URL", "")
    return url if is_postgres(url) and port_open(6379) else None


class Site:
    """One installation of the platform with its own database, files and mailbox."""

    def __init__(self, var_dir, port=None, **settings):
        self.var_dir = Path(var_dir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "pd_platform.settings",
                "PD_VAR_DIR": str(self.var_dir),
                "DATABASE_URL": f"sqlite:///{self.var_dir}/db.sqlite3",
                "EMAIL_URL": "filemail://",
                "EMAIL_FILE_PATH": str(self.var_dir / "mail"),
                "DJANGO_DEBUG": "0",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SITE_URL": self.url,
                "CELERY_BROKER_URL": "",
            }
        )
        broker = str(settings.get("CELERY_BROKER_URL", ""))
        if broker.startswith("redis://") and "CACHE_URL" not in settings:
            # The production profile keeps its rate limits in Redis too: the broker's server will do.
            self.env["CACHE_URL"] = broker
        self.env.update({k: str(v) for k, v in settings.items()})
        self.settings = settings
        self.processes = []

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def python(self, code):
        """Run Django code against the site's database; returns the last line it printed."""
        out = self.manage("shell", "-c", code).strip().splitlines()
        return out[-1] if out else ""

    def prepare(self):
        """Migrate the database and collect the static files. On SQLite with the settings that
        leave both alone, a copy of a folder prepared once per test run: the same two commands
        (most of an installation's minute), run once rather than once per site."""
        if self.env["DATABASE_URL"] != f"sqlite:///{self.var_dir}/db.sqlite3" or "STATIC_ROOT" in self.settings:
            return self.migrate_and_collect()
        prepared = _prepared_folder()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        for entry in prepared.iterdir():
            target = self.var_dir / entry.name
            if entry.name == "static":  # read only once collected: links, not copies
                shutil.copytree(entry, target, copy_function=_link_or_copy, dirs_exist_ok=True)
            elif entry.is_dir():
                shutil.copytree(entry, target, dirs_exist_ok=True)
            else:
                shutil.copy2(entry, target)

    def migrate_and_collect(self):
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")

    def install(self, *, demo=True):
        self.prepare()
        self.manage("load_content")
        if demo:
            self.manage("seed_demo")

    def start(self, *command, log=None):
        """Start ``manage.py serve_production`` (the default) or another command; wait for the web."""
        command = command or (
            "manage.py",
            "serve_production",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--concurrency",
            "1",
        )
        output = open(log, "ab") if log else subprocess.DEVNULL
        process = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        # Three processes boot at once (web, worker, beat); on a busy two-core machine the first page
        # can take over a minute.
        deadline = time.monotonic() + 150
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return process
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"the site did not start: {' '.join(command)}") from None
                time.sleep(0.3)

    def start_gunicorn(self, workers=2, log=None):
        return self.start(
            "-m",
            "gunicorn",
            "pd_platform.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            log=log,
        )

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes = []

    def emails_to(self, address, subject_contains=""):
        """Messages the site sent to ``address``, oldest first (read from the file backend)."""
        mail_dir = self.var_dir / "mail"
        messages = []
        for path in sorted(mail_dir.glob("*"), key=lambda p: p.stat().st_mtime) if mail_dir.exists() else []:
            for chunk in path.read_bytes().split(b"-" * 79):
                if chunk.strip():
                    msg = message_from_bytes(chunk.strip())
                    if address in (msg["To"] or "") and subject_contains in (msg["Subject"] or ""):
                        messages.append(msg)
        return messages

    def wait_for_email(self, address, subject_contains, seconds=60):
        """The messages to ``address`` whose subject has the text, once at least one arrived.

        With a real Celery worker, emails go out a moment after the request that caused them.
        """
        found = wait_until(lambda: self.emails_to(address, subject_contains), seconds, step=0.5)
        assert found, f"no email to {address} about {subject_contains!r} within {seconds} s"
        return found


_prepared = []


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def _prepared_folder():
    """A site folder migrated and with its static files collected, made once per test run."""
    if not _prepared:
        folder = Path(tempfile.mkdtemp(prefix="pd-site-prepared-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        Site(folder).migrate_and_collect()
        _prepared.append(folder)
    return _prepared[0]


def wait_until(condition, seconds, step=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


class RedisServer:
    """A private redis-server on its own port, which the test may stop and start."""

    binary = shutil.which("redis-server")

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        if not wait_until(lambda: port_open(self.port), 10):
            raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        wait_until(lambda: not port_open(self.port), 10)


def postgres_bin():
    """The directory of PostgreSQL's server programs (initdb, pg_ctl), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class PostgresServer:
    """A private PostgreSQL cluster in a temporary folder, on its own port.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user.
    """

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pd-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self):
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self):
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off",
            "start",
        )

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def create_database(self, name):
        from pd_platform.createdb import ensure_database

        ensure_database(self.url(name))

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def running(server):
    server.start()
    try:
        yield server
    finally:
        server.stop()
