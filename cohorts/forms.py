from django import forms

from .deadlines import local_text
from .models import Enrollment


class RegistrationForm(forms.Form):
    """The seed's registration form: a drop-down of the program's open cohorts only."""

    cohort = forms.ChoiceField(label="Cohort")
    payment_method = forms.ChoiceField(
        label="How will you pay?", widget=forms.RadioSelect, choices=Enrollment.PaymentMethod.choices
    )
    purchase_order_number = forms.CharField(label="Purchase order number", max_length=60, required=False)
    billing_contact_name = forms.CharField(label="Billing contact name", max_length=150, required=False)
    billing_contact_email = forms.EmailField(label="Billing contact email", required=False)

    def __init__(self, *args, listings, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.listings = {str(item.cohort.pk): item for item in listings}
        self.fields["cohort"].choices = [("", "Choose a cohort")] + [
            (str(item.cohort.pk), self._label(item, now)) for item in listings
        ]
        if not any(item.purchase_order_open(now) for item in listings):
            self.fields["payment_method"].choices = [
                c for c in Enrollment.PaymentMethod.choices if c[0] != Enrollment.PaymentMethod.PURCHASE_ORDER
            ]
            self.fields["payment_method"].help_text = "Purchase orders have closed for every open cohort."

    @staticmethod
    def _label(item, now):
        c = item.cohort
        seats = f"{item.seats_left} seats left" if item.seats_left else "full: join the waitlist"
        po = "" if item.purchase_order_open(now) else " · online payment only"
        return f"{c.name}: {c.start_date:%a %b} {c.start_date.day}, {c.start_date.year} – {c.end_date:%b} {c.end_date.day}, {c.end_date.year} ({seats}){po}"

    def clean(self):
        data = super().clean()
        if data.get("payment_method") == Enrollment.PaymentMethod.PURCHASE_ORDER:
            for name in ("purchase_order_number", "billing_contact_name", "billing_contact_email"):
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SubmissionForm(forms.Form):
    source = forms.CharField(
        label="Your response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Write here; it is saved as you type. Lists (- item), **bold** and *italics* work.",
    )
    attachments = MultipleFileField(
        label="Attach files",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG; up to 10 MB each.",
    )


class DiscussionPostForm(forms.Form):
    source = forms.CharField(label="Your post", widget=forms.Textarea(attrs={"rows": 6}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    RATING_CHOICES = [("complete", "Complete"), ("needs_revision", "Needs revision")]
    MEETS_CHOICES = [("meets", "Meets"), ("not_yet", "Not yet")]

    rating = forms.ChoiceField(label="Rating", choices=RATING_CHOICES, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label="Feedback",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What is done well, what is not yet there, and the next step.",
    )

    def __init__(self, *args, criteria=(), checklist=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.checklist = list(checklist)
        for i, criterion in enumerate(self.criteria):
            self.fields[f"criterion_{i}"] = forms.ChoiceField(
                label=criterion, choices=self.MEETS_CHOICES, widget=forms.RadioSelect
            )
            self.fields[f"criterion_{i}_comment"] = forms.CharField(
                label=f"Comment on: {criterion}", required=False, max_length=1000
            )
        if self.checklist:
            self.fields["checklist"] = forms.MultipleChoiceField(
                label="Learning target checklist: add to the feedback what still needs work",
                choices=[(str(i), item) for i, item in enumerate(self.checklist)],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    def criterion_fields(self):
        return [(self[f"criterion_{i}"], self[f"criterion_{i}_comment"]) for i in range(len(self.criteria))]

    def other_fields(self):
        return [self[name] for name in ("rating", "feedback")]

    def rubric_results(self):
        return [
            {
                "criterion": criterion,
                "meets": self.cleaned_data[f"criterion_{i}"] == "meets",
                "comment": self.cleaned_data.get(f"criterion_{i}_comment", ""),
            }
            for i, criterion in enumerate(self.criteria)
        ]

    def feedback_source(self):
        text = self.cleaned_data["feedback"].strip()
        ticked = [self.checklist[int(i)] for i in self.cleaned_data.get("checklist", [])]
        if ticked:
            text += "\n\nYour learning targets still need to meet these points:\n\n" + "\n".join(f"- {t}" for t in ticked)
        return text


class SessionForm(forms.ModelForm):
    class Meta:
        from .models import WorkshopSession

        model = WorkshopSession
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", "The session must end after it starts.")
        return data
