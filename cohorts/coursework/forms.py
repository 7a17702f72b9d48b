import uuid

from django import forms
from django.conf import settings

from pd_platform.dates import PlanningDateField

from .models import Review


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
        # Its draft is the submission's own (Submission.draft, js/draft.js), not a generic one.
        widget=forms.Textarea(attrs={"rows": 14, "data-keeps-draft": "off"}),
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
                label=criterion,
                choices=self.MEETS_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose Meets or Not yet for this criterion."},
            )
            self.fields[f"criterion_{i}_comment"] = forms.CharField(
                label=f"Comment on: {criterion}",
                required=False,
                max_length=1000,
                widget=forms.TextInput(attrs={"data-keeps-draft": ""}),  # kept as a draft, as the feedback is
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


class FollowUpForm(forms.Form):
    """A follow-up assignment for one participant or a group of a cohort."""

    recipients: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="Give it to",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who gets it: one or more participants."},
    )
    title = forms.CharField(label="Title", max_length=150)
    prompt = forms.CharField(
        label="What you are asking for",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Build on their work: e.g. bring your revised gradebook after the first grading period. "
        "Lists (- item), **bold** and *italics* work.",
    )
    due_on = PlanningDateField(label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    counts_toward_completion = forms.BooleanField(
        label="Counts toward the course's completion rule (like a required activity)", required=False
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, enrollments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = enrollments
        self.fields["recipients"].label_from_instance = lambda e: e.user.full_name or e.user.email
        _limit_length(self.fields["prompt"], settings.SUBMISSION_MAX_CHARACTERS, "The prompt")
