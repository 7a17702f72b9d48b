"""Builds the Wagtail page tree of both programs from the data files in ``content/data``.

Idempotent: pages are found by their slug under their parent, activities by their key,
so a second run creates nothing and keeps every id. Pages that exist are left as editors
left them unless ``update=True``; then their fields are set from the files again (ids
kept, activities matched by key, none deleted).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import markdown
import yaml
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site, Workflow, WorkflowPage, WorkflowTask
from wagtail.rich_text import RichText

from modules.models import (
    Activity,
    CoursePage,
    CSTPStandard,
    HomePage,
    ModulePage,
    NextStepsPage,
    OnlineLearningPage,
    SecondEditorApprovalTask,
    Shift,
    WorkshopPage,
    WorkshopSeriesPage,
)
from pd_platform.accounts import roles

from .materials import Library, MaterialsError, build_body, read_materials

DATA_DIR = Path(__file__).resolve().parent / "data"
HOME_SLUG = "platform-home"


class ContentError(Exception):
    """A data file is missing something the loader needs; the message says what and where."""


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    def lines(self):
        for verb, items in (("created", self.created), ("updated", self.updated)):
            for item in items:
                yield f"{verb}: {item}"
        yield (f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} left as they were")


def _default(model, field):
    """Where the data file is silent, the page field's default (the rule is said there only)."""
    return model._meta.get_field(field).default


def _set_in_file(doc, *names):
    """Program settings an editor looks after: set from the file only where the file names them, so
    a reload with ``update`` leaves an editor's value alone unless the file says otherwise."""
    return {name: doc[name] for name in names if name in doc}


def md(text):
    """Markdown from a data file, as the HTML a rich text field stores."""
    return markdown.markdown((text or "").strip(), output_format="html") if text else ""


def read_yaml(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def require(doc, key, where):
    if key not in doc or doc[key] is None:
        raise ContentError(f"{where}: '{key}' is missing")
    return doc[key]


@transaction.atomic
def load_content(update=False, data_dir=None):
    data_dir = Path(data_dir or DATA_DIR)
    report = LoadReport()
    load_standards(read_yaml(data_dir / "cstp.yaml"), update, report)
    home = ensure_home(read_yaml(data_dir / "home.yaml"), update, report)
    ensure_review_workflow(home, report)
    materials = Materials(read_materials(data_dir), Library(md))
    surveys = read_yaml(data_dir / "surveys.yaml") if (data_dir / "surveys.yaml").exists() else {}
    community = read_yaml(data_dir / "community.yaml") if (data_dir / "community.yaml").exists() else {}
    for path in sorted(data_dir.glob("*.yaml")):
        doc = read_yaml(path)
        kind = doc.get("type") if isinstance(doc, dict) else None
        if kind == "course":
            program = load_course(home, doc, update, report, where=path.name, materials=materials)
        elif kind == "workshop_series":
            program = load_workshop_series(home, doc, update, report, where=path.name, materials=materials)
        else:
            continue
        load_next_steps(program, materials.of(program.slug).get("next_steps"), update, report, materials)
        ensure_surveys(program, surveys, report)
        ensure_community_topics(program, community.get("topics", []), report)
    return report


def ensure_community_topics(program, topics, report):
    """The program's community topics, from the defaults, where it has none yet (an admin's
    topics are never overwritten)."""
    from cohorts.community.models import Topic

    if Topic.objects.filter(program=program).exists():
        return
    for order, item in enumerate(topics):
        Topic.objects.create(
            program=program, title=item["title"], description=item.get("description", ""), sort_order=order
        )
        report.created.append(f"community topic: {program.title}: {item['title']}")


def ensure_surveys(program, defaults, report):
    """The program's evaluation and check-in, from the defaults, where it has none yet (an
    admin's edits are never overwritten)."""
    from cohorts.evaluations.models import Question, Survey

    for kind, doc in defaults.items():
        if Survey.objects.filter(program=program, kind=kind).exists():
            continue
        survey = Survey.objects.create(
            program=program,
            kind=kind,
            title=doc["title"],
            intro=" ".join(doc.get("intro", "").split()),
            anonymous_results=kind == Survey.Kind.EVALUATION,
            checkin_days=doc.get("days", "") if kind == Survey.Kind.CHECK_IN else "",
        )
        for order, item in enumerate(doc["questions"]):
            Question.objects.create(
                survey=survey,
                key=item["key"],
                kind=item["kind"],
                text=item["text"],
                required=item.get("required", True),
                sort_order=order,
            )
        report.created.append(f"survey: {survey}")


@dataclass
class Materials:
    """The materials files and the documents they point to, for the pages being loaded."""

    by_program: dict
    library: Library

    def of(self, program_slug):
        return self.by_program.get(program_slug) or {}

    def body(self, program_slug, page_slug, activity_keys=None, where="", items=None):
        if items is None:
            items = self.of(program_slug).get("pages", {}).get(page_slug) or []
        if activity_keys is not None:
            unknown = [
                i["activity"] for i in items if i.get("type") == "activity" and i["activity"] not in activity_keys
            ]
            if unknown:
                raise ContentError(f"{where}: materials link to activities not on the page: {', '.join(unknown)}")
        try:
            return build_body(program_slug, page_slug, items, self.library, where)
        except (MaterialsError, KeyError) as error:
            raise ContentError(f"{where}: materials: {error}")


def fill_empty_body(page, body, report):
    """A page loaded before it had materials gets them: filling an empty body loses nothing."""
    if body and not page.body:
        page.body = body
        page.save_revision().publish()
        report.updated.append(f"{page._meta.verbose_name} '{page.title}' (materials)")


def load_next_steps(program, doc, update, report, materials):
    """The Implementation and next steps page after the program's last module or workshop."""
    if not doc:
        return None
    where = f"{program.slug}: next steps"
    body = materials.body(program.slug, require(doc, "slug", where), where=where, items=doc.get("materials") or [])
    page = upsert_page(
        program,
        NextStepsPage,
        doc["slug"],
        {"title": require(doc, "title", where), "intro": md(doc.get("intro")), "body": body},
        update,
        report,
    )
    fill_empty_body(page, body, report)
    return page


REVIEW_WORKFLOW = "Course change review"


def ensure_review_workflow(home, report):
    """Changes to course pages go through a review by a second editor before they are live.
    Set up once: an office that changes or removes the workflow keeps its choice."""
    if Workflow.objects.filter(name=REVIEW_WORKFLOW).exists():
        return
    workflow = Workflow.objects.create(name=REVIEW_WORKFLOW)
    task = SecondEditorApprovalTask.objects.create(name="Review by a second editor")
    task.groups.set(Group.objects.filter(name=roles.ADMIN))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    report.created.append(f"workflow '{REVIEW_WORKFLOW}'")


def load_standards(doc, update, report):
    for item in require(doc, "standards", "cstp.yaml"):
        obj, created = CSTPStandard.objects.get_or_create(number=item["number"], defaults={"title": item["title"]})
        if created:
            report.created.append(f"CSTP {obj.number}")
        elif update and obj.title != item["title"]:
            obj.title = item["title"]
            obj.save(update_fields=["title"])
            report.updated.append(f"CSTP {obj.number}")


def ensure_home(doc, update, report):
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).first()
    fields = {"title": doc.get("title") or settings.SITE_NAME, "intro": md(doc.get("intro"))}
    if home is None:
        home = HomePage(slug=HOME_SLUG, **fields)
        root.add_child(instance=home)
        home.save_revision().publish()
        report.created.append("home page")
    elif update:
        _set_fields(home, fields)
        home.save_revision().publish()
        report.updated.append("home page")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.SITE_NAME
        site.save()
    # Wagtail's placeholder "Welcome to Wagtail" page is not ours to keep.
    Page.objects.child_of(root).exact_type(Page).delete()
    return home


def load_course(home, doc, update, report, where, materials):
    fields = {
        "title": require(doc, "title", where),
        "subtitle": doc.get("subtitle", ""),
        "intro": md(doc.get("intro")),
        "overview": md(doc.get("overview")),
        "objectives": [("objective", text) for text in doc.get("objectives", [])],
        "implementation": md(doc.get("implementation")),
        "about": md(doc.get("about")),
        "faq": [
            ("item", {"question": qa["question"], "answer": RichText(md(qa["answer"]))}) for qa in doc.get("faq", [])
        ],
        "completion_threshold": Decimal(
            str(doc.get("completion_threshold", _default(CoursePage, "completion_threshold")))
        ),
        "purchase_order_close_business_days": doc.get(
            "purchase_order_close_business_days", _default(CoursePage, "purchase_order_close_business_days")
        ),
        **_set_in_file(doc, "anonymous_results_minimum"),
    }
    course = upsert_page(home, CoursePage, require(doc, "slug", where), fields, update, report)
    for module in require(doc, "modules", where):
        mwhere = f"{where}: module {module.get('number')}"
        slug = require(module, "slug", mwhere)
        body = materials.body(course.slug, slug, {a["key"] for a in module.get("activities") or []}, mwhere)
        page = upsert_page(
            course,
            ModulePage,
            slug,
            {
                "title": require(module, "title", mwhere),
                "number": require(module, "number", mwhere),
                "focus": module.get("focus", ""),
                "hours": Decimal(str(module.get("hours", 0))),
                "description": md(module.get("description")),
                "objectives": [("objective", text) for text in module.get("objectives", [])],
                "body": body,
            },
            update,
            report,
            m2m={"outcomes": list(CSTPStandard.objects.filter(number__in=module.get("outcomes", [])))},
            activities=module.get("activities", []),
            where=mwhere,
        )
        fill_empty_body(page, body, report)
    return course


def load_workshop_series(home, doc, update, report, where, materials):
    for item in doc.get("shifts", []):
        shift, created = Shift.objects.get_or_create(letter=item["letter"], defaults={"title": item["title"]})
        if created:
            report.created.append(f"Shift {shift.letter}")
        elif update and shift.title != item["title"]:
            shift.title = item["title"]
            shift.save(update_fields=["title"])
            report.updated.append(f"Shift {shift.letter}")

    fields = {
        "title": require(doc, "title", where),
        "subtitle": doc.get("subtitle", ""),
        "purpose": md(doc.get("purpose")),
        "objectives": [("objective", text) for text in doc.get("objectives", [])],
        "rules": md(doc.get("rules")),
        "min_group_size": doc.get("min_group_size", _default(WorkshopSeriesPage, "min_group_size")),
        "weeks_between_workshops": doc.get(
            "weeks_between_workshops", _default(WorkshopSeriesPage, "weeks_between_workshops")
        ),
        **_set_in_file(doc, "anonymous_results_minimum"),
    }
    series = upsert_page(home, WorkshopSeriesPage, require(doc, "slug", where), fields, update, report)
    for step in require(doc, "timeline", where):
        swhere = f"{where}: {step.get('slug')}"
        model = {"workshop": WorkshopPage, "online": OnlineLearningPage}.get(step.get("type"))
        if model is None:
            raise ContentError(f"{swhere}: type must be 'workshop' or 'online'")
        step_fields = {
            "title": require(step, "title", swhere),
            "hours": Decimal(str(require(step, "hours", swhere))),
            "description": md(step.get("description")),
            "body": materials.body(
                series.slug, require(step, "slug", swhere), {a["key"] for a in step.get("activities") or []}, swhere
            ),
        }
        if model is WorkshopPage:
            step_fields["number"] = require(step, "number", swhere)
            step_fields["guiding_question"] = step.get("guiding_question") or ""
        page = upsert_page(
            series,
            model,
            require(step, "slug", swhere),
            step_fields,
            update,
            report,
            m2m={"shifts": list(Shift.objects.filter(letter__in=step.get("shifts", [])))},
            activities=step.get("activities", []),
            where=swhere,
        )
        fill_empty_body(page, step_fields["body"], report)
    return series


def upsert_page(parent, model, slug, fields, update, report, m2m=None, activities=(), where=""):
    """Create the page under ``parent`` if it is missing; with ``update``, set it from the file."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    label = f"{model._meta.verbose_name} '{fields['title']}'"
    if page is not None and not update:
        report.unchanged.append(label)
        return page

    created = page is None
    if created:
        page = model(slug=slug)
    _set_fields(page, fields)
    for name, values in (m2m or {}).items():
        setattr(page, name, values)
    if activities or not created:
        page.activities = _merge_activities(page, activities, where)
    if created:
        parent.add_child(instance=page)
    # A revision holds the activities too, so the admin editor shows what is live.
    page.save_revision().publish()
    (report.created if created else report.updated).append(label)
    return page


def _set_fields(page, fields):
    for name, value in fields.items():
        setattr(page, name, value)


def _merge_activities(page, items, where):
    """Activities of the page in file order; existing ones (by key) keep their id, none is dropped."""
    existing = {a.key: a for a in page.activities.all()} if page.pk else {}
    merged = []
    for item in items:
        key = require(item, "key", where)
        activity = existing.pop(key, None)
        if activity is None:
            if Activity.objects.filter(key=key).exists():
                raise ContentError(f"{where}: activity key '{key}' is used by another page")
            activity = Activity(key=key)
        activity.kind = require(item, "kind", f"{where}: {key}")
        activity.title = require(item, "title", f"{where}: {key}")
        activity.prompt = md(item.get("prompt"))
        activity.required = bool(item.get("required", True))
        activity.rubric = "\n".join(item.get("rubric", []))
        activity.replies_to_complete = item.get("replies_to_complete")
        merged.append(activity)
    # Activities an editor added (or the files no longer list) stay, after the listed ones.
    merged.extend(existing.values())
    return merged
