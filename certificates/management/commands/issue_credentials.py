from django.core.management.base import BaseCommand

from certificates.models import Certificate
from certificates.services import issue_credential, resign_earlier_credentials


class Command(BaseCommand):
    help = (
        "Give every certificate issued before Open Badges credentials existed its credential, and sign "
        "again in the OB 3.0 form each credential issued in the earlier form (the upgrade's migration does "
        "this too), served at /credentials/<code>. Signed PDFs stay as they were. Safe to run again."
    )

    def handle(self, *args, **options):
        missing = Certificate.objects.filter(credential="").values_list("pk", flat=True)
        count = 0
        for pk in missing.iterator():
            issue_credential(pk)
            count += 1
        # `make run` calls this each time: it says what it did, and nothing when there was nothing to do.
        verbose = options["verbosity"] > 1
        if count or verbose:
            self.stdout.write(f"{count} certificate{'s' if count != 1 else ''} given a credential.")
        result = resign_earlier_credentials()
        if result.resigned or verbose:
            self.stdout.write(
                f"{result.resigned} credential{'s' if result.resigned != 1 else ''} in the earlier form signed again "
                "in the Open Badges 3.0 form."
            )
        if result.not_ours:
            self.stderr.write(
                f"Left as they are, not signed by a configured credential key: {', '.join(result.not_ours)}."
            )
