"""Shared fixtures: the real article graph and small datasets of the tests' own."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph import load_graph

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
ARTICLE = ROOT.parent / "shared" / "source" / "knee-pain-hip-alignment.txt"


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
        pytest.skip(f"the article is not at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")
