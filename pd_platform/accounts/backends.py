"""Sign-in backends that bring the person's roles with the person.

Every page reads the signed-in user's roles (the navigation, who may see what): loading them in
the query that loads the user saves a query on every page. Signing in is unchanged; only
``get_user`` differs, and the roles it reads are the groups at that moment, as before.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model
from django.db.models import Exists, OuterRef

from . import roles

_ROLE_FIELDS = {role: f"holds_{role.lower().replace(' ', '_')}" for role in roles.ALL_ROLES}


_SOME_ID = -7  # stands for the user's id while the query is built

# Yes/no questions about the person that a page asks on each visit, read in the same query as the
# person: attribute name -> () -> an expression on the user's row (e.g. ``Exists(...OuterRef("pk"))``).
# Rooms register theirs where they are asked (``register_flag``); a user loaded otherwise lacks the
# attribute, and the asker reads the database as before.
_flags: dict = {}


def register_flag(name, expression):
    _flags[name] = expression
    _query.cache_clear()


@cache
def _query():
    """The query, built by the ORM once per process: building it (a subquery per role and flag)
    costs more than running it, and it runs on every page."""
    User = get_user_model()
    holds = {
        field: Exists(User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=role))
        for role, field in _ROLE_FIELDS.items()
    }
    flags = {name: expression() for name, expression in _flags.items()}
    sql, params = User._default_manager.annotate(**holds, **flags).filter(pk=_SOME_ID).query.sql_with_params()
    return sql, list(params), list(params).index(_SOME_ID)


def user_with_roles(user_id):
    """The user and the roles they hold, in one query (None when there is no such user)."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):  # a session that names no user
        return None
    sql, params, at = _query()
    params = [*params[:at], user_id, *params[at + 1 :]]
    user = next(iter(get_user_model()._default_manager.raw(sql, params)), None)
    if user is not None:
        roles.remember_roles(user, {role for role, field in _ROLE_FIELDS.items() if getattr(user, field)})
    return user


class _RolesWithUser:
    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_RolesWithUser, backends.ModelBackend):
    pass


class AllauthBackend(_RolesWithUser, AuthenticationBackend):
    pass
