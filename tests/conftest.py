"""Shared fixtures: the real article graph and small datasets of the tests' own.

Checks that need something outside the checkout (the article's text, a FalkorDB server)
skip without it, unless an environment variable says they must run (CI sets them):
``REQUIRE_ARTICLE=1`` and ``REQUIRE_FALKORDB=1`` turn those skips into failures, as
``REQUIRE_BROWSER=1`` and ``REQUIRE_MERMAID=1`` do for the browser and Mermaid checks.
A test module opts in with ``pytestmark = pytest.mark.required_by("REQUIRE_...")``:
then any skip of its tests fails when that variable is ``1``.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any, NoReturn

import networkx as nx
import pytest

from graph import load_graph

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
ARTICLE = ROOT.parent / "shared" / "source" / "knee-pain-hip-alignment.txt"


def required(variable: str) -> bool:
    """True when the environment says the checks behind ``variable`` must run (``variable=1``)."""
    return os.environ.get(variable) == "1"


def skip_or_fail(reason: str, variable: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it when ``variable=1`` says it must run."""
    if required(variable):
        pytest.fail(f"{reason}, and {variable}=1 says this check must run", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "required_by(variable): a skip of this test is a failure when the environment sets variable=1"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """A skipped test marked ``required_by(VARIABLE)`` fails when ``VARIABLE=1``."""
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("required_by")
    if not (report.skipped and marker is not None and required(marker.args[0])) or hasattr(report, "wasxfail"):
        return
    why = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"{why.removeprefix('Skipped: ')}, and {marker.args[0]}=1 says this check must run"


@pytest.fixture(scope="session")
def G() -> nx.MultiDiGraph:
    """The shipped article graph."""
    return load_graph()


@pytest.fixture(scope="session")
def tiny() -> nx.MultiDiGraph:
    """A tiny dataset with its own schema and headings."""
    return load_graph(TEST_DATA / "valid" / "tiny.yaml")


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article's text (kept outside the repository, in ../shared)."""
    if not ARTICLE.exists():
        skip_or_fail(f"the article is not at {ARTICLE}", "REQUIRE_ARTICLE")
    return ARTICLE.read_text(encoding="utf-8")
