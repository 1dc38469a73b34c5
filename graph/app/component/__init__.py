"""The clickable graph: Streamlit custom components (v2) around vis-network.

Three small components share the page:

* ``hipknee_vis`` carries vis-network's JavaScript, read from the installed
  pyvis package (never a CDN). Its message never changes, so Streamlit's
  message cache sends it once per browser session and only a reference after.
* ``hipknee_graph`` draws a view and reports clicks (``clicked``) and
  double-clicks (``explore``) with ``setTriggerValue``.
* ``hipknee_selection`` tells the drawing which node is selected. Keeping the
  selection out of the graph's data means a click re-sends a few hundred bytes,
  not the whole view. It also scrolls the view into sight when the server asks
  (after a trace, an unfold, Back).

The graph's script is ``graph_keys.js`` (the interaction: details card, keyboard,
touch, the words' line marks) followed by ``graph_view.js`` (the drawing); its
style is ``graph_view.css`` and ``graph_keys.css``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import streamlit as st

from graph.payload import vis_network_js

__all__ = ["component_css", "component_js", "graph_view"]

_HERE = files(__package__)
SCRIPTS = ("graph_keys.js", "graph_view.js")
STYLES = ("graph_view.css", "graph_keys.css")

# Brings the view's heading into sight when the server asks (``scroll`` grows), unless it is
# already near the top of the screen; retried while the page lays itself out.
SELECTION_JS = """export default function ({ data }) {
  const id = data && typeof data.selected === 'string' ? data.selected : null;
  window.kgSelected = id;
  window.dispatchEvent(new CustomEvent('kg-select', { detail: id }));
  const asked = data && Number.isInteger(data.scroll) ? data.scroll : 0;
  if (window.kgScrolled === undefined || asked <= window.kgScrolled) {
    window.kgScrolled = Math.max(asked, window.kgScrolled || 0);
    return;
  }
  window.kgScrolled = asked;
  let tries = 0;
  const go = () => {
    const target = document.querySelector('.st-key-kg_view_title');
    if (target) {
      const top = target.getBoundingClientRect().top;
      if (top < 40 || top > window.innerHeight * 0.35) {
        target.style.scrollMarginTop = '4.5rem';
        target.scrollIntoView({ block: 'start', behavior: 'instant' });
      }
      window.kgScrolledTo = asked;
    }
    if (++tries < 4) setTimeout(go, 150 * tries);
  };
  setTimeout(go, 30);
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
    height: int | str = "content",
    key: str = "graph",
    scroll: int = 0,
) -> Any:
    """Draw ``payload`` (JSON bytes of :func:`graph.payload.payload`) and mark ``selected``.

    Bytes are passed as they are: a rerun does not re-encode the view, and
    Streamlit identifies the element by a hash of the bytes. When ``scroll`` grows from one run
    to the next, the page brings the view's heading into sight.
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
    selection(key="hipknee_selection", data={"selected": selected, "scroll": scroll}, height=0)
    return result
