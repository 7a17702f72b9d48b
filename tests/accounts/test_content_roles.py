"""The program office and the content editor reach the page editor and the media library: Wagtail
shows its Documents and Images menus, choosers and uploads only to groups given a collection."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture(params=["admin", "editor"])
def content_person(request, db):
    return factories.program_admin() if request.param == "admin" else factories.content_editor()


@pytest.mark.django_db
def test_admin_and_editor_see_the_documents_and_images_menus_and_upload_pages(client, content_person):
    client.force_login(content_person)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtaildocs:index") in home
    assert reverse("wagtailimages:index") in home
    for name in ("wagtaildocs:index", "wagtaildocs:add_multiple", "wagtailimages:index", "wagtailimages:add_multiple"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_the_document_chooser_lists_the_documents_and_offers_an_upload(client, content_person):
    from wagtail.documents.models import Document

    Document.objects.create(title="Module 01 captions", file="documents/m01.vtt")
    client.force_login(content_person)
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "Module 01 captions" in chooser
    assert "You haven't uploaded any documents" not in chooser
    assert "Upload" in chooser


@pytest.mark.django_db
def test_the_editor_edits_content_but_not_the_program_office(client):
    client.force_login(factories.content_editor())
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    for path in ("/admin/users/", "/admin/purchase-orders/", "/admin/refunds/", "/admin/certificates/"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
