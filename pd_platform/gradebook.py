"""What higher rooms add to a cohort's gradebook (``coursework``), which cannot import them: the
page where a column's activity is done by the facilitator rather than submitted (a workshop's
attendance is taken on its session's attendance page).

A provider is registered in the module that defines it (see ``registries``) and called with the cohort and the
gradebook's activities; it answers ``{activity id: url}`` in a fixed number of queries (none when
no activity of the list is its own).
"""

_providers: dict = {}


def register_column_pages(provider):
    _providers[f"{provider.__module__}.{provider.__qualname__}"] = provider


def column_pages(cohort, activities) -> dict:
    pages = {}
    for provider in _providers.values():
        pages.update(provider(cohort, activities))
    return pages
