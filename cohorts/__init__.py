"""The cohort apps, one per domain: registration (label ``cohorts``), coursework, workshops, hours.

Imports between them point down: hours -> workshops -> coursework -> registration.
"""
