import shutil
import subprocess

import pytest


def pdf_text(content: bytes) -> str:
    """The text of a PDF as an outside reader sees it (poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing (apt-get install poppler-utils); .ci/run installs it")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()


def is_tagged(content: bytes) -> bool:
    """Whether an outside reader (poppler's pdfinfo) finds the PDF tagged for assistive technology."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo missing (apt-get install poppler-utils); .ci/run installs it")
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return any(line.split(":", 1)[1].strip() == "yes" for line in info.splitlines() if line.startswith("Tagged:"))
