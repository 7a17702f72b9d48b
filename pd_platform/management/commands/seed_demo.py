import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create demo data (idempotent): each installed app of ours may have a demo.py with a "
        "seed() that returns lines to print. Prints the demo logins."
    )

    def handle(self, *args, **options):
        lines = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if not app_config.name.startswith(("pd_platform", "modules", "cohorts", "certificates")):
                continue
            if importlib.util.find_spec(module_name) is None:
                continue
            lines.extend(importlib.import_module(module_name).seed() or [])
        self.stdout.write("Demo logins (role, email, password):")
        for line in lines:
            self.stdout.write(f"  {line}")
