from django.core.files.storage import storages


def private_storage():
    """Where submitted files live: outside MEDIA_ROOT, served only through a permission check."""
    return storages["private"]
