"""The clickable graph: Streamlit custom components (v2) around vis-network.

Three small components share the page:

* ``hipknee_vis`` carries vis-network's JavaScript, read from the installed
  pyvis package (never a CDN). Its message never changes, so Streamlit's
  message cache sends it once per browser session and only a reference after.
* ``hipknee_graph`` draws a view and reports clicks (``clicked``) and
  double-clicks (``explore``) with ``setTriggerValue``.
* ``hipknee_selection`` tells the drawing which node is selected. Keeping the
  selection out of the graph's data means a click re-sends a few hundred bytes,
  not the whole view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import streamlit as st

from graph.payload import vis_network_js

__all__ = ["graph_view"]

_HERE = files(__package__)


@cache
def _components() -> tuple[Any, Any, Any]:
    loader = st.components.v2.component(
        "hipknee_vis",
        js=(
            "export default function () {\n"
            "  if (!(window.vis && window.vis.Network)) {\n"
            + vis_network_js()
            + "\n  }\n  window.dispatchEvent(new Event('kg-vis-ready'));\n}\n"
        ),
    )
    graph = st.components.v2.component(
        "hipknee_graph",
        js=(_HERE / "graph_view.js").read_text(encoding="utf-8"),
        css=(_HERE / "graph_view.css").read_text(encoding="utf-8"),
    )
    selection = st.components.v2.component(
        "hipknee_selection",
        js=(
            "export default function ({ data }) {\n"
            "  const id = data && typeof data.selected === 'string' ? data.selected : null;\n"
            "  window.kgSelected = id;\n"
            "  window.dispatchEvent(new CustomEvent('kg-select', { detail: id }));\n"
            "}\n"
        ),
    )
    return loader, graph, selection


def graph_view(
    payload: bytes,
    selected: str | None,
    *,
    on_click: Callable[[], None],
    on_explore: Callable[[], None],
    height: int | str = "content",
    key: str = "graph",
) -> Any:
    """Draw ``payload`` (JSON bytes of :func:`graph.payload.payload`) and mark ``selected``.

    Bytes are passed as they are: a rerun does not re-encode the view, and
    Streamlit identifies the element by a hash of the bytes.
    """
    loader, graph, selection = _components()
    loader(key="hipknee_vis", height=0)
    result = graph(
        key=key,
        data=payload,
        height=height,
        on_clicked_change=on_click,
        on_explore_change=on_explore,
    )
    selection(key="hipknee_selection", data={"selected": selected}, height=0)
    return result
