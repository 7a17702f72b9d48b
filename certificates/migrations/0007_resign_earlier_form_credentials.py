"""Credentials issued before the OB 3.0 / VC-JOSE-COSE form are signed again in it, so that every
certificate's ``/credentials/<code>`` verifies by OB 3.0's steps after an upgrade, with nobody having to
remember a command. Same credential (id, dates, status-list entry); the signed PDFs are not touched.

It reads and writes only ``code`` and ``credential`` through the historical model. A credential no key
of this site signed (a site migrated without its CREDENTIAL_SIGNING_KEY and CREDENTIAL_RETIRED_KEYS) is
left as it is and named in a warning; ``manage.py issue_credentials`` re-signs it once the keys are set.
"""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)


def resign(apps, schema_editor):
    from certificates.services import resign_earlier_credentials

    result = resign_earlier_credentials(model=apps.get_model("certificates", "Certificate"))
    if result.not_ours:
        logger.warning(
            "%d credential(s) in the earlier form are not signed by a configured credential key and were "
            "left as they are (certificates %s). Set CREDENTIAL_SIGNING_KEY / CREDENTIAL_RETIRED_KEYS, then "
            "run manage.py issue_credentials.",
            len(result.not_ours),
            ", ".join(result.not_ours[:20]),
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0006_site_requests_record_exceptions_and_who_was_told")]

    operations = [migrations.RunPython(resign, migrations.RunPython.noop, elidable=True)]
