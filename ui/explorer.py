"""The main area: the graph, the path list, the details panel, the text view and exports.

It is a fragment: clicking a node reruns only this part of the page.
"""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.component import graph_view

from . import state as session
from .compute import screen
from .details import details_panel
from .exports import exports_panel, text_view
from .paths import paths_panel
from .text import md

__all__ = ["explorer"]


@st.fragment
def explorer(G: nx.MultiDiGraph, dataset_name: str) -> None:
    if st.session_state.pop("full_rerun", False):
        st.rerun(scope="app")
    state = session.get()
    shown = screen(G, state)
    left, right = st.columns([5, 3], gap="medium")
    with left:
        st.markdown(f"#### {md(shown.view.title)}")
        if shown.notice:
            st.info(md(shown.notice))
        graph_view(shown.payload, state.node, on_click=session.on_graph_click, on_explore=session.on_graph_explore)
        view = shown.view
        if view.cut:
            note, more = st.columns([3, 1], vertical_alignment="center")
            note.caption(f"Showing {len(view.nodes)} of {view.total} nodes, most relevant first.")
            more.button("Show more", on_click=session.show_more, disabled=len(view.nodes) >= 500)
        st.caption("Click a node for details · double-click to explore around it · scroll to zoom · drag to pan.")
        if shown.paths:
            heading = "Paths from the symptom" if state.mode == "trace" else "Connecting paths"
            paths_panel(G, shown.paths, state.path, heading)
        text_tab, export_tab = st.tabs(["Text view", "Export"])
        with text_tab:
            text_view(G, shown)
        with export_tab:
            exports_panel(G, shown, dataset_name)
    with right:
        details_panel(G, state.node)
    session.sync_url(state)
