"""Imports point down: pd_platform and modules import no domain app (cohorts, certificates,
content); they offer registries that the higher rooms fill."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPWARD = re.compile(r"^\s*(from|import)\s+(cohorts|certificates|content)\b", re.MULTILINE)


@pytest.mark.parametrize("room", ["pd_platform", "modules"])
def test_low_rooms_import_no_domain_app(room):
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in (ROOT / room).rglob("*.py")
        if "migrations" not in path.parts
        for match in UPWARD.finditer(path.read_text())
    ]
    assert offenders == []
