import uuid

from django import forms
from django.conf import settings

from cohorts.coursework.forms import MultipleFileField

from .models import Report, Thread


def _attachments():
    return MultipleFileField(
        label="Attach files", required=False, help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG; up to 10 MB each."
    )


class _OnceForm(forms.Form):
    # A one-time token per form shown: the same form sent twice (a double-click) posts once.
    form_token = forms.RegexField(regex=r"^[0-9a-f]{32}(-\d{1,19})?$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = uuid.uuid4().hex
        if "source" in self.fields:
            self.fields["source"].widget.attrs["maxlength"] = str(settings.DISCUSSION_POST_MAX_CHARACTERS)


class ThreadForm(_OnceForm):
    title = forms.CharField(label="Title", max_length=Thread._meta.get_field("title").max_length)
    source = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Lists (- item), **bold** and *italics* work. Everyone in the program's community reads it.",
    )
    attachments = _attachments()


class PostForm(_OnceForm):
    source = forms.CharField(label="Your post", widget=forms.Textarea(attrs={"rows": 5}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = _attachments()


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with this post?", max_length=Report._meta.get_field("reason").max_length
    )


class ShareForm(forms.Form):
    topic: forms.ModelChoiceField = forms.ModelChoiceField(label="Topic", queryset=None, empty_label=None)
    title = forms.CharField(label="Title", max_length=Thread._meta.get_field("title").max_length)
    note = forms.CharField(
        label="A note to go with it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is, where you used it, what you would change.",
    )
    consent = forms.BooleanField(
        label="I agree to share a copy of this work, with its files and my name, with everyone in this "
        "program's community",
        required=False,
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
