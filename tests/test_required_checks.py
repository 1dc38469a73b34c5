"""Checks CI requires never pass by skipping: REQUIRE_ARTICLE=1 and REQUIRE_FALKORDB=1 make a skip fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

SUITE = """
from pathlib import Path

import pytest

import tests.conftest

tests.conftest.ARTICLE = Path("/nowhere/knee-pain-hip-alignment.txt")


@pytest.mark.required_by("REQUIRE_FALKORDB")
def test_needs_a_server():
    pytest.skip("the server did not start")


def test_needs_the_article(article_text):
    assert article_text
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_needs_things.py").write_text(SUITE, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("REQUIRE_", "PYTEST_"))}
    environ |= {"PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", **env}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", str(tmp_path)]
    return subprocess.run(command, cwd=tmp_path, env=environ, capture_output=True, text=True, timeout=120)


def test_a_required_check_that_skips_fails_the_run(tmp_path: Path) -> None:
    done = _run(tmp_path, REQUIRE_FALKORDB="1", REQUIRE_ARTICLE="1")
    assert done.returncode != 0, done.stdout
    for variable in ("REQUIRE_FALKORDB", "REQUIRE_ARTICLE"):
        assert f"{variable}=1 says this check must run" in done.stdout
    assert "skipped" not in done.stdout


def test_without_the_variables_the_checks_only_skip(tmp_path: Path) -> None:
    done = _run(tmp_path)
    assert done.returncode == 0, done.stdout
    assert "2 skipped" in done.stdout
