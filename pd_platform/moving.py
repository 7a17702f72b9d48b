"""Helpers for migrations that move models from one app to another without moving data.

The tables stay (the models keep their ``db_table``); what must follow the models is their
content types, so that permissions granted on them (and anything else pointing at a content
type) keep pointing at the same rows.
"""


def move_content_types(old_label, new_label, model_names):
    """A RunPython function: relabel the content types of ``model_names`` (lower case)."""

    def forward(apps, schema_editor):
        _relabel(apps, old_label, new_label, model_names)

    def backward(apps, schema_editor):
        _relabel(apps, new_label, old_label, model_names)

    return forward, backward


def _relabel(apps, old_label, new_label, model_names):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in model_names:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue  # a fresh database: the content type is made under the new label later
        new = ContentType.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        # Both exist (content types were created for the new label before this ran): keep
        # the new one, carry over the permissions only the old one has, drop the old one.
        have = set(Permission.objects.filter(content_type=new).values_list("codename", flat=True))
        Permission.objects.filter(content_type=old).exclude(codename__in=have).update(content_type=new)
        old.delete()
