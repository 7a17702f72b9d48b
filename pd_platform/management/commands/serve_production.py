"""Run the production profile on one machine: gunicorn, a Celery worker and Celery beat.

Each is its own process; this command starts them, passes on Ctrl-C / SIGTERM, and stops
all of them if one dies. On several machines, run the same three commands separately.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pd_platform.checks import cache_is_shared


class Command(BaseCommand):
    help = "Start gunicorn, a Celery worker and Celery beat against DATABASE_URL, CELERY_BROKER_URL and CACHE_URL."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=f"127.0.0.1:{os.environ.get('PORT', '8000')}")
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--concurrency", type=int, default=2)

    def handle(self, *args, bind, workers, concurrency, **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0): the production profile runs a real worker."
            )
        if settings.DEBUG:
            raise CommandError("Unset DJANGO_DEBUG: the production profile runs with debugging off.")
        if not cache_is_shared():
            raise CommandError(
                "Set CACHE_URL (e.g. redis://127.0.0.1:6379/1): sign-in rate limits must hold "
                "across every gunicorn worker."
            )
        python = sys.executable
        beat_schedule = str(settings.VAR_DIR / "celerybeat-schedule")
        commands = {
            "web": [
                python,
                "-m",
                "gunicorn",
                "pd_platform.wsgi",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "20",
            ],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "pd_platform",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "-n",
                "worker@%h",
            ],
            "beat": [python, "-m", "celery", "-A", "pd_platform", "beat", "--loglevel", "INFO", "-s", beat_schedule],
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        self.stdout.write(f"Serving on http://{bind}/ with a Celery worker and beat (Ctrl-C stops all three).")

        def stop(*_):
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
        finally:
            stop()
            for process in processes.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [name for name, p in processes.items() if p.returncode not in (0, -signal.SIGTERM, None)]
        if failed:
            raise CommandError(f"Stopped because {', '.join(failed)} exited.")
