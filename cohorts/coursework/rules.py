"""Course rules that are not deadlines, each in one place."""


def module_open_for_submissions(module_number: int, welcome_complete: bool) -> bool:
    """The Welcome module (number 0) comes first: modules 01-06 open for submissions only
    once every required activity of the Welcome module is complete."""
    return module_number == 0 or welcome_complete
