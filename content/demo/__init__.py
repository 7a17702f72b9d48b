"""The demo the platform is loaded with by ``seed_demo`` (and so by ``make run``): one
ordered list of scenes, each idempotent, built through the apps' services. A scene returns
the lines to print (logins, cohorts, certificates)."""

from . import accounts, certificates, cohorts, community, contact, districts, health, impact, toolkit

# Each scene builds on the ones before it: the program office's contact (certificates are signed with it), the people, then cohorts and their coursework,
# then certificates, the workshop series and train-the-trainer, then the community and follow-ups,
# then the participant's own classroom toolkit.
SCENES = [
    contact.seed,
    accounts.seed,
    cohorts.seed,
    health.seed,  # people the cohort health page flags
    certificates.seed,
    community.seed,
    toolkit.seed,
    impact.seed,  # a district's cohort with a filled-in impact report
    districts.seed,  # the district workspace's coordinator, track and shared link
]


def seed_all():
    lines = []
    for scene in SCENES:
        lines.extend(scene() or [])
    return lines
