"""The main area: the graph beside the details panel, then paths, text view and exports.

Only the graph and the details panel form a fragment: clicking a node (or a
related node in the panel) reruns just those two, so a click costs a few
kilobytes. Everything below depends on the view alone, not on the selection.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import streamlit as st

from graph.app.component import graph_view
from graph.screen import screen, words_beside
from graph.text import capitalize, md
from graph.view import MAX_DRAWN

from .. import session
from ..datasource import dataset_seq
from .details import details_panel
from .exports import exports_panel, text_view
from .paths import paths_panel
from .sidebar import mode_ui

__all__ = ["explorer"]


@st.fragment
def _graph_and_details(G: nx.MultiDiGraph) -> None:
    if st.session_state.pop("full_rerun", False):
        st.rerun(scope="app")
    state = session.get()
    shown = screen(G, state)
    name = capitalize(G.nodes[state.node]["label"]) if state.node in G else None
    # The words go beside the drawing only when both fit; a wide drawing gets the page's width.
    left, right = st.columns([5, 3], gap="medium") if words_beside(shown) else (st.container(), st.container())
    with left:
        graph_view(
            shown.payload_json,
            state.node,
            on_click=session.on_graph_click,
            on_explore=session.on_graph_explore,
            on_act=session.on_graph_act,
            on_goto=session.on_graph_goto,
            name=name,
            dataset=str(dataset_seq()),
            scroll=session.scroll_request(),
            seq=session.selection_seq(),
        )
    with right:
        if shown.paths:
            _details_tab_for(state.node, shown.view.nodes)
            words, about = st.tabs(["In words", "Details"], key=session.SIDE_TAB, on_change="rerun")
            with words:
                heading = "The trace in lines" if state.mode == "trace" else "Connecting paths"
                paths_panel(G, shown.paths, state.path, heading, shown.trace, shown.view.open, shown.order)
            with about:
                if state.node is None or state.node in shown.view.nodes:
                    st.caption(
                        "A node's card opens on the graph; one the graph does not draw (found by search) shows here."
                    )
                details_panel(G, state.node, shown.view.nodes)
        else:
            details_panel(G, state.node, shown.view.nodes)
    session.sync_url(state)


def _details_tab_for(node: str | None, drawn: Collection[str]) -> None:
    """A newly selected node the graph does not draw has its card in the Details tab: open it (once,
    so the student can go back to the words); once the selection is drawn again, its card is on the
    graph, and the tab this opened gives way to the words."""
    ss = st.session_state
    if node is not None and node not in drawn:
        if ss.get("panel_for") != node:
            ss[session.SIDE_TAB] = "Details"
        ss["panel_for"] = node
    elif ss.pop("panel_for", None) is not None:
        ss[session.SIDE_TAB] = "In words"


def explorer(G: nx.MultiDiGraph, dataset_name: str) -> None:
    state = session.get()
    mode_ui(G, state)  # on the first screen, also on a phone where the sidebar is folded away
    shown = screen(G, state)
    with st.container(key="kg_view_title"):  # the page scrolls here after a trace, an unfold, Back
        st.markdown(f"#### {md(shown.view.title)}")
    if shown.notice:
        st.container(border=True).text(f"Note: {shown.notice}")
    _graph_and_details(G)
    view = shown.view
    if state.mode == "explore" and not (state.node and not state.whole):
        if state.full:
            st.button("Back to the overview", on_click=session.on_full, args=(False,), key="w_full_off")
        elif not (state.types or state.relations):
            st.button("Show the whole graph", on_click=session.on_full, args=(True,), key="w_full_on")
    if view.cut:
        note, more = st.columns([3, 1], vertical_alignment="center")
        note.caption(f"Showing {len(view.nodes)} of {view.total} nodes, most relevant first.")
        more.button("Show more", on_click=session.show_more, disabled=len(view.nodes) >= MAX_DRAWN)
    if st.toggle(
        "Text view", key="w_text", help="The view as a table, one relation per row (screen readers, printing)."
    ):
        text_view(G, shown)
    with st.expander("Export"):
        exports_panel(G, shown, dataset_name)
