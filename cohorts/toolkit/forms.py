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


class PlanForm(forms.Form):
    course_name = forms.CharField(max_length=150, label="Course", help_text="The course this plan grades.")
    scale = forms.ChoiceField(
        choices=[("mip", "Mastery / In Progress / Missing"), ("4321", "4-3-2-1"), ("13", "1-3")], label="Marks"
    )
    mastery_level = forms.ChoiceField(
        choices=[("4", "4"), ("3", "3"), ("2", "2")],
        label="Level that counts as mastery",
        help_text="On a number scale only: this level or higher is mastery.",
        initial="3",
    )


class RuleForm(forms.Form):
    bands_text = forms.CharField(
        label="Letter bands",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line, best first: the letter and the most tasks not yet mastered it allows. "
        "The last line is the letter alone, for any more. E.g. “A 0”, “B 1”, “C 2”, “F”.",
    )
    wide_text = forms.CharField(
        required=False,
        label="Wider bands",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The same letters, used once there are many tasks, e.g. “A 1”, “B 3”, “C 5”, “F”.",
    )
    wide_from = forms.IntegerField(required=False, min_value=1, max_value=500, label="Wider bands from this many tasks")


class TaskForm(forms.Form):
    title = forms.CharField(max_length=150, label="Mastery task", help_text="e.g. “Lab report: density”.")
