from django import forms

from .deadlines import local_text
from .models import Enrollment

PURCHASE_ORDER_FIELDS = ("purchase_order_number", "billing_contact_name", "billing_contact_email")


class RegistrationForm(forms.Form):
    """The seed's registration form: a drop-down of the program's open cohorts only."""

    cohort = forms.ChoiceField(label="Cohort")
    payment_method = forms.ChoiceField(
        label="How will you pay?", widget=forms.RadioSelect, choices=Enrollment.PaymentMethod.choices
    )
    purchase_order_number = forms.CharField(label="Purchase order number", max_length=60, required=False)
    billing_contact_name = forms.CharField(label="Billing contact name", max_length=150, required=False)
    billing_contact_email = forms.EmailField(label="Billing contact email", required=False)
    supervisor_email = forms.EmailField(label="Your supervisor's email", required=False)

    def __init__(
        self, *args, listings, now, online_available=True, approval_rule=None, names_a_supervisor=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if approval_rule is None or not names_a_supervisor:
            del self.fields["supervisor_email"]
        else:
            field = self.fields["supervisor_email"]
            field.required = True
            rule = approval_rule
            domains = rule.district.domain_names()
            who = [f"at {' or '.join('@' + d for d in domains)}"] if domains else []
            who += [f"the PD coordinator's ({rule.coordinator_email})"] if rule.coordinator_email else []
            field.help_text = (
                f"{rule.district} approves professional development before a registration counts: "
                "we email your supervisor a link to approve it. Your seat is held meanwhile."
                + (f" Their address: {' or '.join(who)}." if who else "")
            )
        self.listings = {str(item.cohort.pk): item for item in listings}
        self.fields["cohort"].choices = [("", "Choose a cohort")] + [
            (str(item.cohort.pk), self._label(item, now)) for item in listings
        ]
        methods = dict(Enrollment.PaymentMethod.choices)
        notes = []
        if not online_available:
            methods.pop(Enrollment.PaymentMethod.ONLINE)
            notes.append("Online payment is not available: pay by purchase order.")
        if not any(item.purchase_order_open(now) for item in listings):
            methods.pop(Enrollment.PaymentMethod.PURCHASE_ORDER)
            notes.append("Purchase orders have closed for every open cohort.")
        self.fields["payment_method"].choices = list(methods.items())
        self.fields["payment_method"].help_text = " ".join(notes)
        for name in PURCHASE_ORDER_FIELDS:
            self.fields[name].required_when = "needed for a purchase order"  # shown instead of "(optional)"
        free = [item for item in listings if not item.cohort.fee]
        if listings and len(free) == len(listings):
            # Nothing to pay: the form asks nothing about paying.
            for name in ("payment_method", *PURCHASE_ORDER_FIELDS):
                del self.fields[name]
        elif free:
            self.fields["payment_method"].required = False
            self.fields["payment_method"].help_text = " ".join(
                [*notes, f"{' and '.join(item.cohort.name for item in free)}: free, nothing to pay."]
            )

    def chosen_is_free(self, data):
        item = self.listings.get(data.get("cohort") or "")
        return item is not None and not item.cohort.fee

    @property
    def asks_for_payment(self):
        return "payment_method" in self.fields

    @staticmethod
    def _label(item, now):
        c = item.cohort
        seats = f"{item.seats_left} seats left" if item.seats_left else "full: join the waitlist"
        po = "" if item.purchase_order_open(now) else " · online payment only"
        return f"{c.name}: {c.start_date:%a %b} {c.start_date.day}, {c.start_date.year} – {c.end_date:%b} {c.end_date.day}, {c.end_date.year} ({seats}){po}"

    def clean(self):
        data = super().clean()
        if self.chosen_is_free(data):
            # A free cohort: whatever was chosen about paying is set aside.
            data["payment_method"] = Enrollment.PaymentMethod.ONLINE
            for name in PURCHASE_ORDER_FIELDS:
                data[name] = ""
            return data
        if self.asks_for_payment and not data.get("payment_method") and "payment_method" not in self.errors:
            self.add_error("payment_method", "Choose how you will pay for this cohort.")
        if data.get("payment_method") == Enrollment.PaymentMethod.PURCHASE_ORDER:
            for name in PURCHASE_ORDER_FIELDS:
                if not data.get(name):
                    self.add_error(name, "Needed for a purchase order.")
        return data

    def deadline_notes(self):
        return {
            key: {
                "online": local_text(item.deadlines.online_registration_closes, item.cohort.time_zone),
                "po": local_text(item.deadlines.purchase_order_closes, item.cohort.time_zone),
            }
            for key, item in self.listings.items()
        }


class ApprovalForm(forms.Form):
    """The approver's answer: approve, or decline with a reason the teacher reads."""

    decision = forms.ChoiceField(
        label="Your answer",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve this registration"), ("decline", "Decline it")],
    )
    reason = forms.CharField(
        label="Reason, if you decline",
        help_text="The teacher reads it.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
