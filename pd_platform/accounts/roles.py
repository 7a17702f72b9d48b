"""The roles of the platform, as Django groups, and how to tell a user's roles.

Groups and their permissions are created by data migrations (see
``accounts/migrations/0002_roles.py``) through :func:`sync_role_groups`. Each app declares
what each role may do with its own models beside them (``<app>/permissions.py``) and grants
it from its own migration with :func:`granting`.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

PARTICIPANT = "Participant"
FACILITATOR = "Facilitator"
ADMIN = "Admin"
# The content editor edits courses, modules, workshops and their media in the Wagtail admin. The group
# is Wagtail's own "Editors" (made by Wagtail's first migrations), so a site's existing editors keep it.
EDITOR = "Editors"
# A district's PD coordinator: given by the program office, for one or more districts
# (``cohorts.districts``, which keeps the group in step with whom it names for which district).
COORDINATOR = "District coordinator"
ALL_ROLES = (PARTICIPANT, FACILITATOR, ADMIN, EDITOR, COORDINATOR)

# Permissions ("app_label.codename") each role holds on the platform's own and Wagtail's models.
ROLE_PERMISSIONS = {
    PARTICIPANT: [],
    FACILITATOR: [],
    COORDINATOR: [],
    EDITOR: ["wagtailadmin.access_admin"],
    ADMIN: [
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "auth.view_group",
        "modules.add_cstpstandard",
        "modules.change_cstpstandard",
        "modules.delete_cstpstandard",
        "modules.add_shift",
        "modules.change_shift",
        "modules.delete_shift",
        "modules.change_programcontactsettings",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
    ],
}

# Page permissions the admin and editor roles hold on the whole page tree (edit and publish every course).
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# What they may do with documents and images (handouts, captioned videos, pictures) in every collection:
# Wagtail asks for these on a collection, not on the model, before it shows the menus, choosers and uploads.
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
]
CONTENT_ROLES = (ADMIN, EDITOR)


def granting(role_permissions):
    """A RunPython function granting an app's declared ``{role: [permission, ...]}``."""

    def grant(apps, schema_editor):
        sync_role_groups(apps, schema_editor, role_permissions)

    return grant


def sync_role_groups(apps, schema_editor=None, role_permissions=None):
    """Create the role groups and grant them every listed permission that exists
    (``role_permissions``, by default the platform's own ``ROLE_PERMISSIONS``).

    Written against historical models so that migrations can call it. Idempotent.
    """
    role_permissions = ROLE_PERMISSIONS if role_permissions is None else role_permissions
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in role_permissions.get(role, []):
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role in CONTENT_ROLES:
        group = Group.objects.get(name=role)
        if root is not None:
            for codename in PAGE_PERMISSIONS:
                perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
        if root_collection is not None:
            for app_label, codename in COLLECTION_PERMISSIONS:
                perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                if perm is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )


def role_names(user):
    """The roles a user holds, as a set of role names (empty for anonymous users). The signed-in
    user's come with the user (``accounts.backends``); anyone else's are read once."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = remember_roles(user, set(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True)))
    return cached


def remember_roles(user, names):
    """Keep the roles read for this user object (a superuser is an admin whatever their groups)."""
    user._role_names = set(names) | ({ADMIN} if user.is_superuser else set())
    return user._role_names


def is_participant(user: "User | AnonymousUser") -> bool:
    return PARTICIPANT in role_names(user)


def is_facilitator(user: "User | AnonymousUser") -> bool:
    return FACILITATOR in role_names(user)


def is_admin(user: "User | AnonymousUser") -> bool:
    return ADMIN in role_names(user)


def is_coordinator(user: "User | AnonymousUser") -> bool:
    return COORDINATOR in role_names(user)
