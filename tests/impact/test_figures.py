"""Every figure of the impact report, recomputed here from the raw rows with plain loops over the
objects, gives the same numbers; and a figure with fewer people behind it than the minimum
group size is not shown."""

import re

import pytest
from django.utils import timezone

from certificates.models import Certificate, SiteCohortRequest
from cohorts.coursework.models import Submission
from cohorts.evaluations.models import Answer, Response, Survey
from cohorts.impact import selectors
from cohorts.impact.models import StudentOutcome
from cohorts.registration.models import Approval, Enrollment

from .world import build

pytestmark = pytest.mark.django_db


def numbers(text):
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def expected(enrollments, districts):
    """The report's numbers, from the objects, without the selector or the report module."""
    registered = [e for e in enrollments if e.status == "registered"]
    people = {e.user_id for e in registered}
    ids = {e.pk for e in registered}
    figures = {}

    answered = {
        r.enrollment.user_id for r in Response.objects.all() if r.enrollment_id in ids and r.survey.kind == "evaluation"
    }
    figures["Answered the end-of-course evaluation"] = (
        len(people),
        [len(answered), len(people), percent(len(answered), len(people))],
    )
    latest, answered_programs = {}, set()
    for answer in Answer.objects.order_by("response__submitted_at", "pk"):
        response = answer.response
        if response.enrollment_id in ids and response.survey.kind == "evaluation" and answer.rating is not None:
            label = (response.survey.program.title, answer.question.text)
            answered_programs.add(response.survey.program.title)
            latest.setdefault(label, {})[response.enrollment.user_id] = answer.rating
    latest = {
        (f"{program}: {text}" if len(answered_programs) > 1 else text): r for (program, text), r in latest.items()
    }
    for text, ratings in latest.items():
        values = list(ratings.values())
        agree = len([v for v in values if v >= 4])
        figures[text] = (len(values), [round(sum(values) / len(values), 1), 5, percent(agree, len(values))])

    pieces = [
        s
        for s in Submission.objects.all()
        if s.enrollment_id in ids and s.activity_id and s.activity.kind == "assignment"
    ]
    complete = [s for s in pieces if s.status == "complete"]
    owners = {s.enrollment.user_id for s in pieces}
    unfinished = {s.enrollment.user_id for s in pieces if s.status != "complete"}
    figures["Learning targets and grading plans rated complete"] = (
        len(owners),
        [len(complete), len(pieces), percent(len(complete), len(pieces))],
    )
    figures["People with every piece of their evidence rated complete"] = (
        len(owners),
        [len(owners - unfinished), len(owners), percent(len(owners - unfinished), len(owners))],
    )
    versions = [max(s.revisions.count(), 1) for s in complete]
    bands = [
        len([v for v in versions if v == 1]),
        len([v for v in versions if v == 2]),
        len([v for v in versions if v == 3]),
        len([v for v in versions if v >= 4]),
    ]
    figures["Versions it took to be rated complete"] = (
        len({s.enrollment.user_id for s in complete}),
        [round(sum(versions) / len(versions), 1)] if versions else [],
        bands,
    )

    all_ids = {e.pk for e in enrollments}
    approvals = [a for a in Approval.objects.all() if a.enrollment_id in all_ids]
    count = {
        d: len([a for a in approvals if a.decision == d])
        for d in ("approved", "declined", "lapsed", "pending", "withdrawn")
    }
    figures["Places their district was asked to approve"] = (
        len({a.enrollment.user_id for a in approvals}),
        [count["approved"], count["declined"], count["lapsed"], count["pending"], len(approvals)],
    )
    live = [e for e in enrollments if e.status in ("registered", "awaiting")]
    by_po = [e for e in live if e.payment_method == "purchase_order"]
    figures["Places paid by purchase order (the district pays)"] = (
        len({e.user_id for e in live}),
        [len(by_po), len(live), len([e for e in by_po if e.paid_at])],
    )

    live = [c for c in Certificate.objects.all() if c.enrollment_id in ids and not c.revoked_at and not c.replaced_at]
    certified = {c.enrollment.user_id for c in live}
    today = timezone.localdate()
    programs = {e.cohort.program_id for e in registered}
    days = sorted({d for s in Survey.objects.filter(kind="checkin") if s.program_id in programs for d in s.days})
    for day in days:
        due = {c.enrollment.user_id for c in live if (today - timezone.localdate(c.issued_at)).days >= day}
        done = {
            r.enrollment.user_id
            for r in Response.objects.all()
            if r.enrollment_id in ids and r.occasion == f"day-{day}"
        } & due
        figures[f"Answered the {day}-day check-in"] = (
            len(due),
            [len(done), len(due), day, percent(len(done), len(due))],
        )
    follow_ups = [s for s in Submission.objects.all() if s.enrollment_id in ids and s.follow_up_id]
    done = len([s for s in follow_ups if s.status == "complete"])
    figures["Follow-up assignments rated complete"] = (
        len({s.enrollment.user_id for s in follow_ups}),
        [done, len(follow_ups), percent(done, len(follow_ups))],
    )
    running = [
        r
        for r in SiteCohortRequest.objects.all()
        if r.status == "approved" and r.certificate.enrollment_id in ids and r.trainer_id in certified
    ]
    trainers = {r.trainer_id for r in running}
    sites = {r.site.strip().lower() for r in running}
    figures["Running the workshop series at their own site"] = (
        len(certified),
        [len(trainers), len(certified), percent(len(trainers), len(certified)), len(sites)],
    )
    for outcome in StudentOutcome.objects.all():
        if outcome.district in districts:
            label = f"{outcome.measure} ({outcome.period}), {outcome.district.name}"
            figures[label] = (
                outcome.group_size,
                numbers(f"{outcome.measure} {outcome.period}")[:0] + [float(outcome.value)],
            )
    return figures


def shown(levels):
    return {figure.label: figure for level in levels for figure in level.figures}


def check(levels, want):
    got = shown(levels)
    assert set(got) == set(want)
    for label, (people, values, *parts) in want.items():
        figure = got[label]
        assert figure.people == people, label
        if figure.withheld:
            assert people < 1  # the tests above show every figure with anyone behind it
            continue
        assert numbers(figure.value)[: len(values)] == [float(v) for v in values], label
        if parts:
            assert [count for _, count in figure.parts] == parts[0], label


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_figure_recomputed_from_the_raw_rows(settings, seed):
    settings.IMPACT_MINIMUM_GROUP_SIZE = 1
    world = build(seed)
    # Named evaluations: an anonymous one keeps its ratings back below its program's own minimum (tested below).
    Survey.objects.update(anonymous_results=False)
    first, second, series = world["cohorts"]
    riverside, hillcrest = world["districts"]

    cohort_people = list(Enrollment.objects.filter(cohort=first))
    check(selectors.impact_report(selectors.cohort_scope(first)), expected(cohort_people, _districts_of(cohort_people)))

    program = [e for e in Enrollment.objects.all() if e.cohort.program_id == first.program_id]
    check(selectors.impact_report(selectors.program_scope(first.program)), expected(program, _districts_of(program)))

    for district in (riverside, hillcrest):
        theirs = [
            e
            for e in Enrollment.objects.all()
            if getattr(getattr(e.user, "district_membership", None), "district_id", None) == district.pk
        ]
        check(selectors.impact_for_district(district), expected(theirs, [district]))


def _districts_of(enrollments):
    found = []
    for enrollment in enrollments:
        membership = getattr(enrollment.user, "district_membership", None)
        if membership and membership.district not in found:
            found.append(membership.district)
    return found


def test_no_figure_shows_below_the_minimum_group_size(settings):
    world = build(4)
    riverside, hillcrest = world["districts"]
    for minimum in (5, 8, 100):
        settings.IMPACT_MINIMUM_GROUP_SIZE = minimum
        for figure in shown(selectors.impact_for_district(hillcrest)).values():
            assert figure.withheld == (figure.people < minimum), figure.label
            if figure.withheld:
                assert figure.value is None and figure.parts == ()
    settings.IMPACT_MINIMUM_GROUP_SIZE = 5
    small = shown(selectors.impact_for_district(hillcrest))[
        "Students reassessed after feedback (%) (Spring 2026), Hillcrest Elementary"
    ]
    assert small.withheld and small.people == 3  # a group of three students: not shown


def test_an_empty_scope_shows_nothing_and_says_so(settings):
    from tests import factories

    settings.IMPACT_MINIMUM_GROUP_SIZE = 5
    levels = selectors.impact_for_district(factories.district("Nowhere Unified"))
    assert [level.number for level in levels] == [1, 2, 3, 4, 5]
    assert all(figure.withheld for level in levels for figure in level.figures)
    assert levels[4].note.startswith("No district has supplied")
    assert [standard for level in levels for standard in level.standards][:2] == ["Learning Designs", "Evidence"]


def test_an_anonymous_evaluation_shows_no_rating_below_its_programs_own_minimum(settings):
    """The impact report withholds a rating where the program's results page would: below the number of people the
    program's editor set for anonymous results, even when that is above the report's minimum group size."""
    settings.IMPACT_MINIMUM_GROUP_SIZE = 1
    first = build(4)["cohorts"][0]
    evaluation = Survey.objects.get(program=first.program, kind="evaluation")
    ratings = [
        f
        for f in shown(selectors.impact_report(selectors.cohort_scope(first))).values()
        if "Average" in (f.value or "")
    ]
    assert ratings, "the world has ratings to show"
    people = max(f.people for f in ratings)
    page = first.program.specific
    for anonymous, minimum, withheld in ((True, people + 1, True), (True, people, False), (False, people + 1, False)):
        Survey.objects.filter(pk=evaluation.pk).update(anonymous_results=anonymous)
        page.anonymous_results_minimum = minimum
        page.save(update_fields=["anonymous_results_minimum"])
        figures = shown(selectors.impact_report(selectors.cohort_scope(first)))
        biggest = figures[next(f.label for f in ratings if f.people == people)]
        assert biggest.withheld is withheld, (anonymous, minimum)
        assert not figures["Answered the end-of-course evaluation"].withheld  # who answered is no one's answer
