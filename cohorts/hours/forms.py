from django import forms

from pd_platform.dates import PlanningDateField
from pd_platform.params import BIGGEST_ID
from pd_platform.sanitize import plain_text

from .reports import ReportFilter


class ReportFilterForm(forms.Form):
    """The training-hour report's filters, from its query string (?cohort=&district=&school=&from=&to=).
    A value that is not one (a mangled id, a date outside the planning years) filters nothing and
    is shown beside its field."""

    # The query string says "from" and "to" (bookmarks and links have them), which Python cannot name.
    PARAMETERS = {"start": "from", "end": "to"}

    cohort = forms.IntegerField(required=False, min_value=1, max_value=BIGGEST_ID)
    district = forms.CharField(required=False)
    school = forms.CharField(required=False)
    start = PlanningDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = PlanningDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "r-%s")
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name):
        return super().add_prefix(self.PARAMETERS.get(field_name, field_name))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            # Read as given, the range holds no day and the report would be silently empty: the To date is
            # set aside (filtering from the From date on) and the office told why.
            self.add_error("end", f"This is before the From date ({start:%B %-d, %Y}): choose a day on or after it.")
        return cleaned

    def date_fields(self):
        return [self["start"], self["end"]]

    def report_filter(self):
        self.is_valid()
        data = self.cleaned_data
        return ReportFilter(
            cohort_id=data.get("cohort"),
            district=plain_text(data.get("district") or ""),
            school=plain_text(data.get("school") or ""),
            start=data.get("start"),
            end=data.get("end"),
        )
