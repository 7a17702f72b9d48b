"""Wagtail's snippet choosers answer anyone who may use the admin. The program office's records
(cohorts, enrollments, districts, LMS registrations, surveys, reminders, topics) must not be readable
through them by a content editor; the content snippets the page editor picks stay open to editors."""

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from tests import factories

CONTENT_APPS = {"modules"}


def choosers(apps):
    for model in get_snippet_models():
        if model._meta.app_label in apps:
            viewset = model.snippet_viewset.chooser_viewset
            yield (
                model._meta.label,
                reverse(viewset.get_url_name("choose")),
                reverse(viewset.get_url_name("choose_results")),
            )


def office_apps():
    return {model._meta.app_label for model in get_snippet_models()} - CONTENT_APPS


@pytest.mark.django_db
def test_a_content_editor_reads_no_office_record_through_a_chooser(client):
    client.force_login(factories.content_editor())
    checked = []
    for label, choose, results in choosers(office_apps()):
        for url in (choose, results):
            # Wagtail's admin turns the refusal into a redirect home with "you do not have permission".
            assert client.get(url).status_code in (302, 403), f"{label}: {url}"
        checked.append(label)
    assert "cohorts.Enrollment" in checked and "cohorts.Cohort" in checked, checked


@pytest.mark.django_db
def test_the_office_still_chooses_its_records_and_editors_their_content(client):
    client.force_login(factories.program_admin())
    for label, choose, _ in choosers({"cohorts"}):
        assert client.get(choose).status_code == 200, label
    client.force_login(factories.content_editor())
    content = list(choosers(CONTENT_APPS))
    assert content
    for label, choose, _ in content:
        assert client.get(choose).status_code == 200, label
