from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "cohorts.workshops"
    label = "workshops"
    verbose_name = "Workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pd_platform import personal_data

        from . import personal_data as held

        personal_data.register("workshops", held.export, held.erase, order=40)
        from pd_platform import homes
        from pd_platform.accounts import roles

        from . import page_scopes

        page_scopes.register()

        from . import home, office_hours

        homes.register_course_links(home.calendar_links, order=20)
        homes.register_todos(home.next_sessions, order=20)
        homes.register(
            "workshop-sessions",
            "workshops/home/sessions.html",
            {roles.FACILITATOR},
            order=45,
            context=home.facilitator_sessions,
        )
        from modules import access as module_access

        module_access.register_staff_links(home.workshop_page_links)
        module_access.register_own_sessions(home.own_workshop_sessions)
        homes.register(
            "office-hours",
            "workshops/home/office_hours.html",
            {roles.PARTICIPANT, roles.FACILITATOR},
            order=50,
            context=office_hours.home_card,
        )

        from pd_platform import gradebook

        from . import selectors

        gradebook.register_column_pages(selectors.attendance_pages)

        from .reminders import register_kinds

        register_kinds()
