"""Navigation shows each role what it may do; the admin is for admins only."""

import re

import pytest

from modules.models import ModulePage

pytestmark = pytest.mark.django_db


def nav_labels(html):
    nav = re.search(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<]+)</a>", nav)


def test_anonymous_sees_programs_and_login(client):
    html = client.get("/").content.decode()
    assert nav_labels(html) == ["Programs"]
    assert 'href="/accounts/login/"' in html and 'href="/accounts/signup/"' in html


def test_participant_nav_and_dashboard(client, participant):
    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert nav_labels(html) == ["Programs", "Dashboard", "My courses", "Certificates", "Community", "Account"]
    assert "What to do next" in html
    assert "Your cohorts today" not in html and "Program office" not in html


def test_facilitator_dashboard_shows_facilitation(client, facilitator):
    client.force_login(facilitator)
    html = client.get("/dashboard/").content.decode()
    assert nav_labels(html) == [
        "Programs",
        "Dashboard",
        "My courses",
        "Review queue",
        "Cohort progress",
        "Certificates",
        "Community",
        "Impact",
        "Account",
    ]
    assert "Your cohorts today" in html and "What to do next" not in html


def test_admin_nav_links_to_the_wagtail_admin(client, program_admin):
    client.force_login(program_admin)
    html = client.get("/dashboard/").content.decode()
    assert nav_labels(html) == [
        "Programs",
        "Dashboard",
        "My courses",
        "Review queue",
        "Cohort progress",
        "Certificates",
        "Reports",
        "Account",
        "Admin",
    ]
    assert "Program office" in html


def test_only_admins_get_into_the_wagtail_admin(client, participant, facilitator, program_admin):
    for person in (participant, facilitator):
        client.force_login(person)
        response = client.get("/admin/", follow=True)
        assert response.status_code == 403 and "No access to the admin" in response.content.decode()
        assert len(response.redirect_chain) == 1  # told so at once, not sent round the login again
    client.force_login(program_admin)
    assert client.get("/admin/").status_code == 200
    module = ModulePage.objects.get(slug="module-01")
    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200


def test_admin_can_create_a_user_with_profile_fields_in_the_admin(client, program_admin):
    client.force_login(program_admin)
    assert client.get("/admin/users/new/").status_code == 200
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.facilitator@example.org",
            "full_name": "Nia Brooks",
            "job_title": "coach",
            "school": "",
            "password1": "a-strong-pass-123",
            "password2": "a-strong-pass-123",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from pd_platform.accounts.models import User

    assert User.objects.get(email="new.facilitator@example.org").full_name == "Nia Brooks"


def test_current_page_is_marked_for_screen_readers(client, participant):
    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert '<a href="/dashboard/" aria-current="page">Dashboard</a>' in html


@pytest.mark.parametrize(
    "role, shown, hidden",
    [
        (
            "participant",
            ["What to do next", "Your certificates"],
            ["Your cohorts today", "Program office", "Reports and"],
        ),
        ("facilitator", ["Your cohorts today", "Your cohorts' progress"], ["What to do next", "Program office"]),
        ("program_admin", ["Program office", "Reports and requests"], ["What to do next", "Your cohorts today"]),
    ],
)
def test_each_role_gets_the_cards_the_apps_registered(client, request, role, shown, hidden):
    import re

    client.force_login(request.getfixturevalue(role))
    html = client.get("/dashboard/").content.decode().replace("&#x27;", "'")
    for title in shown:
        assert title in html, title
    for title in hidden:
        assert title not in html, title
    # The cards' headings come under the page's h1, in order (a card's own parts under its h2), none skipped.
    headings = [int(level) for level in re.findall(r"<h(\d)[ >]", html.split('id="main"')[1])]
    assert headings[0] == 1 and headings[1] == 2 and set(headings[1:]) <= {2, 3}
    assert all(after <= before + 1 for before, after in zip(headings, headings[1:], strict=False))
    assert html.rindex("Your account") > max(html.index(title) for title in shown)
