import logging
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from content.demo import seed_all

CONSOLE_BACKENDS = ("django.core.mail.backends.console.EmailBackend", "pd_platform.mail.ConsoleBackend")
QUIET_LOGGERS = ("celery.app.trace", "kombu.connection")  # a line per task run eagerly, and the in-memory broker


class Command(BaseCommand):
    help = "Create the demo data (idempotent: run it again and nothing is duplicated or reset). Prints the demo logins."

    def handle(self, *args, **options):
        with ExitStack() as stack:
            mail_dir = None
            if settings.EMAIL_BACKEND in CONSOLE_BACKENDS:
                # The demo's scenes send a few dozen e-mails; on the console they would bury the logins.
                # They are kept as files instead, one each, for whoever wants to read them.
                mail_dir = Path(settings.VAR_DIR) / "mail" / "demo"
                stack.enter_context(
                    override_settings(
                        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir)
                    )
                )
            for name in QUIET_LOGGERS:
                logger = logging.getLogger(name)
                stack.callback(logger.setLevel, logger.level)
                logger.setLevel(logging.WARNING)
            lines = seed_all()
        self.stdout.write("Demo logins (role, email, password):")
        for line in lines:
            self.stdout.write(f"  {line}")
        if mail_dir is not None and mail_dir.is_dir():
            self.stdout.write(f"E-mails the demo sent are in {mail_dir}/; those sent from now on show here.")
