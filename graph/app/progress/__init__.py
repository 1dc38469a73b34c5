"""Review progress kept in the student's own browser (``localStorage``), through a tiny CCv2 component.

The server never writes progress anywhere: the page holds it in the session's memory
while the tab is open, and the component stores each new revision in the browser.
On a fresh page the component reports what the browser holds, and the page starts
from that. Nothing is shared between browsers or profiles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
import streamlit as st

__all__ = ["KEY", "browser_progress", "storage_key"]

KEY = "hipknee_progress"  # the component's key; its state is st.session_state[KEY]["stored"]
_HERE = files(__package__)


@cache
def _component() -> Any:
    return st.components.v2.component("hipknee_progress", js=(_HERE / "progress.js").read_text(encoding="utf-8"))


def storage_key(G: nx.MultiDiGraph) -> str:
    """The localStorage key for this dataset's progress (datasets with other titles keep their own)."""
    title = str(G.graph.get("title", ""))
    return "hipknee-progress:" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:16]


def browser_progress(key: str, save: str | None, revision: int, on_stored: Callable[[], None]) -> Any:
    """Mount the component: write ``save`` as revision ``revision`` (if new) and report what is stored."""
    return _component()(
        key=KEY,
        data={"key": key, "save": save, "revision": revision},
        height=0,
        on_stored_change=on_stored,
    )
