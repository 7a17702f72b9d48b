import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone

from .deadlines import local_text
from .models import Attendance, Enrollment, Review

# Dates a facilitator or trainer may give for a session: within two years back and ten ahead.
DAYS_BACK, DAYS_AHEAD = 2 * 365, 10 * 365


def check_date_in_range(value, earliest=None):
    """A clear error for a date far in the past or future (9999-12-31 would overflow later)."""
    today = timezone.localdate()
    earliest = earliest or today - timedelta(days=DAYS_BACK)
    latest = today + timedelta(days=DAYS_AHEAD)
    if not earliest <= value <= latest:
        raise forms.ValidationError(
            f"Choose a date between {earliest:%B} {earliest.day}, {earliest.year} and {latest:%B} {latest.day}, {latest.year}."
        )
    return value


class RegistrationForm(forms.Form):
    """The seed's registration form: a drop-down of the program's open cohorts only."""

    cohort = forms.ChoiceField(label="Cohort")
    payment_method = forms.ChoiceField(
        label="How will you pay?", widget=forms.RadioSelect, choices=Enrollment.PaymentMethod.choices
    )
    purchase_order_number = forms.CharField(label="Purchase order number", max_length=60, required=False)
    billing_contact_name = forms.CharField(label="Billing contact name", max_length=150, required=False)
    billing_contact_email = forms.EmailField(label="Billing contact email", required=False)

    def __init__(self, *args, listings, now, online_available=True, **kwargs):
        super().__init__(*args, **kwargs)
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


def _limit_length(field, limit, what):
    """A visible limit in the field (maxlength) and a clear message past it."""

    def within_limit(value):
        if len(value) > limit:
            raise forms.ValidationError(
                f"{what} is {len(value):,} characters long; the limit is {limit:,}. "
                "Shorten it, or attach the longer document as a file.",
                code="max_length",
            )

    field.widget.attrs["maxlength"] = str(limit)
    field.validators.append(within_limit)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_length(self.fields["source"], settings.SUBMISSION_MAX_CHARACTERS, "Your response")


class DiscussionPostForm(forms.Form):
    source = forms.CharField(label="Your post", widget=forms.Textarea(attrs={"rows": 6}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A one-time token per form shown: the same form sent twice (a double-click) posts once.
    form_token = forms.RegexField(regex=r"^[0-9a-f]{32}(-\d{1,19})?$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_length(self.fields["source"], settings.DISCUSSION_POST_MAX_CHARACTERS, "Your post")
        self.page_token = uuid.uuid4().hex
        self.fields["form_token"].initial = self.page_token

    def reply_token(self, post):
        """Each reply form on the page has a token of its own."""
        return f"{self.page_token}-{post.pk}"


class ReviewForm(forms.Form):
    MEETS_CHOICES = [("meets", "Meets"), ("not_yet", "Not yet")]

    rating = forms.ChoiceField(label="Rating", choices=Review.Rating.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label="Feedback",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What is done well, what is not yet there, and the next step.",
    )

    def __init__(self, *args, criteria=(), checklist=(), **kwargs):
        super().__init__(*args, **kwargs)
        _limit_length(self.fields["feedback"], settings.SUBMISSION_MAX_CHARACTERS, "The feedback")
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
            text += "\n\nYour learning targets still need to meet these points:\n\n" + "\n".join(
                f"- {t}" for t in ticked
            )
        return text


class ScheduleSessionsForm(forms.Form):
    first_date = forms.DateField(
        label="First workshop (Introduction) date", widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(label="Start time", widget=forms.TimeInput(attrs={"type": "time"}), initial="15:45")
    place = forms.CharField(label="Place", max_length=255, required=False)

    def clean_first_date(self):
        return check_date_in_range(self.cleaned_data["first_date"])


class AttendanceForm(forms.Form):
    """A whole session's attendance: one status, minutes and contract choice per participant."""

    OUTSIDE_CHOICES = [
        ("", "By the district's contracted day"),
        ("yes", "Yes, all of it"),
        ("no", "No, within contract"),
    ]

    def __init__(self, *args, session, enrollments, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.enrollments = list(enrollments)
        for enrollment in self.enrollments:
            pk = enrollment.pk
            self.fields[f"status-{pk}"] = forms.ChoiceField(
                label="Attendance", choices=Attendance.Status.choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"minutes-{pk}"] = forms.IntegerField(
                label="Minutes attended (if partial)", required=False, min_value=0, max_value=session.minutes
            )
            self.fields[f"outside-{pk}"] = forms.ChoiceField(
                label="Outside contracted hours?", choices=self.OUTSIDE_CHOICES, required=False
            )

    def clean(self):
        data = super().clean()
        for enrollment in self.enrollments:
            pk = enrollment.pk
            minutes_field = f"minutes-{pk}"
            if (
                data.get(f"status-{pk}") == Attendance.Status.PARTIAL
                and not data.get(minutes_field)
                and minutes_field not in self.errors
            ):
                self.add_error(minutes_field, "For partial attendance, give the minutes attended.")
        return data

    def rows(self):
        """(enrollment, status, minutes, outside) for each participant whose attendance was given."""
        for enrollment in self.enrollments:
            pk = enrollment.pk
            status = self.cleaned_data.get(f"status-{pk}")
            if status:
                outside = {"yes": True, "no": False}.get(self.cleaned_data.get(f"outside-{pk}") or "")
                yield enrollment, status, self.cleaned_data.get(f"minutes-{pk}"), outside

    def errors_for(self, enrollment):
        pk = enrollment.pk
        return [e for name in (f"status-{pk}", f"minutes-{pk}", f"outside-{pk}") for e in self.errors.get(name, [])]


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

    def clean_date(self):
        return check_date_in_range(self.cleaned_data["date"])

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", "The session must end after it starts.")
        return data
