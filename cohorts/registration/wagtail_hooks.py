"""The program office's place for cohorts: the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from pd_platform import outbox
from pd_platform.accounts import roles
from pd_platform.admin_panels import WorkItem, WorkPanel
from pd_platform.office_snippets import OfficeSnippetViewSet

from . import admin_views, refunds, selectors
from .approvals import requests as approvals
from .cohort_form import CohortForm
from .deadlines import local_text
from .models import ApprovalRule, ClosedDay, Cohort, District, Enrollment


class CohortViewSet(OfficeSnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = "Cohorts"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "program", "start_date", "end_date", "capacity", "registration", "private"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("fee")]),
            FieldPanel("time_zone"),
            FieldPanel("registration"),
            MultiFieldPanel([FieldPanel("private"), FieldPanel("email_domain")], heading="Who may register"),
            FieldPanel("facilitators"),
        ],
        base_form_class=CohortForm,
    )


class DistrictViewSet(OfficeSnippetViewSet):
    """The program office keeps each district's e-mail domains (its people are known by them), its
    contracted day and its training rate."""

    model = District
    icon = "site"
    menu_label = "Districts"
    menu_order = 225
    add_to_admin_menu = True
    list_display = ["name", "contract_start", "contract_end", "training_rate"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        InlinePanel(
            "domains",
            heading="E-mail domains",
            label="Domain",
            help_text="A confirmed address at one of these places a person in the district; the supervisors its "
            "people name for approvals are at them.",
        ),
        FieldRowPanel([FieldPanel("contract_start"), FieldPanel("contract_end")]),
        FieldPanel("training_rate"),
    ]


class ApprovalRuleViewSet(OfficeSnippetViewSet):
    model = ApprovalRule
    icon = "tick-inverse"
    menu_label = "PD approvals"
    menu_order = 225
    add_to_admin_menu = True
    list_display = ["district", "approved_by", "coordinator_email", "business_days"]
    search_fields = ["district__name"]
    panels = [
        FieldPanel("district"),
        FieldPanel("approved_by"),
        FieldRowPanel([FieldPanel("coordinator_name"), FieldPanel("coordinator_email")]),
        FieldPanel("business_days"),
    ]


class ClosedDayViewSet(OfficeSnippetViewSet):
    model = ClosedDay
    icon = "date"
    menu_label = "Closed days"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["date", "reason"]
    panels = [FieldPanel("date"), FieldPanel("reason")]


class EnrollmentViewSet(OfficeSnippetViewSet):
    model = Enrollment
    icon = "user"
    menu_label = "Enrollments"
    menu_order = 215
    add_to_admin_menu = True
    list_display = [
        "user",
        "cohort",
        "status",
        "payment_method",
        Column("payment", label="Payment", accessor=selectors.payment_state),
        "created_at",
    ]
    list_filter = ["status", "payment_method"]
    search_fields = ["purchase_order_number"]
    # The status is not typed in: a place is cancelled through its confirmation (what happens to the money,
    # the person e-mailed, the seat passed on), which the panel links to.
    panels = [
        HelpPanel(heading="Place and payment", template="cohorts/admin/enrollment_place_panel.html"),
        MultiFieldPanel(
            [
                FieldPanel("purchase_order_number"),
                FieldPanel("billing_contact_name"),
                FieldPanel("billing_contact_email"),
            ],
            heading="Registration",
        ),
    ]

    def get_queryset(self, request):
        return selectors.with_refund_dates(Enrollment.objects.select_related("user", "cohort__program"))


@hooks.register("register_snippet_listing_buttons")
def cancel_place_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Enrollment)
        and snippet.status != Enrollment.Status.CANCELLED
        and user.has_perm("cohorts.change_enrollment")
    ):
        yield Button("Cancel place", reverse("cohorts_cancel_place", args=[snippet.pk]), icon_name="cross", priority=90)


register_snippet(CohortViewSet)
register_snippet(EnrollmentViewSet)
register_snippet(ClosedDayViewSet)
register_snippet(ApprovalRuleViewSet)
register_snippet(DistrictViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def settle_the_districts_people(request, instance):
    """A district's domains changed, perhaps: the people they concern are settled again (in the background)."""
    if isinstance(instance, District):
        outbox.enqueue("registration.settle_district_people", instance.pk)


@hooks.register("register_admin_urls")
def register_purchase_order_urls():
    return [
        path("purchase-orders/", admin_views.purchase_orders, name="cohorts_purchase_orders"),
        path("purchase-orders/<int:enrollment_id>/paid/", admin_views.mark_paid, name="cohorts_mark_paid"),
        path("refunds/", admin_views.refunds, name="cohorts_refunds"),
        path("refunds/<int:payment_id>/", admin_views.refund, name="cohorts_refund"),
        path("enrollments/<int:enrollment_id>/cancel/", admin_views.cancel_place, name="cohorts_cancel_place"),
    ]


class PurchaseOrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("cohorts.change_enrollment")


@hooks.register("register_admin_menu_item")
def register_purchase_orders_menu_item():
    return PurchaseOrdersMenuItem(
        "Purchase orders", reverse("cohorts_purchase_orders"), icon_name="doc-full", order=216
    )


@hooks.register("register_admin_menu_item")
def register_refunds_menu_item():
    return PurchaseOrdersMenuItem("Refunds", reverse("cohorts_refunds"), icon_name="resubmit", order=217)


@hooks.register("construct_homepage_panels")
def program_office_panels(request, panels):
    """Purchase orders to process and cohorts about to start with seats left."""
    if not roles.is_admin(request.user):
        return
    orders, total = selectors.purchase_orders_to_process()
    panels.append(
        WorkPanel(
            "purchase-orders",
            "Purchase orders to process",
            [
                WorkItem(
                    f"{e.user.full_name or e.user.email}, {e.cohort.name}",
                    reverse("wagtailsnippets_cohorts_enrollment:edit", args=[e.pk]),
                    f"PO {e.purchase_order_number}, not yet paid" if e.purchase_order_number else "PO number missing",
                )
                for e in orders
            ],
            total,
            "No purchase order is waiting.",
            reverse("cohorts_purchase_orders"),
            "All purchase orders",
            order=20,
        )
    )
    owed = refunds.refunds_owed()
    panels.append(
        WorkPanel(
            "refunds-owed",
            "Refunds owed for cancelled registrations",
            [
                WorkItem(
                    f"{p.enrollment.user.full_name or p.enrollment.user.email}, {p.enrollment.cohort.name}",
                    reverse("cohorts_refunds"),
                    f"${p.amount} paid {refunds.day(p.paid_at)}, to go back {p.route}",
                )
                for p in owed[:10]
            ],
            len(owed),
            "No refund is owed.",
            reverse("cohorts_refunds"),
            "All refunds, owed and given",
            order=23,
        )
    )
    waiting, total = approvals.pending_approvals()
    panels.append(
        WorkPanel(
            "approvals-waiting",
            "Registrations waiting for a district's approval",
            [
                WorkItem(
                    f"{a.enrollment.user.full_name or a.enrollment.user.email}, {a.enrollment.cohort.name}",
                    reverse("wagtailsnippets_cohorts_enrollment:edit", args=[a.enrollment_id]),
                    f"asked {a.approver_email}; lapses {local_text(a.due_at, a.enrollment.cohort.time_zone)}",
                )
                for a in waiting
            ],
            total,
            "No registration is waiting for approval.",
            order=22,
        )
    )
    starting = selectors.cohorts_starting_soon()
    panels.append(
        WorkPanel(
            "cohorts-starting",
            "Cohorts starting in the next 10 business days with seats left",
            [
                WorkItem(
                    f"{item.cohort.program.title}, {item.cohort.name}",
                    reverse("wagtailsnippets_cohorts_cohort:edit", args=[item.cohort.pk]),
                    f"starts {item.cohort.start_date:%a %b} {item.cohort.start_date.day}; "
                    f"{item.seats_left} seat{'s' if item.seats_left != 1 else ''} left",
                )
                for item in starting
            ],
            len(starting),
            "No cohort with seats left starts in the next 10 business days.",
            order=21,
        )
    )
