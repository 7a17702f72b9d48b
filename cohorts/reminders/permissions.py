"""What each role may do with the reminders' models (granted by this app's migrations): admins
set each program's rules and read the log; nobody edits the log."""

from pd_platform.accounts.roles import ADMIN

ROLE_PERMISSIONS = {
    ADMIN: [
        "reminders.add_reminderrules",
        "reminders.change_reminderrules",
        "reminders.delete_reminderrules",
        "reminders.view_remindersent",
    ],
}
