from django import forms

from .models import GradeBand, TargetGroup


class TargetSetForm(forms.Form):
    course_name = forms.CharField(
        max_length=150, label="Course", help_text="The course you teach, e.g. “7th grade science”."
    )
    grade_band = forms.ChoiceField(choices=GradeBand.choices, label="Grade band")


class GroupForm(forms.Form):
    kind = forms.ChoiceField(choices=TargetGroup.Kind.choices, label="Kind")
    code = forms.CharField(max_length=60, required=False, label="Code", help_text="e.g. CCSS.MATH.5.NF.A.1")
    text = forms.CharField(max_length=500, label="Standard or understanding", widget=forms.Textarea(attrs={"rows": 2}))


class TargetForm(forms.Form):
    text = forms.CharField(
        max_length=300,
        label="Learning target",
        help_text="Start with “I can”, one skill a student can show.",
    )
