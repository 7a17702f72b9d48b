"""The toolkit's JSON API, as a district tool or the browser calls it."""

import json

import pytest
from django.test import Client

from cohorts.toolkit.models import TargetCheckSettings
from pd_platform.accounts.tokens import create_api_token, revoke_api_token
from tests import factories

CHECK = "/api/toolkit/targets/check"
GRADE = "/api/toolkit/grade"


def post(client, url, data, **headers):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(url, body, content_type="application/json", headers=headers)


@pytest.fixture
def keyed(participant):
    _, key = create_api_token(participant, name="district sync")
    return {"Authorization": f"Bearer {key}"}


def test_a_target_is_checked_for_a_key_holder(db, keyed):
    answer = post(Client(), CHECK, {"text": "Students will understand fractions"}, **keyed)
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is False
    failed = {c["name"]: c for c in body["checks"] if not c["ok"]}
    assert set(failed) == {"student_facing", "measurable_verb"}
    assert "“understand”" in failed["measurable_verb"]["why"]
    assert set(body["checks"][0]) >= {"name", "ok", "why"}


def test_a_good_target_is_ok(db, keyed):
    body = post(Client(), CHECK, {"text": "I can compare fractions with unlike denominators"}, **keyed).json()
    assert body["ok"] is True and all(c["ok"] for c in body["checks"]) and body["suggestion"] == ""


def test_the_suggestion_fixes_every_failed_check_in_the_courses_subject(db, keyed):
    weak = {"text": "Students will understand forces", "course": "8th grade science", "grade_band": "6-8"}
    assert post(Client(), CHECK, weak, **keyed).json()["suggestion"] == "I can explain forces"
    broad = {**weak, "text": "I can do science"}
    suggestion = post(Client(), CHECK, broad, **keyed).json()["suggestion"]
    assert suggestion == "I can explain how unbalanced forces change an object's motion"
    assert post(Client(), CHECK, {"text": suggestion}, **keyed).json()["ok"] is True
    assert "course" in post(Client(), CHECK, {**weak, "course": 8}, **keyed).json()["error"]


def test_the_letter_follows_seed_004(db, keyed):
    assert post(Client(), GRADE, {"tasks": 12, "not_yet": 1}, **keyed).json() == {
        "letter": "B",
        "rule": "A = 0 | B = 1 | C = 2 | F = 3 or more mastery tasks In Progress or missing",
    }
    assert post(Client(), GRADE, {"tasks": 19, "not_yet": 3}, **keyed).json()["letter"] == "B"
    custom = {"tasks": 19, "not_yet": 3, "bands": [{"letter": "M", "most": 0}, {"letter": "NY", "most": None}]}
    assert post(Client(), GRADE, custom, **keyed).json()["letter"] == "NY"


@pytest.mark.parametrize(
    "url, body, says",
    [
        (CHECK, "{not json", "not valid JSON"),
        (CHECK, "[1, 2]", "JSON object"),
        (CHECK, {}, "Send the target as “text”"),
        (CHECK, {"text": 5}, "Send the target as “text”"),
        (CHECK, {"text": "I can " + "x" * 400}, "at most 300 characters"),
        (GRADE, {"tasks": 0, "not_yet": 0}, "“tasks” must be"),
        (GRADE, {"tasks": 10}, "“not_yet” must be"),
        (GRADE, {"tasks": 10, "not_yet": 11}, "“not_yet” must be"),
        (GRADE, {"tasks": 10, "not_yet": 1, "bands": "A"}, "“bands” must be a list"),
        (GRADE, {"tasks": 10, "not_yet": 1, "wide_from": 5}, "“wide_bands” must be a list"),
        (GRADE, b"\xff\xfe", "not valid JSON"),
    ],
)
def test_bad_input_answers_400_saying_what_is_wrong(db, keyed, url, body, says):
    answer = post(Client(), url, body, **keyed)
    assert answer.status_code == 400
    assert says in answer.json()["error"]


def test_without_a_key_or_session_401_and_other_methods_405(db, keyed):
    assert post(Client(), CHECK, {"text": "I can add"}).status_code == 401
    assert post(Client(), CHECK, {"text": "I can add"}, Authorization="Bearer wagtail_nope").status_code == 401
    assert post(Client(), CHECK, {"text": "I can add"}, Authorization="Basic abc").status_code == 401
    refused = Client().get(GRADE, headers=keyed)
    assert refused.status_code == 405 and refused["Allow"] == "POST"


def test_a_revoked_key_opens_nothing(participant):
    token, key = create_api_token(participant, name="old script")
    revoke_api_token(participant, token.pk)
    assert post(Client(), GRADE, {"tasks": 3, "not_yet": 0}, Authorization=f"Bearer {key}").status_code == 401


def test_a_signed_in_browser_needs_its_csrf_token(participant):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(participant)
    assert post(browser, GRADE, {"tasks": 3, "not_yet": 0}).status_code == 403
    browser.get("/api/toolkit/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    answer = post(browser, GRADE, {"tasks": 3, "not_yet": 0}, X_CSRFToken=token)
    assert answer.status_code == 200 and answer.json()["letter"] == "A"


def test_the_api_is_documented(db, client):
    page = client.get("/api/toolkit/")
    assert page.status_code == 200
    assert b"/api/toolkit/targets/check" in page.content and b"Authorization: Bearer" in page.content


def test_an_admins_edit_of_the_word_lists_changes_the_answer(db, keyed):
    assert post(Client(), CHECK, {"text": "I can describe a cell"}, **keyed).json()["ok"] is True
    rules = TargetCheckSettings.load()
    rules.vague_verbs += "\nDescribe"
    rules.save()
    body = post(Client(), CHECK, {"text": "I can describe a cell"}, **keyed).json()
    assert body["ok"] is False and "“describe”" in body["checks"][1]["why"]


def test_an_admin_edits_the_word_lists_in_the_admin(client, program_admin, participant):
    client.force_login(program_admin)
    url = "/admin/settings/toolkit/targetchecksettings/"
    page = client.get(url, follow=True)
    assert page.status_code == 200 and "Verbs nobody can observe or measure" in page.content.decode()
    client.force_login(participant)
    assert client.get(url).status_code in (302, 403)


def test_each_key_has_its_own_calls_a_minute_then_429_saying_when_to_try_again(participant, settings):
    settings.TOOLKIT_API_PER_MINUTE = 3
    _, first = create_api_token(participant, name="district sync")
    _, second = create_api_token(factories.participant(), name="another district's script")
    script = {"Authorization": f"Bearer {first}"}
    assert post(Client(), CHECK, {"text": "I can add"}, **script).status_code == 200
    assert post(Client(), GRADE, {"tasks": 3, "not_yet": 0}, **script).status_code == 200
    assert post(Client(), GRADE, {"tasks": 0}, **script).status_code == 400  # a bad call counts too
    refused = post(Client(), CHECK, {"text": "I can add"}, **script)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Too many requests" in refused.json()["error"]
    other = post(Client(), CHECK, {"text": "I can add"}, Authorization=f"Bearer {second}")
    assert other.status_code == 200 and other.json()["checks"]


def test_refused_and_anonymous_calls_are_counted_per_client_address(participant, settings):
    settings.TOOLKIT_API_PER_MINUTE = 3
    _, key = create_api_token(participant, name="district sync")
    guesses = [post(Client(), CHECK, {"text": "I can add"}, Authorization=f"Bearer wagtail_guess{n}") for n in range(3)]
    assert [answer.status_code for answer in guesses] == [401, 401, 401]
    assert post(Client(), CHECK, {"text": "I can add"}).status_code == 429  # no key, the same address
    assert post(Client(), CHECK, {"text": "I can add"}, Authorization="Bearer wagtail_guess9").status_code == 429
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert post(elsewhere, CHECK, {"text": "I can add"}).status_code == 401
    assert post(Client(), CHECK, {"text": "I can add"}, Authorization=f"Bearer {key}").status_code == 200


def test_a_signed_in_browser_is_counted_per_person(participant, settings):
    settings.TOOLKIT_API_PER_MINUTE = 2
    browser = Client()
    browser.force_login(participant)
    assert [post(browser, CHECK, {"text": "I can add"}).status_code for _ in range(3)] == [200, 200, 429]
    someone_else = Client()
    someone_else.force_login(factories.participant())
    assert post(someone_else, CHECK, {"text": "I can add"}).status_code == 200


def test_the_limit_is_documented(db, client, settings):
    settings.TOOLKIT_API_PER_MINUTE = 120
    page = client.get("/api/toolkit/").content.decode()
    assert "120 requests a minute" in page and "429" in page
