from django.dispatch import Signal

# Sent after a submission's status changed (a review, a participation rule, an admin).
# Listeners (the completion engine in ``certificates``) get ``submission``.
submission_status_changed = Signal()
