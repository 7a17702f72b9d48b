"""Personal data as a ZIP built in the background (pd_platform/exports.py): it holds every file the person ever
uploaded, which can take longer than a page should. Each export is written in the audit log when its file is built.

- A person's own data: they alone may ask for it and download it (the job is theirs).
- The office's copy of a person's data, from the personal-data desk: for admins only, the admin's job.
"""

from django.contrib.auth import get_user_model

from pd_platform import exports, personal_data
from pd_platform.accounts import roles

OWN_ZIP = "personal-data-zip"
DESK_ZIP = "personal-data-desk-zip"
ZIP = "application/zip"
PARTS = ("part", "parts")  # one JSON file of records, with the files they hold


def _person(parameters):
    return get_user_model().objects.get(pk=parameters["person"])


def _count(parameters):
    return len(personal_data.parts(_person(parameters)))


def _write(parameters, target, progress):
    person = _person(parameters)
    personal_data.write_zip(person, target, progress)
    by = get_user_model().objects.filter(pk=parameters["by"]).first()
    personal_data.record_export(person, by=by)


exports.register(
    OWN_ZIP,
    "Your data (ZIP)",
    lambda parameters: f"my-data-{parameters['day']}.zip",
    ZIP,
    lambda user, parameters: user.pk == parameters["person"] == parameters["by"],
    _count,
    _write,
    units=PARTS,
)
exports.register(
    DESK_ZIP,
    "A person's data (ZIP)",
    lambda parameters: f"person-{parameters['person']}.zip",
    ZIP,
    lambda user, parameters: roles.is_admin(user) and user.pk == parameters["by"],
    _count,
    _write,
    units=PARTS,
)
