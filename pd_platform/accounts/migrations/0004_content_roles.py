from django.db import migrations

from pd_platform.accounts.roles import sync_role_groups


def noop(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    """The admin and editor roles may publish every page and use documents and images in every
    collection (Wagtail's menus, choosers and uploads ask for collection permissions)."""

    dependencies = [
        ("accounts", "0003_district_is_not_typed"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(sync_role_groups, noop)]
