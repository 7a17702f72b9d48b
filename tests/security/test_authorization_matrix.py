"""Every URL of the site, for anonymous, another participant, a facilitator of another
cohort, the cohort's facilitator, the owner and an admin: each gets what it may, no more."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from certificates import services as certificate_services
from certificates.credentials import keys as credential_keys
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Attachment, Revision, Submission
from cohorts.coursework.selectors import program_activities
from cohorts.registration.approvals import requests as approvals
from cohorts.registration.models import Approval, Payment
from cohorts.workshops import services as workshops
from cohorts.workshops.views import feed_url
from modules.models import Activity, WorkshopSeriesPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

# "editor" is the content editor (Wagtail's Editors group): the page editor, none of the program office.
WHO = ["anonymous", "other_participant", "other_facilitator", "facilitator", "owner", "admin", "editor"]

# Who may use each URL. "public": everyone; "signed_in": any account; "members": anyone in a cohort of the
# program (participants, facilitators) and admins; "owner": the
# participant whose record it is; "staff": the cohort's facilitators and admins;
# "facilitators": anyone facilitating (sees only their own cohorts); "admin": admins only.
RULES = {
    "cohorts:register": "signed_in",
    "cohorts:my_courses": "signed_in",
    "cohorts:cancel": "owner",
    "cohorts:pay": "owner",
    "cohorts:invoice": "owner",
    "cohorts:receipt": "owner",
    "cohorts:test_checkout": "owner",
    "coursework:progress": "owner",
    "coursework:activity": "owner",
    "coursework:save_draft": "owner",
    "coursework:edit_post": "owner",
    "coursework:comment_on_passage": "staff",
    "coursework:save_to_bank": "staff",
    "coursework:passage_reply": "owner+staff",
    "coursework:hide_post": "staff",
    "coursework:attachment": "owner+staff",
    "coursework:review_queue": "facilitators",
    "coursework:review": "staff",
    "coursework:gradebook": "staff",
    "coursework:moderate": "staff",
    "coursework:mark_material": "owner",
    "coursework:follow_up": "owner",
    "coursework:follow_ups": "staff",
    "coursework:new_follow_up": "staff",
    "workshops:sessions": "staff",
    "workshops:edit_session": "staff",
    "workshops:attendance": "staff",
    "workshops:sessions_ics": "owner",
    "workshops:calendar_feed": "public",
    "workshops:reset_calendar_feed": "signed_in",  # one's own feed address only: tests/workshops
    "certificates:verify_form": "public",
    "certificates:verify": "public",
    "certificates:mine": "signed_in",
    "hours:report": "admin",
    "certificates:request_site_cohort": "signed_in",
    "certificates:site_requests": "admin",
    "certificates:decide_site_request": "admin",
    "certificates:invite": "staff",
    "certificates:cohort_progress": "facilitators",
    "certificates:download": "owner+admin",
    "certificates:transcript": "signed_in",  # one's own: tests/certificates/test_transcript.py
    "certificates:transcript_for": "admin",
    "certificates:transcript_lookup": "admin",
    # What verifiers and wallets read: as public as the verify page, and no more personal.
    "credentials:issuer": "public",
    "credentials:key": "public",
    "credentials:achievement": "public",
    "credentials:status_list": "public",
    "credentials:credential": "public",
    "certificates_api:certificate": "public",
    "workshops:office_hours": "signed_in",
    "workshops:office_hours_seat": "signed_in",
    "workshops:office_hours_ics": "owner+staff",
    "workshops:office_hours_attendance": "staff",
    "evaluations:evaluation": "owner",
    "evaluations:checkin": "owner",
    "evaluations:cohort_results": "staff",
    "evaluations:cohort_checkins": "staff",
    "evaluations:facilitator_results": "staff",
    "health:cohort": "staff",
    "health:nudge": "staff",
    # A district's people's health: the office, and the district's own coordinators (another district's, a
    # facilitator, a participant refused, with a person who moved): tests/districts/test_district_panels.py
    "health:district": "admin",
    "reminders:preferences": "signed_in",
    # Everyone signed in here belongs to the course's community (they take it or facilitate
    # it); tests/community checks that another program's people are refused.
    "community:index": "signed_in",
    "community:digest": "signed_in",
    "community:topic": "members",
    "community:thread": "members",
    "community:follow": "signed_in",
    "community:report": "signed_in",
    "community:attachment": "members",
    "community:share": "owner",
    "community:moderate": "facilitators",
    "community:moderation": "facilitators",
    "reminders:unsubscribe": "public",
    "cohorts:join": "public",  # an invitation link: it leads to the registration page, which asks to sign in
    "cohorts:approval": "not_owner",  # the approver's signed link: no account, and never the teacher herself
    # The mastery toolkit: each person's own target sets and grading plans.
    "toolkit:index": "signed_in",
    "toolkit:target_set_new": "signed_in",
    "toolkit:target_set": "owner",
    "toolkit:standard": "owner",
    "toolkit:target": "owner",
    "toolkit:target_set_change": "owner",
    "toolkit:target_set_delete": "owner",
    "toolkit:submit": "owner",
    "toolkit:comment": "staff",  # a facilitator's feedback on a submitted copy
    "toolkit:canvas_outcomes": "owner",
    "toolkit:rubric_csv": "owner",
    "toolkit:targets_pdf": "owner",
    "toolkit:plan_new": "signed_in",
    "toolkit:plan": "owner",
    "toolkit:plan_change": "owner",
    "toolkit:plan_delete": "owner",
    "toolkit:plan_preview": "owner",
    "toolkit:plan_gradebook": "owner",
    "toolkit:plan_policy": "owner",
    "toolkit:plan_submit": "owner",
    "toolkit_api:docs": "public",
    "toolkit_api:check_target": "signed_in",  # or an API key (tests/toolkit)
    "toolkit_api:grade": "signed_in",
    # LTI: what an LMS calls answers the same to everyone (the signed launch or token decides);
    # the link page is for the account that holds the launch's address.
    "lti:login": "token",
    "lti:launch": "token",
    "lti:jwks": "public",
    "lti:choose": "token",
    "lti:continue": "token",
    "lti:link": "owner",
    # A person's own account pages (allauth's own are tested in tests/accounts).
    "dashboard": "signed_in",
    "account_profile": "signed_in",
    "account_api_key_create": "signed_in",
    "account_api_key_revoke": "signed_in",  # acts on one's own keys only: checked below
    "account_personal_data": "signed_in",
    "save_form_draft": "signed_in",  # one's own drafts only: tests/pd_platform/test_form_drafts.py
    "mfa_activate_totp": "signed_in",
    "wagtailcore_login": "public",  # a redirect to the site's login
    # Public data for other systems.
    "api_cohorts": "public",
    "credential_jwks": "public",
    "modules:media": "public",  # course videos and captions, as public as the course pages
    "course_image": "public",  # the course pages' images, as public as the pages
    "stripe_webhook": "token",  # Stripe's signature decides (tests/registration/test_stripe.py)
}

# Every top-level part of the site is either in RULES (by namespace, or by name for the project's
# own unnamespaced pages) or walked by a test of its own, named here. A new one must be placed.
ELSEWHERE = {
    "admin/": "test_the_wagtail_admin_is_for_admins_only, below",
    "documents/": "Wagtail's document serving, behind its collection privacy (tests/content)",
    "accounts/": "allauth's sign-in, sign-up, e-mail and password pages: tests/accounts and tests/security/test_one_way_in.py",
    "": "the course pages Wagtail serves: tests/modules/test_pages.py and test_routing.py",
    "certificates/reports/hours/": "a permanent redirect to hours:report",
    "districts": "its own matrix, two districts and a person who moved: tests/districts/test_access.py",
    "impact": "office, facilitators' own cohorts, and refusals: tests/impact/test_pages.py; a district's report "
    "for its own coordinators: tests/districts/test_district_panels.py",
    "exports/<int:job_id>/": "a job's page is its owner's alone (another admin, a participant, anonymous refused): "
    "tests/hours/test_report_jobs.py; who may start each export: tests/*/test_*_job*.py",
    "exports/<int:job_id>/file/": "the file is its owner's alone: tests/hours/test_report_jobs.py, "
    "tests/certificates/test_export_jobs.py",
}
# Allowed, these answer with a redirect to where they lead rather than a page.
LEADS_ON = {
    "cohorts:join": ("/cohorts/register/",),
    "wagtailcore_login": ("/accounts/login/", "/"),
    "mfa_activate_totp": ("/accounts/reauthenticate/",),  # setting up a second factor asks for the password first
}
POST_ONLY = {
    "cohorts:pay",
    "coursework:save_draft",
    "coursework:mark_material",
    "coursework:edit_post",
    "coursework:hide_post",
    "coursework:comment_on_passage",
    "coursework:save_to_bank",
    "coursework:passage_reply",
    "certificates:decide_site_request",
    "workshops:office_hours_seat",
    "community:digest",
    "community:follow",
    "community:report",
    "community:moderate",
    "toolkit:target_set_change",
    "toolkit:target_set_delete",
    "toolkit:submit",
    "toolkit:comment",
    "toolkit:plan_change",
    "toolkit:plan_delete",
    "toolkit:plan_submit",
    "toolkit_api:check_target",
    "toolkit_api:grade",
    "lti:launch",
    "lti:choose",
    "account_api_key_create",
    "account_api_key_revoke",
    "account_personal_data",
    "save_form_draft",
    "stripe_webhook",
    "workshops:reset_calendar_feed",
    "health:nudge",
}
# Answered in JSON (autosave): a signed-out request gets 401 with a sign-in link, not the login page.
JSON_ENDPOINTS = {"coursework:save_draft", "save_form_draft"}
# The JSON APIs: a signed-out request without a key gets 401 and says how to authenticate.
API_ENDPOINTS = {"toolkit_api:check_target", "toolkit_api:grade"}


def allowed(rule, who):
    return {
        "public": True,
        "signed_in": who != "anonymous",
        "members": who not in ("anonymous", "editor"),  # in a cohort of the program (the editor is in none)
        "owner": who == "owner",
        "staff": who in ("facilitator", "admin"),
        "owner+staff": who in ("owner", "facilitator", "admin"),
        "owner+admin": who in ("owner", "admin"),
        "facilitators": who in ("facilitator", "other_facilitator", "admin"),
        "admin": who == "admin",
        "other_staff": who in ("other_facilitator", "admin"),
        "not_owner": who != "owner",
        "token": False,  # nobody gets in without the LMS's (or Stripe's) signed token
    }[rule]


def top_level():
    """(key, names): each top-level part of the URL configuration, keyed by its namespace, else its
    address prefix, with the URL names under it (a name for each pattern; its route if unnamed)."""
    parts = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            prefix = pattern.namespace or str(pattern.pattern)
            names = [
                f"{pattern.namespace}:{p.name}" if pattern.namespace else (getattr(p, "name", None) or str(p.pattern))
                for p in pattern.url_patterns
            ]
            parts.append((prefix, names))
        else:
            parts.append((str(pattern.pattern), [pattern.name or str(pattern.pattern)]))
    return parts


def url_names():
    return [name for key, names in top_level() if key not in ELSEWHERE for name in names if name != "admin_login"]


def test_every_part_of_the_site_is_in_the_matrix_or_named_where_it_is_tested():
    unplaced = [
        key for key, names in top_level() if key not in ELSEWHERE and not set(names) <= set(RULES) | {"admin_login"}
    ]
    assert unplaced == [], "a new part of the site needs rules here, or a line in ELSEWHERE naming its test"
    keys = {key for key, _ in top_level()}
    assert set(ELSEWHERE) <= keys, "ELSEWHERE names a part the site no longer has"
    assert {"toolkit", "toolkit_api", "lti", "accounts/profile/", "dashboard/", "api/cohorts/", "payments/"} <= keys


def test_every_url_has_a_rule():
    assert sorted(url_names()) == sorted(RULES), "a new URL needs a rule in this matrix"


@pytest.fixture
def world():
    facilitator = factories.facilitator()
    owner = factories.participant()
    lbg = CohortFactory(start_date=date.today(), facilitators=[facilitator])
    enrollment = EnrollmentFactory(
        cohort=lbg, user=owner, payment_method="purchase_order", purchase_order_number="PO-1"
    )
    for activity in program_activities(lbg.program_id):
        Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")
    submission = Submission.objects.get(enrollment=enrollment, activity__key="lbg-m02-learning-targets")
    revision = Revision.objects.create(submission=submission, number=1, source="x", body="<p>x</p>")
    attachment = Attachment(revision=revision, name="a.pdf", content_type="application/pdf", size=9)
    attachment.file.save("a.pdf", SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"), save=False)
    attachment.save()
    post = coursework.DiscussionPost.objects.create(
        cohort=lbg,
        activity=Activity.objects.get(key="lbg-m01-golden-lines"),
        author=owner,
        source="hi",
        body="<p>hi</p>",
    )
    certificate = certificate_services.award_certificate_if_complete(enrollment.pk)
    certificate_services.produce_certificate(certificate.pk)
    certificate.refresh_from_db()
    online = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=owner, paid_at=None)
    approval = Approval.objects.create(
        enrollment=online,
        approver_email="principal@example.org",
        requested_at=timezone.now(),
        due_at=timezone.now() + timedelta(days=3),
    )
    payment = Payment.objects.create(enrollment=online, provider="test", reference="ref-matrix", amount=450)
    Payment.objects.create(
        enrollment=enrollment, provider="test", reference="ref-paid", amount=450, status="paid", paid_at=timezone.now()
    )
    series = CohortFactory(
        program=WorkshopSeriesPage.objects.get(), start_date=date(2030, 1, 14), facilitators=[facilitator]
    )
    series_enrollment = EnrollmentFactory(cohort=series, user=owner)
    session = workshops.schedule_sessions(series, date(2030, 1, 14))[0]
    # A second cohort of the same program, with its own facilitator and participant at work.
    other_facilitator = factories.facilitator()
    other_cohort = CohortFactory(program=lbg.program, start_date=date.today(), facilitators=[other_facilitator])
    theirs = EnrollmentFactory(cohort=other_cohort)
    their_submission = Submission.objects.create(enrollment=theirs, activity=submission.activity, status="submitted")
    Revision.objects.create(submission=their_submission, number=1, source="theirs", body="<p>theirs</p>")
    from certificates.models import SiteCohortRequest

    site_request = SiteCohortRequest.objects.create(
        trainer=owner, certificate=certificate, site="X", first_date=date(2031, 1, 6), expected_size=9
    )
    from certificates.models import Certificate
    from cohorts.reminders.services import unsubscribe_url
    from cohorts.workshops.models import OfficeHours, OfficeHoursSeat

    Certificate.objects.filter(pk=certificate.pk).update(issued_at=timezone.now() - timedelta(days=31))
    office_hours = OfficeHours.objects.create(
        program=lbg.program,
        facilitator=facilitator,
        starts_at=timezone.now() - timedelta(hours=1),
        place="Room 4",
        time_zone="America/Los_Angeles",
    )
    OfficeHoursSeat.objects.create(session=office_hours, enrollment=enrollment)
    from cohorts.coursework.follow_ups import do_assign_follow_up

    follow_up = do_assign_follow_up(
        facilitator, lbg, [enrollment.pk], "Bring your gradebook", "After the first period."
    )
    from cohorts.community import services as community
    from cohorts.community.models import PostAttachment, Topic

    topic = Topic.objects.filter(program=lbg.program).first()
    thread = community.do_start_thread(owner, topic, "Retakes", "How?")
    community_post = thread.posts.get()
    community_file = PostAttachment(post=community_post, name="a.pdf", content_type="application/pdf", size=9)
    community_file.file.save("a.pdf", SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"), save=False)
    community_file.save()
    from allauth.account.models import EmailAddress
    from django.core import signing
    from lti_tool.models import LtiRegistration, LtiUser

    from cohorts.toolkit.models import AttachedTargetSet
    from cohorts.toolkit.plans import services as plan_services
    from cohorts.toolkit.target_sets import services as toolkit
    from pd_platform.accounts.tokens import create_api_token

    target_set = toolkit.create_target_set(owner, course_name="Grade 5 math", grade_band="3-5")
    standard = toolkit.add_group(target_set, kind="standard", code="5.NF", text="Fractions")
    target = toolkit.add_target(standard, text="I can compare fractions")
    plan = plan_services.create_plan(owner, course_name="Grade 5 math", scale="4321")
    copy = AttachedTargetSet.objects.create(
        revision=revision,
        course_name="Grade 5 math",
        grade_band="3-5",
        groups=[{"kind": "standard", "code": "5.NF", "text": "Fractions", "targets": [{"key": "1", "text": "I can"}]}],
    )
    key, _ = create_api_token(owner, name="Matrix")
    lms = LtiRegistration.objects.create(
        name="Matrix LMS",
        issuer="https://lms.example.org",
        client_id="matrix",
        auth_url="https://lms.example.org/auth",
        token_url="https://lms.example.org/token",
        keyset_url="https://lms.example.org/jwks",
    )
    lms_person = LtiUser.objects.create(registration=lms, sub="matrix-1", email=owner.email)
    assert EmailAddress.objects.filter(user=owner, verified=True).exists()
    from cohorts.coursework import passages

    passage_comment = passages.comment_on_passage(revision, facilitator, "x", "Look at this word.")
    media = get_document_model().objects.filter(file__endswith=".vtt").first()
    image = get_image_model().objects.create(title="Chart", file=get_test_image_file())
    urls = {
        "toolkit:index": "/toolkit/",
        "toolkit:target_set_new": "/toolkit/targets/new/",
        "toolkit:target_set": f"/toolkit/targets/{target_set.pk}/",
        "toolkit:standard": f"/toolkit/targets/{target_set.pk}/standard/{standard.pk}/",
        "toolkit:target": f"/toolkit/targets/{target_set.pk}/target/{target.pk}/",
        "toolkit:target_set_change": f"/toolkit/targets/{target_set.pk}/change/details/",
        "toolkit:target_set_delete": f"/toolkit/targets/{target_set.pk}/delete/",
        "toolkit:submit": f"/toolkit/targets/{target_set.pk}/submit/",
        "toolkit:comment": f"/toolkit/copies/sets/{copy.pk}/comment/",
        "toolkit:canvas_outcomes": f"/toolkit/targets/{target_set.pk}/canvas-outcomes.csv",
        "toolkit:rubric_csv": f"/toolkit/targets/{target_set.pk}/rubric.csv",
        "toolkit:targets_pdf": f"/toolkit/targets/{target_set.pk}/targets.pdf",
        "toolkit:plan_new": "/toolkit/plans/new/",
        "toolkit:plan": f"/toolkit/plans/{plan.pk}/",
        "toolkit:plan_change": f"/toolkit/plans/{plan.pk}/change/details/",
        "toolkit:plan_delete": f"/toolkit/plans/{plan.pk}/delete/",
        "toolkit:plan_preview": f"/toolkit/plans/{plan.pk}/preview/",
        "toolkit:plan_gradebook": f"/toolkit/plans/{plan.pk}/gradebook.xlsx",
        "toolkit:plan_policy": f"/toolkit/plans/{plan.pk}/grading-policy.pdf",
        "toolkit:plan_submit": f"/toolkit/plans/{plan.pk}/submit/",
        "toolkit_api:docs": "/api/toolkit/",
        "toolkit_api:check_target": "/api/toolkit/targets/check",
        "toolkit_api:grade": "/api/toolkit/grade",
        "lti:login": "/lti/login/",
        "lti:launch": "/lti/launch/",
        "lti:jwks": "/lti/jwks/",
        "lti:choose": "/lti/deep-link/",
        "lti:continue": "/lti/continue/not-a-token/",
        "lti:link": "/lti/link/" + signing.dumps({"lti_user": lms_person.pk, "jti": "m"}, salt="lti.link") + "/",
        "dashboard": "/dashboard/",
        "account_profile": "/accounts/profile/",
        "account_api_key_create": "/accounts/api-keys/",
        "account_api_key_revoke": f"/accounts/api-keys/{key.pk}/revoke/",
        "account_personal_data": "/accounts/personal-data.zip",
        "save_form_draft": "/drafts/",
        "mfa_activate_totp": "/accounts/2fa/totp/activate/",
        "wagtailcore_login": "/_util/login/",
        "api_cohorts": "/api/cohorts/",
        "credential_jwks": "/.well-known/jwks.json",
        "modules:media": f"/course-media/{media.pk}/{media.filename}",
        "course_image": f"/media/{image.file.name}",
        "stripe_webhook": "/payments/stripe/webhook/",
        "community:index": "/community/",
        "community:digest": "/community/digest/",
        "community:topic": f"/community/topics/{topic.pk}/",
        "community:thread": f"/community/threads/{thread.pk}/",
        "community:follow": f"/community/threads/{thread.pk}/follow/",
        "community:report": f"/community/posts/{community_post.pk}/report/",
        "community:attachment": f"/community/attachments/{community_file.pk}/",
        "community:share": f"/community/share/{submission.pk}/",
        "community:moderate": f"/community/posts/{community_post.pk}/moderate/",
        "community:moderation": f"/community/programs/{lbg.program_id}/moderation/",
        "coursework:follow_up": f"/cohorts/enrollments/{enrollment.pk}/follow-ups/{follow_up.pk}/",
        "coursework:follow_ups": f"/cohorts/{lbg.pk}/follow-ups/",
        "coursework:new_follow_up": f"/cohorts/{lbg.pk}/follow-ups/new/",
        "workshops:office_hours": "/cohorts/office-hours/",
        "workshops:office_hours_seat": f"/cohorts/office-hours/{office_hours.pk}/seat/",
        "workshops:office_hours_ics": f"/cohorts/office-hours/{office_hours.pk}/calendar.ics",
        "workshops:office_hours_attendance": f"/cohorts/office-hours/{office_hours.pk}/attendance/",
        "evaluations:evaluation": f"/cohorts/enrollments/{enrollment.pk}/evaluation/",
        "evaluations:checkin": f"/cohorts/enrollments/{enrollment.pk}/check-in/",
        "evaluations:cohort_results": f"/cohorts/{lbg.pk}/evaluation/",
        "evaluations:cohort_checkins": f"/cohorts/{lbg.pk}/check-ins/",
        "evaluations:facilitator_results": f"/cohorts/evaluation/facilitators/{facilitator.pk}/{lbg.program_id}/",
        "health:cohort": f"/cohorts/{lbg.pk}/health/",
        "health:nudge": f"/cohorts/{lbg.pk}/health/nudge/{enrollment.pk}/",
        "health:district": f"/cohorts/districts/{factories.district('Matrix Unified').pk}/health/",
        "reminders:preferences": "/reminders/",
        "reminders:unsubscribe": "/" + unsubscribe_url(owner, "pacing").split("/", 3)[3],
        "cohorts:register": f"/cohorts/register/{lbg.program_id}/",
        "cohorts:join": f"/cohorts/join/{series.invitation_key}/",
        "cohorts:approval": f"/cohorts/approvals/{approvals.link_token(approval)}/",
        "cohorts:my_courses": "/cohorts/my-courses/",
        "cohorts:cancel": f"/cohorts/enrollments/{online.pk}/cancel/",
        "cohorts:pay": f"/cohorts/enrollments/{online.pk}/pay/",
        "cohorts:invoice": f"/cohorts/enrollments/{enrollment.pk}/invoice.pdf",
        "cohorts:receipt": f"/cohorts/enrollments/{enrollment.pk}/receipt.pdf",
        "cohorts:test_checkout": f"/cohorts/checkout/test/{payment.reference}/",
        "coursework:progress": f"/cohorts/enrollments/{enrollment.pk}/progress/",
        "coursework:activity": f"/cohorts/enrollments/{enrollment.pk}/activities/lbg-m02-learning-targets/",
        "coursework:save_draft": f"/cohorts/enrollments/{enrollment.pk}/activities/lbg-m02-learning-targets/draft/",
        "coursework:edit_post": f"/cohorts/posts/{post.pk}/edit/",
        "coursework:comment_on_passage": f"/cohorts/review/{submission.pk}/passages/",
        "coursework:save_to_bank": f"/cohorts/review/{submission.pk}/bank/",
        "coursework:passage_reply": f"/cohorts/passage-comments/{passage_comment.pk}/replies/",
        "coursework:hide_post": f"/cohorts/posts/{post.pk}/hide/",
        "coursework:attachment": f"/cohorts/attachments/{attachment.pk}/",
        "coursework:review_queue": "/cohorts/review/",
        "coursework:review": f"/cohorts/review/{submission.pk}/",
        "coursework:gradebook": f"/cohorts/{lbg.pk}/gradebook/",
        "coursework:moderate": f"/cohorts/{lbg.pk}/discussions/lbg-m01-golden-lines/",
        "coursework:mark_material": f"/cohorts/enrollments/{enrollment.pk}/materials/{Activity.objects.get(key='lbg-m02-learning-targets').page_id}/",
        "workshops:sessions": f"/cohorts/{series.pk}/sessions/",
        "workshops:edit_session": f"/cohorts/sessions/{session.pk}/edit/",
        "workshops:attendance": f"/cohorts/sessions/{session.pk}/attendance/",
        "workshops:sessions_ics": f"/cohorts/enrollments/{series_enrollment.pk}/sessions.ics",
        "workshops:calendar_feed": feed_url(owner),
        "workshops:reset_calendar_feed": "/cohorts/calendar/reset/",
        "certificates:verify_form": "/certificates/verify/",
        "certificates:verify": f"/certificates/verify/{certificate.code}/",
        "certificates:mine": "/certificates/mine/",
        "hours:report": "/reports/hours/",
        "certificates:request_site_cohort": "/certificates/site-cohorts/request/",
        "certificates:site_requests": "/certificates/site-cohorts/",
        "certificates:decide_site_request": f"/certificates/site-cohorts/{site_request.pk}/decide/",
        "certificates:invite": f"/certificates/site-cohorts/{series.pk}/invite/",
        "certificates:cohort_progress": "/certificates/cohorts/progress/",
        "certificates:download": f"/certificates/{certificate.code}/download/",
        "certificates:transcript": "/certificates/transcript/",
        "certificates:transcript_for": f"/certificates/transcript/{owner.pk}/",
        "certificates:transcript_lookup": f"/certificates/transcript/lookup/?email={owner.email}",
        "credentials:issuer": "/credentials/issuer",
        "credentials:key": f"/credentials/keys/{credential_keys.signing_key().get('kid')}",
        "credentials:achievement": f"/credentials/achievements/{lbg.program_id}",
        "credentials:status_list": "/credentials/status/1",
        "credentials:credential": f"/credentials/{certificate.code}",
        "certificates_api:certificate": f"/api/certificates/{certificate.code}",
    }
    people = {
        "anonymous": None,
        "owner": owner,
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "other_participant": EnrollmentFactory(cohort=lbg).user,
        "admin": factories.program_admin(),
        "editor": factories.content_editor(),
    }
    return SimpleNamespace(
        api_key=key,
        target_set=target_set,
        urls=urls,
        people=people,
        submission=submission,
        enrollment=enrollment,
        online=online,
        certificate=certificate,
        lbg=lbg,
        series=series,
        session=session,
        post=post,
        site_request=site_request,
        other_cohort=other_cohort,
        their_submission=their_submission,
    )


@pytest.mark.parametrize("who", WHO)
def test_each_person_gets_exactly_what_they_may(client, world, who):
    urls, people, submission = world.urls, world.people, world.submission
    if people[who]:
        client.force_login(people[who])
    problems = []
    for name, rule in RULES.items():
        url = urls[name]
        if name in POST_ONLY:
            if allowed(rule, who):
                continue  # performing the action is covered by the feature tests
            response = client.post(url, {"decision": "decline", "source": "x"})
        else:
            response = client.get(url)
        status = response.status_code
        if rule == "token":  # refused alike for everyone without the signed token, and nobody signed in by it
            ok = status in (400, 405) and ("_auth_user_id" in client.session) == (people[who] is not None)
        elif allowed(rule, who) and name in LEADS_ON:
            ok = status == 302 and response["Location"].startswith(LEADS_ON[name])
        elif allowed(rule, who):
            ok = status == 200
        elif who == "anonymous" and name in JSON_ENDPOINTS:
            ok = status == 401 and "/accounts/login/" in response.json()["login_url"]
        elif who == "anonymous" and name in API_ENDPOINTS:
            ok = status == 401 and "API key" in response.json()["error"]
        elif who == "anonymous":
            ok = status == 302 and "/accounts/login/" in response["Location"]
        else:
            ok = status in (403, 404)
        if not ok:
            problems.append(f"{name} {url}: {status}")
    assert "\n".join(problems) == ""
    if who == "other_facilitator":
        assert f"/cohorts/review/{submission.pk}/" not in client.get("/cohorts/review/").content.decode()
    if who not in ("anonymous", "owner"):  # another person's revoke changed nothing
        client.post(urls["account_api_key_revoke"])
        world.api_key.refresh_from_db()
        assert world.api_key.revoked_at is None


# The site's login, and the admin's old login address that only redirects to it.
LOGIN_URLS = ("/accounts/login/", "/admin/login/")


def admin_urls():
    """Every Wagtail admin URL that takes no parameter, and ours that take one."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    # Logging out would end the test's session; the other two are Wagtail's own error pages.
    # The JavaScript catalogue of translations and the icon sprite are public by design (no data in them).
    skip = {"admin/logout/", "admin/failwhale/", "admin/test404/", "admin/jsi18n/", "admin/sprite/"}
    return sorted(
        f"/{route}"
        for route in walk(get_resolver().url_patterns)
        if route.startswith("admin/") and not set(route) & set("<^$*+?()[]\\") and route not in skip
    )


@pytest.mark.parametrize("who", WHO)
def test_the_wagtail_admin_is_for_admins_only(client, world, who):
    person = world.people[who]
    if person:
        client.force_login(person)
    from modules.models import ModulePage

    urls = admin_urls() + [
        f"/admin/pages/{ModulePage.objects.get(slug='module-01').pk}/edit/",
        reverse("wagtailusers_users:edit", args=[world.people["owner"].pk]),
        f"/admin/certificates/cohort/{world.lbg.pk}/zip/",
        f"/admin/snippets/cohorts/cohort/edit/{world.lbg.pk}/",
    ]
    assert len(urls) > 60
    problems = []
    for url in urls:
        response = client.get(url)
        status = response.status_code
        if who == "admin":
            ok = status < 500
        elif who == "editor":
            ok = _editor_may(url, status, response.get("Location", ""), world)
        elif who == "anonymous":
            ok = status in (302, 403, 404, 405) and (status != 302 or response["Location"].startswith(LOGIN_URLS))
        else:
            # Refused: sent to the login (which sends a signed-in person home), or told no.
            ok = status in (302, 403, 404, 405) and (
                status != 302
                or response["Location"].startswith(LOGIN_URLS)
                or not response["Location"].startswith("/admin/")
            )
        if not ok:
            problems.append(f"{url}: {status} {response.get('Location', '')}")
    assert problems == []


# The content editor's part of the admin: the page editor and the media library.
EDITOR_ADMIN = ("/admin/", "/admin/pages/", "/admin/documents/", "/admin/images/", "/admin/documents/multiple/add/")
# The program office's: people, cohorts and enrollments, purchase orders and refunds, certificates, reports.
PROGRAM_OFFICE = (
    "/admin/users/",
    "/admin/groups/",
    "/admin/purchase-orders/",
    "/admin/refunds/",
    "/admin/certificates/",
    "/admin/personal-data/",
    "/admin/snippets/cohorts/",
    "/admin/snippets/evaluations/",
    "/admin/snippets/reminders/",
    "/admin/sites/",
    "/admin/workflows/list/",
)


def _editor_may(url, status, location, world):
    from modules.models import ModulePage

    if url in EDITOR_ADMIN or url == f"/admin/pages/{ModulePage.objects.get(slug='module-01').pk}/edit/":
        return status == 200
    if url.startswith(PROGRAM_OFFICE):
        return status in (403, 404) or (status == 302 and not location.startswith(url))
    return status < 500


# A POST each, valid enough to be carried out by whoever may: what it changes, and who may.
def post_table(world):
    cert = world.certificate
    return [
        ("/admin/login/", {"username": world.people["admin"].email, "password": "a-long-test-password"}, "nobody"),
        (f"/admin/purchase-orders/{world.enrollment.pk}/paid/", {}, "admin"),
        (
            "/admin/certificates/issue/",
            {"cohort": world.lbg.pk, "email": world.people["owner"].email, "reason": "Matrix"},
            "admin",
        ),
        (f"/admin/certificates/{cert.pk}/reissue/", {"reason": "Name corrected"}, "admin"),
        (f"/admin/certificates/{cert.pk}/revoke/", {"reason": "Matrix"}, "admin"),
        (f"/admin/certificates/cohort/{world.lbg.pk}/award/", {}, "admin"),
        (f"/cohorts/review/{world.submission.pk}/", {"rating": "needs_revision", "feedback": "Revise."}, "staff"),
        # The other cohort of the same program: its own facilitator and admins, not this cohort's facilitator.
        (f"/cohorts/review/{world.their_submission.pk}/", {"rating": "complete", "feedback": "Good."}, "other_staff"),
        (f"/cohorts/{world.series.pk}/sessions/", {"first_date": "2030-01-14", "start_time": "15:45"}, "staff"),
        (
            f"/cohorts/sessions/{world.session.pk}/edit/",
            {"date": "2030-01-15", "start_time": "15:45", "end_time": "17:15", "place": "Library"},
            "staff",
        ),
        (f"/cohorts/sessions/{world.session.pk}/attendance/", {}, "staff"),
        (f"/certificates/site-cohorts/{world.series.pk}/invite/", {"emails": "t@school.example.org"}, "staff"),
        (f"/cohorts/posts/{world.post.pk}/hide/", {}, "staff"),
        (f"/cohorts/posts/{world.post.pk}/edit/", {"source": "edited"}, "owner"),
        (f"/cohorts/enrollments/{world.enrollment.pk}/activities/lbg-m02-learning-targets/", {"source": "x"}, "owner"),
        (f"/cohorts/enrollments/{world.online.pk}/cancel/", {}, "owner"),
        (f"/admin/enrollments/{world.online.pk}/cancel/", {}, "admin"),
        (f"/certificates/site-cohorts/{world.site_request.pk}/decide/", {"decision": "decline"}, "admin"),
    ]


@pytest.mark.parametrize("who", WHO)
def test_posts_are_carried_out_for_those_allowed_and_refused_for_the_rest(client, world, who, mailoutbox):
    person = world.people[who]
    problems = []
    for url, data, rule in post_table(world):
        client.logout()
        if person:
            client.force_login(person)
        response = client.post(url, data)
        status = response.status_code
        may = rule != "nobody" and (who == "admin" if rule == "admin" else allowed(rule, who))
        if rule == "nobody":  # the admin's old login address signs no one in
            ok = status in (302, 403) and ("_auth_user_id" in client.session) == (person is not None)
        elif may:
            ok = status in (200, 302) and not response.get("Location", "").startswith(LOGIN_URLS)
        elif who == "anonymous":
            ok = status == 302 and response["Location"].startswith(LOGIN_URLS)
        elif who == "editor" and url.startswith("/admin/"):  # Wagtail sends one it refuses to the admin's home
            ok = status in (403, 404) or (
                status == 302 and (response["Location"] == "/admin/" or response["Location"].startswith(LOGIN_URLS))
            )
        else:
            ok = status in (403, 404) or (status == 302 and response["Location"].startswith(LOGIN_URLS))
        if not ok:
            problems.append(f"{url}: {status} {response.get('Location', '')}")
    assert "\n".join(problems) == ""
    if who not in ("admin", "facilitator"):
        assert not any("invites you" in m.subject for m in mailoutbox)
    if who != "admin":
        world.certificate.refresh_from_db()
        assert world.certificate.revoked_at is None
