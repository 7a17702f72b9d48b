from django.core.management.base import BaseCommand

from certificates.models import Certificate
from certificates.services import issue_credential


class Command(BaseCommand):
    help = (
        "Give every certificate issued before Open Badges credentials existed its credential, served at "
        "/credentials/<code> (its signed PDF stays as it was). Safe to run again: each is made once."
    )

    def handle(self, *args, **options):
        missing = Certificate.objects.filter(credential="").values_list("pk", flat=True)
        count = 0
        for pk in missing.iterator():
            issue_credential(pk)
            count += 1
        self.stdout.write(f"{count} certificate{'s' if count != 1 else ''} given a credential.")
