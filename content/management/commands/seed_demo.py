from django.core.management.base import BaseCommand

from content.demo import seed_all


class Command(BaseCommand):
    help = "Create the demo data (idempotent: run it again and nothing is duplicated or reset). Prints the demo logins."

    def handle(self, *args, **options):
        lines = seed_all()
        self.stdout.write("Demo logins (role, email, password):")
        for line in lines:
            self.stdout.write(f"  {line}")
