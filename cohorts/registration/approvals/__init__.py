"""A district's approval of a registration: asked for at registration, answered once by the approver
through a signed link (no account needed), or lapsed when nobody answers in time.

While the request waits, the place holds its seat (``HOLDS_A_SEAT``) but opens no course, invoice
or payment. Approved, it counts as any registration; declined or lapsed, it is cancelled and the
seat goes to the waitlist. Everyone is told the outcome.
"""
