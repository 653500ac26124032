"""The documentation site builds strictly (`make docs`): no broken link or anchor, the generated pages present.

mkdocs is run as `make docs` runs it, into a temporary folder; the build is offline (no theme, font or plugin is
fetched: everything is a pip package of the `docs` extra).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pytest.importorskip("mkdocs", reason="the docs extra is not installed (make test installs it)")
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def test_the_site_builds_strictly_with_every_page(site):
    for page in ("index", "install", "quickstart", "check", "commands", "claims", "catalogue", "cli", "api",
                 "architecture", "reliability", "mutation", "proofs/index", "proofs/ACCEL"):
        assert (site / f"{page}.html").is_file(), page


def test_the_cli_reference_is_every_commands_help(site):
    html = (site / "cli.html").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"gdpc {name}" in html and f"usage: gdpc {name}" in html, name
    assert "--max-entries N" in html and "(default: 65536)" in html  # real metavars and defaults


def test_the_api_page_has_the_docstrings(site):
    html = (site / "api.html").read_text(encoding="utf-8")
    for name in ("verify", "gd_linear", "certified_margin", "check_latex", "MarginCertificate", "InputError"):
        assert name in html, name
    assert "LR+GD from 0 at step size" in html  # gd_linear's docstring, rendered
