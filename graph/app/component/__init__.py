"""The clickable graph: Streamlit custom components (v2) around vis-network.

Three small components share the page:

* ``hipknee_vis`` carries vis-network's JavaScript, read from the installed
  pyvis package (never a CDN). Its message never changes, so Streamlit's
  message cache sends it once per browser session and only a reference after.
* ``hipknee_graph`` draws a view and reports with ``setTriggerValue``: a click the page does
  not answer itself (``clicked``), a double-click (``explore``), a card's action (``act``) and
  a step of its Back or Forward to a node it does not draw (``goto``).
* ``hipknee_selection`` tells the drawing which node is selected. Keeping the
  selection out of the graph's data means a click re-sends a few hundred bytes,
  not the whole view. It also scrolls the view into sight when the server asks
  (after a trace, an unfold, Back).

The graph's script is ``geometry.js`` (pure geometry: layout choice, label placement,
curves; tested without the page), ``visits.js`` (Back, Forward and the crumbs), ``graph_keys.js`` (the interaction: details card, keyboard,
touch, the words' line marks) and ``graph_view.js`` (the drawing), as one module; its
style is ``graph_view.css`` and ``graph_keys.css``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import streamlit as st

from graph.payload import COMPONENT_SCRIPTS, COMPONENT_STYLES, vis_network_js

__all__ = ["component_css", "component_js", "graph_view"]

_HERE = files(__package__)
SCRIPTS = COMPONENT_SCRIPTS
STYLES = COMPONENT_STYLES

# Tells the graph which node is selected (its id, name and number: the page follows each new one)
# and in which dataset (the page keeps Back and Forward per dataset), and how many times the server
# asked to bring the view into sight (graph_keys.js scrolls when that grows). Kept tiny: it is sent
# again on every run.
SELECTION_JS = """export default function ({ data }) {
  const d = data || {};
  window.kgSelected = typeof d.selected === 'string' ? d.selected : null;
  window.kgSelectSeq = Number.isInteger(d.seq) ? d.seq : 0;
  window.kgSelectedName = typeof d.name === 'string' ? d.name : null;
  window.kgDataset = typeof d.dataset === 'string' ? d.dataset : null;
  window.dispatchEvent(new CustomEvent('kg-select', { detail: window.kgSelected }));
  const n = Number.isInteger(d.scroll) ? d.scroll : 0;
  if (window.kgScrolled === undefined) window.kgScrolled = n;  // what the page was opened with
  window.dispatchEvent(new CustomEvent('kg-scroll', { detail: n }));
}
"""


def component_js() -> str:
    """The graph component's script: the interaction, then the drawing (one module)."""
    return "\n".join((_HERE / name).read_text(encoding="utf-8") for name in SCRIPTS)


def component_css() -> str:
    return "\n".join((_HERE / name).read_text(encoding="utf-8") for name in STYLES)


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
        js=component_js(),
        css=component_css(),
    )
    selection = st.components.v2.component(
        "hipknee_selection",
        js=SELECTION_JS,
    )
    return loader, graph, selection


def graph_view(
    payload: bytes,
    selected: str | None,
    *,
    on_click: Callable[[], None],
    on_explore: Callable[[], None],
    on_act: Callable[[], None] | None = None,
    on_goto: Callable[[], None] | None = None,
    name: str | None = None,
    dataset: str = "",
    height: int | str = "content",
    key: str = "graph",
    scroll: int = 0,
    seq: int = 0,
) -> Any:
    """Draw ``payload`` (JSON bytes of :func:`graph.payload.payload`) and mark ``selected``.

    Bytes are passed as they are: a rerun does not re-encode the view, and
    Streamlit identifies the element by a hash of the bytes. When ``scroll`` grows from one run
    to the next, the page brings the view's heading into sight. ``name`` is the selected node's
    name and ``dataset`` names the graph: the page's Back and Forward keep them (visits.js).
    """
    loader, graph, selection = _components()
    loader(key="hipknee_vis", height=0)
    result = graph(
        key=key,
        data=payload,
        height=height,
        on_clicked_change=on_click,
        on_explore_change=on_explore,
        on_act_change=on_act,
        on_goto_change=on_goto,
    )
    data = {"selected": selected, "name": name, "dataset": dataset, "scroll": scroll, "seq": seq}
    selection(key="hipknee_selection", data=data, height=0)
    return result
