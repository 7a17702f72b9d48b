"""The toolkit's JSON API: check a learning target, turn mastery marks into a letter. Thin: the
rules are `goldilocks` and `grading`; `pd_platform.api.json_post` is the door."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from pd_platform.api import BadRequest, json_post

from .models import LearningTarget
from .plans import grading
from .selectors import target_rules
from .target_sets import goldilocks

MAX_TARGET = LearningTarget._meta.get_field("text").max_length


def api_docs(request):
    return render(
        request,
        "toolkit/api_docs.html",
        {"max_target": MAX_TARGET, "max_tasks": grading.MAX_TASKS, "per_minute": settings.TOOLKIT_API_PER_MINUTE},
    )


@json_post("toolkit-api", "TOOLKIT_API_PER_MINUTE")
def check_target(request, data):
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest('Send the target as “text”, e.g. {"text": "I can compare fractions"}.')
    if len(text) > MAX_TARGET:
        raise BadRequest(f"A target is at most {MAX_TARGET} characters; this one has {len(text)}.")
    course, grade_band = data.get("course", ""), data.get("grade_band", "")
    if not isinstance(course, str) or not isinstance(grade_band, str):
        raise BadRequest("“course” and “grade_band”, when sent, are text, e.g. “8th grade science” and “6-8”.")
    rules = target_rules()
    checks = goldilocks.check_target(text, rules)
    return JsonResponse(
        {
            "ok": goldilocks.target_is_ok(checks),
            "checks": [c.as_dict() for c in checks],
            "suggestion": goldilocks.suggest(text, rules, goldilocks.context_for(course[:150], grade_band[:8])),
        }
    )


@json_post("toolkit-api", "TOOLKIT_API_PER_MINUTE")
def grade(request, data):
    try:
        rule = grading.rule_from_data(data)
        tasks, not_yet = data.get("tasks"), data.get("not_yet")
        letter = grading.letter_for(tasks, not_yet, rule)
    except grading.InvalidRule as problem:
        raise BadRequest(str(problem)) from problem
    return JsonResponse({"letter": letter, "rule": grading.describe(rule, tasks)})
