from django.dispatch import Signal

# Sent inside the transaction that recorded (or changed) one person's attendance at a session,
# with ``attendance``. The hours ledger listens and credits the hours in the same transaction.
attendance_recorded = Signal()

# Sent inside the transaction that recorded whether one person came to office hours, with
# ``seat``. The ledger credits the hours attended.
office_hours_attended = Signal()
