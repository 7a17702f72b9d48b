"""The loader puts everything the seeds say into Wagtail, and a second run changes nothing."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from content.loader import ContentError, load_content
from modules.models import (
    Activity,
    CoursePage,
    CSTPStandard,
    HomePage,
    ModulePage,
    OnlineLearningPage,
    Shift,
    WorkshopPage,
    WorkshopSeriesPage,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def course():
    return CoursePage.objects.get(slug="learning-based-grading")


def series():
    return WorkshopSeriesPage.objects.get(slug="mastery-learning-and-grading")


def snapshot():
    """Every page id and activity id the content has, by slug path / key."""
    return (
        dict(Page.objects.values_list("url_path", "id")),
        dict(Activity.objects.values_list("key", "id")),
    )


def test_site_root_is_the_home_page_listing_both_programs():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    titles = [p.title for p in home.get_children().live()]
    assert titles == ["Learning-Based Grading", "Mastery Learning and Grading"]
    # Wagtail's placeholder page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_cstp_standards_as_in_the_seed():
    standards = list(CSTPStandard.objects.values_list("number", "title"))
    assert standards == [
        (1, "Engaging and Supporting All Students in Learning"),
        (2, "Creating and Maintaining Effective Environments for Student Learning"),
        (3, "Understanding and Organizing Subject Matter for Student Learning"),
        (4, "Planning Instruction and Designing Learning Experiences for All Students"),
        (5, "Assessing Students for Learning"),
        (6, "Developing as a Professional Educator"),
    ]


EXPECTED_MODULES = [
    # number, title, outcomes, focus, [(activity title, kind)]
    (0, "Welcome", None, None, None),
    (
        1,
        "Mastery Grading, an Introduction",
        [2, 3],
        "Overview of the content and scope of the course",
        [("Golden Lines", "discussion"), ("Big Concepts", "discussion")],
    ),
    (
        2,
        "Writing Clear, Assessable Learning Targets",
        [3, 4, 5],
        "Measurable learning targets for mastery",
        [("Learning Targets", "assignment"), ("Assignment Feedback", "assignment")],
    ),
    (
        3,
        "Designing Your Grading Architecture",
        [2, 3, 4],
        "Articulating grade structures",
        [("Golden Lines", "discussion"), ("Rubrics", "discussion")],
    ),
    (
        4,
        "Designing Mastery Assignments/Assessments",
        [4, 5],
        "Aligning measurements of learning",
        [("Grading for Mastery Q&A", "discussion"), ("Aligning Assignments", "discussion")],
    ),
    (
        5,
        "Giving Feedback",
        [1, 2],
        "Practices and structures of feedback",
        [("Practicing giving learning feedback", "discussion"), ("When to give feedback", "discussion")],
    ),
    (
        6,
        "The Finishing Touches",
        [1, 2, 4, 6],
        "Implementation and design planning",
        [("Communicating your grading system", "assignment"), ("Planning your implementation", "assignment")],
    ),
]


def test_course_modules_titles_outcomes_focus_and_activities_match_the_seed():
    modules = list(course().modules())
    assert [m.number for m in modules] == [0, 1, 2, 3, 4, 5, 6]
    for module, (_number, title, outcomes, focus, activities) in zip(modules, EXPECTED_MODULES, strict=True):
        assert module.title == title
        if outcomes is not None:
            assert sorted(s.number for s in module.outcomes.all()) == outcomes, title
            assert module.focus == focus
            got = [(a.title, a.kind) for a in module.activities.all()]
            assert got == activities, title
        assert all(a.required for a in module.activities.all())
        assert module.description, f"{title} has no description"
    welcome = modules[0]
    assert welcome.is_welcome and welcome.label == "Welcome"
    assert welcome.activities.exists(), "the Welcome module asks the participant to do something"
    assert "before" in welcome.description.lower()


def test_course_hours_objectives_and_rules():
    page = course()
    modules = list(page.modules())
    assert all(m.hours == Decimal("5") for m in modules if m.number > 0)
    assert sum(m.hours for m in modules) == Decimal("30")
    assert page.completion_threshold == Decimal("0.85")
    assert page.purchase_order_close_business_days == 3
    objectives = [b.value for b in page.objectives]
    assert objectives == [
        "Evaluate the key elements of mastery grading systems and their advantages over traditional grading systems.",
        "Create or revise assessable learning targets for mastery in your course.",
        "Develop a mastery grading plan for your course.",
        "Use mastery grading to promote learning and growth with students and other stakeholders.",
    ]


def test_module_learning_objectives_from_the_seed():
    by_number = {m.number: [b.value for b in m.objectives] for m in course().modules()}
    assert by_number[1] == [
        "Define the core principles of what Learning-Based Grading means.",
        "Describe why traditional grading is iniquitous or needs to be changed.",
        "Evaluate the fundamental building blocks of my course to redesign it.",
    ]
    assert len(by_number[2]) == 2
    assert len(by_number[3]) == 4
    assert len(by_number[4]) == 2
    assert len(by_number[5]) == 3
    assert len(by_number[6]) == 3
    assert "Give learning-based feedback on assignments/assessments." in by_number[5]


def test_course_faq_covers_pacing_time_85_percent_submissions_support_and_registration():
    faq = " ".join(f"{b.value['question']} {b.value['answer'].source}" for b in course().faq).lower()
    for phrase in [
        "own pace",
        "5 hours",
        "30 hours",
        "85%",
        "feedback",
        "office hours",
        "start date",
        "business days",
        "purchase order",
    ]:
        assert phrase in faq, phrase
    assert "canvas" not in faq, "the platform is the course site now, not Canvas"


def test_no_contact_details_of_real_people_in_content():
    text = "\n".join(p.read_text() for p in (Path(__file__).resolve().parents[2] / "content" / "data").glob("*.yaml"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an email address in the content files"
    for name in ["Lancaster", "Guice", "Grounds", "Roseanne", "wordpress"]:
        assert name not in text


def test_workshop_series_timeline_hours_and_questions():
    page = series()
    steps = list(page.timeline())
    assert len(steps) == 10
    workshops = [s for s in steps if isinstance(s, WorkshopPage)]
    online = [s for s in steps if isinstance(s, OnlineLearningPage)]
    assert [w.number for w in workshops] == [0, 1, 2, 3, 4, 5]
    assert [w.hours for w in workshops] == [Decimal("1.5")] + [Decimal("2")] * 5
    assert [o.hours for o in online] == [Decimal("3"), Decimal("2"), Decimal("2"), Decimal("1")]
    assert sum(s.hours for s in steps) == Decimal("19.5")
    assert [w.guiding_question for w in workshops[1:]] == [
        "What might be some problems with traditional K-12 grading practices?",
        "How might our grading practices engender a growth mindset in students?",
        "How might instruction change to align with Mastery Grading?",
        "How might grading practices accurately reflect & support student learning?",
        "How might I setup a Mastery Learning and Grading gradebook?",
    ]
    # Online learning alternates with the workshops, starting after Workshop 1.
    kinds = ["W" if isinstance(s, WorkshopPage) else "O" for s in steps]
    assert "".join(kinds) == "WWOWOWOWOW"
    assert [sorted(s.letter for s in o.shifts.all()) for o in online] == [["A", "B"], ["C"], ["D"], []]
    assert all(w.activities.filter(kind="attendance").exists() for w in workshops)
    assert all(o.activities.exists() for o in online)


def test_workshop_series_objectives_shifts_and_rules():
    page = series()
    assert len(page.objectives) == 5
    assert page.objectives[0].value == "Identify and explain some problems with traditional K-12 grading practices"
    assert list(Shift.objects.values_list("letter", "title")) == [
        ("A", "Recognizing the beliefs and traditions of grading"),
        ("B", "Adopting a mindset of grading for learning"),
        ("C", "Connecting grading to the learning cycle"),
        ("D", "Learning strategies for Mastery Grading"),
    ]
    assert page.min_group_size == 8
    assert page.weeks_between_workshops == 3
    rules = page.rules.lower()
    for phrase in ["eight or more", "three weeks", "training rate", "certification"]:
        assert phrase in rules, phrase


def test_second_run_creates_nothing_and_keeps_every_id():
    before = snapshot()
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert snapshot() == before
    assert "0 created, 0 updated" in out.getvalue()


def test_editor_changes_survive_a_reload_unless_update_is_given():
    module = ModulePage.objects.get(slug="module-02")
    module.title = "Learning Targets, edited in the admin"
    module.save_revision().publish()
    before = snapshot()

    load_content()
    assert ModulePage.objects.get(pk=module.pk).title == "Learning Targets, edited in the admin"

    report = load_content(update=True)
    assert ModulePage.objects.get(pk=module.pk).title == "Writing Clear, Assessable Learning Targets"
    assert snapshot() == before, "--update keeps page and activity ids"
    assert report.updated and not report.created


def test_update_keeps_an_activity_an_editor_added():
    module = ModulePage.objects.get(slug="module-01")
    module.activities.add(Activity(key="lbg-m01-editor-extra", kind="reflection", title="Extra"))
    module.save_revision().publish()

    load_content(update=True)

    keys = list(ModulePage.objects.get(pk=module.pk).activities.values_list("key", flat=True))
    assert keys == ["lbg-m01-golden-lines", "lbg-m01-big-concepts", "lbg-m01-editor-extra"]


def test_admin_editor_shows_the_activities_of_a_loaded_module(client, program_admin):
    module = ModulePage.objects.get(slug="module-02")
    client.force_login(program_admin)
    response = client.get(f"/admin/pages/{module.pk}/edit/")
    assert response.status_code == 200
    assert "lbg-m02-learning-targets" in response.content.decode()


def test_a_file_missing_a_required_field_is_refused_with_where_and_what(tmp_path):
    data = Path(__file__).resolve().parents[2] / "content" / "data"
    for path in data.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    doc = yaml.safe_load((tmp_path / "learning-based-grading.yaml").read_text())
    del doc["modules"][3]["slug"]
    (tmp_path / "learning-based-grading.yaml").write_text(yaml.safe_dump(doc))

    with pytest.raises(ContentError, match=r"learning-based-grading.yaml: module 3: 'slug' is missing"):
        load_content(update=True, data_dir=tmp_path)


def test_command_reports_errors_as_command_errors(monkeypatch, tmp_path):
    (tmp_path / "cstp.yaml").write_text("standards:\n")
    monkeypatch.setattr("content.loader.DATA_DIR", tmp_path)
    with pytest.raises(CommandError, match="'standards' is missing"):
        call_command("load_content", stdout=io.StringIO())


def test_an_editors_anonymity_minimum_survives_a_reload_and_a_file_may_set_it(tmp_path):
    course = CoursePage.objects.get(slug="learning-based-grading")
    series = WorkshopSeriesPage.objects.get(slug="mastery-learning-and-grading")
    assert course.anonymous_results_minimum == series.anonymous_results_minimum == 5
    for program in (course, series):
        program.anonymous_results_minimum = 8
        program.save_revision().publish()

    load_content(update=True)

    assert CoursePage.objects.get(pk=course.pk).anonymous_results_minimum == 8
    assert WorkshopSeriesPage.objects.get(pk=series.pk).anonymous_results_minimum == 8

    data = Path(__file__).resolve().parents[2] / "content" / "data"
    for path in data.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    doc = yaml.safe_load((tmp_path / "learning-based-grading.yaml").read_text())
    doc["anonymous_results_minimum"] = 6
    (tmp_path / "learning-based-grading.yaml").write_text(yaml.safe_dump(doc))
    load_content(update=True, data_dir=tmp_path)
    assert CoursePage.objects.get(pk=course.pk).anonymous_results_minimum == 6
