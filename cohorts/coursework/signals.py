from django.dispatch import Signal

# Sent once after a submission's status changed (a review, a participation rule, attendance),
# from ``services.set_submission_status`` only. Listeners get ``submission`` and ``previous``
# (the status before). The completion engine (``certificates``) and the hours ledger listen.
submission_status_changed = Signal()
