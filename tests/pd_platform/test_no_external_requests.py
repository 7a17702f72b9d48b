"""Nothing a page loads comes from another site (no CDN, no avatar service)."""

import re

import pytest

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r'(?:src|href)="(?:https?:)?//(?!testserver)[^"]+"')


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/account/"])
def test_the_admin_loads_nothing_from_elsewhere(client, program_admin, path):
    client.force_login(program_admin)
    html = client.get(path, follow=True).content.decode()
    assert "gravatar" not in html
    loaded = [m for m in EXTERNAL.findall(html) if m.startswith("src=")]
    assert loaded == []
