from django import forms

from pd_platform.dates import PlanningDateField

from .models import Attendance, WorkshopSession


class ScheduleSessionsForm(forms.Form):
    first_date = PlanningDateField(
        label="First workshop (Introduction) date", widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(label="Start time", widget=forms.TimeInput(attrs={"type": "time"}), initial="15:45")
    place = forms.CharField(label="Place", max_length=255, required=False)


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
        model = WorkshopSession
        fields = ["date", "start_time", "end_time", "place"]
        field_classes = {"date": PlanningDateField}
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
