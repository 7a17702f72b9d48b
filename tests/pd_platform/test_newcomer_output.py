"""What a newcomer reads in the terminal of `make run`: the logins, not pages of e-mail; links
at the port they chose; e-mails that name the platform."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from pd_platform.mail import ConsoleBackend
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_a_console_email_shows_its_attachment_as_one_line():
    out = io.StringIO()
    message = mail.EmailMessage(
        "Invoice for Cohort 04", "Your invoice is attached.", "office@example.org", ["billing@district.org"]
    )
    message.attach("invoice-0042.pdf", b"%PDF-1.7 " + os.urandom(30_000), "application/pdf")
    ConsoleBackend(stream=out).send_messages([message])
    text = out.getvalue()
    assert "To: billing@district.org" in text and "Subject: Invoice for Cohort 04" in text
    assert "Your invoice is attached." in text
    assert "[Attached: invoice-0042.pdf (application/pdf, 29.3\xa0KB)]" in text
    assert max(len(line) for line in text.splitlines()) < 100  # no base64
    assert len(text.splitlines()) < 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # e-mails go as each scene commits
def test_seed_demo_keeps_its_emails_in_files_and_prints_a_short_list(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "pd_platform.mail.ConsoleBackend"
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("load_content", stdout=io.StringIO())
    call_command("seed_demo", stdout=out)
    printed = out.getvalue() + capsys.readouterr().out
    assert "Subject:" not in printed and "Task " not in printed
    assert "participant@example.org" in printed and "graduate@example.org" in printed
    assert len(printed.splitlines()) < 30
    kept = list((tmp_path / "mail" / "demo").iterdir())
    assert kept, "the demo's e-mails are kept as files"
    assert f"E-mails the demo sent are in {tmp_path / 'mail' / 'demo'}/" in printed


@pytest.mark.django_db
def test_account_emails_name_the_platform_not_the_host(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    user = UserFactory(email="teacher@district.org")
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Hello from Grading for Learning!" in body
    assert "testserver" not in body.split("http")[0]  # the greeting names the platform, not the request's host


def test_make_run_writes_links_at_the_port_it_serves(tmp_path):
    """`PORT=8101 make run` gives every command SITE_URL http://127.0.0.1:8101 (a stand-in python
    records what each command was given instead of running it)."""
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$SITE_URL $*" >> {tmp_path}/calls\n')
    python.chmod(0o755)
    (tmp_path / ".installed").touch()
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS", "MAKELEVEL")}
    subprocess.run(
        ["make", "-s", "run", "PORT=8101", f"BIN={tmp_path}"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    calls = (tmp_path / "calls").read_text().splitlines()
    assert [c.split()[2] for c in calls] == ["migrate", "load_content", "seed_demo", "issue_credentials", "runserver"]
    assert {c.split()[0] for c in calls} == {"http://127.0.0.1:8101"}
    subprocess.run(
        ["make", "-s", "run", f"BIN={tmp_path}"],
        cwd=ROOT,
        env={**env, "SITE_URL": "https://pd.example.org"},
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "calls").read_text().splitlines()[-1].startswith("https://pd.example.org ")
