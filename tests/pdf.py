import shutil
import subprocess

import pytest


def pdf_text(content: bytes) -> str:
    """The text of a PDF as an outside reader sees it (poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing (apt-get install poppler-utils); .ci/run installs it")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()
