"""The sidebar: search, filters, dataset; and what to show (explore, trace, connect), drawn in the main area."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph import NodeNotFound, QueryError
from graph.deeplink import ExplorerState
from graph.lookup import find, resolve
from graph.roles import nodes_with_role
from graph.schema import schema_of
from graph.text import capitalize, count, md, quote
from graph.view import MAX_DRAWN

from .. import datasource, session

__all__ = ["sidebar"]

MODE_LABELS = {"explore": "Explore", "trace": "Trace a symptom", "connect": "Connect two nodes"}
PICKER_LIMIT = 3000


def _label(G: nx.MultiDiGraph, node: str | None) -> str:
    if node is None or node not in G:
        return "—"
    data_ = G.nodes[node]
    return f"{capitalize(data_['label'])} ({data_['type']})"


def search_box() -> str:
    """The search field (in the mode row); returns what was typed."""
    return st.text_input(
        "Search",
        key="w_search",
        placeholder="Search, e.g. glutes, kne pain, NSAIDs",
        help="Names, aliases and typos all work.",
        label_visibility="collapsed",
        width=300,
    )


def search_hits(G: nx.MultiDiGraph, text: str) -> None:
    """What matches the search, one button each (click to select)."""
    if not text or not text.strip():
        return
    hits = find(G, text, limit=8)
    if not hits:
        st.caption(f"Nothing matches “{quote(text, 40)}”.")
        return
    row = st.container(horizontal=True)
    for hit in hits:
        row.button(
            md(f"{capitalize(hit.label)} · {hit.type}"),
            key=f"hit_{hit.node}",
            on_click=session.select,
            args=(hit.node,),
        )


def _node_picker(G: nx.MultiDiGraph, label: str, key: str, options: list[str], on_change: object) -> None:
    if len(options) <= PICKER_LIMIT:
        st.selectbox(
            label,
            options,
            key=key,
            index=None,
            format_func=lambda n: _label(G, n),
            placeholder=f"{label}…",
            on_change=on_change,  # type: ignore[arg-type]
            label_visibility="collapsed",
        )
        return
    # Too many nodes for a list: type a name instead.
    typed = st.text_input(label, key=f"{key}_text", placeholder="Type a name")
    if typed:
        try:
            st.session_state[key] = resolve(G, typed)
        except (NodeNotFound, QueryError):
            st.caption(f"No single node matches “{quote(typed, 40)}”.")
            return
        on_change()  # type: ignore[operator]


def mode_ui(G: nx.MultiDiGraph, state: ExplorerState) -> None:
    """What to show and its picker(s), in one row at the top of the main area (a phone's first screen)."""
    row = st.container(horizontal=True, vertical_alignment="center", key="kg_mode_row")
    with row:
        typed = search_box()
        st.segmented_control(
            "Show",
            list(MODE_LABELS),
            key="w_mode",
            format_func=MODE_LABELS.__getitem__,
            on_change=session.on_mode,
            required=True,
            label_visibility="collapsed",
        )
        if state.mode == "trace":
            symptoms = nodes_with_role(G, "symptom")
            _node_picker(G, "Symptom to trace", "w_trace", symptoms, session.on_trace_pick)
        elif state.mode == "connect":
            everything = sorted(G, key=lambda n: G.nodes[n]["label"].casefold())
            _node_picker(G, "From", "w_from", everything, session.on_connect_pick)
            _node_picker(G, "To", "w_to", everything, session.on_connect_pick)
    search_hits(G, typed)


def filters_ui(G: nx.MultiDiGraph, state: ExplorerState) -> None:
    schema = schema_of(G)
    with st.expander("Filters", expanded=False):
        st.multiselect(
            "Node types",
            list(schema.node_types),
            key="w_types",
            format_func=lambda t: schema.node_types[t].label,
            on_change=session.on_filters,
            args=(G,),
        )
        st.multiselect(
            "Relations",
            list(schema.edge_types),
            key="w_rel",
            format_func=lambda r: schema.edge_types[r].forward,
            on_change=session.on_filters,
            args=(G,),
        )
        st.toggle(
            "Whole graph",
            key="w_whole",
            on_change=session.on_filters,
            args=(G,),
            help="Off: show only the neighbourhood of the selected node.",
        )
        st.slider(
            "Neighbourhood depth",
            1,
            3,
            key="w_depth",
            on_change=session.on_filters,
            args=(G,),
            disabled=state.whole or not state.node,
        )
        st.caption(f"At most {MAX_DRAWN} nodes are drawn at once.")


def dataset_ui(source: datasource.DataSource) -> None:
    note = st.session_state.get("upload_note")
    with st.expander("Dataset", expanded=bool(st.session_state.get("upload_errors") or note)):
        st.caption(
            f"Exploring {md(source.name)}: {source.graph.number_of_nodes()} nodes, {source.graph.number_of_edges()} edges."
        )
        st.file_uploader(
            "Open your own dataset (one YAML file)",
            type=["yaml", "yml"],
            accept_multiple_files=False,
            key="w_upload",
            on_change=datasource.on_upload,
            help="Same format as data/, nodes and edges in one file. A new file replaces the one before "
            "(nothing is merged); it stays in this browser session and is never saved.",
        )
        if note:
            st.text(note)
        errors = st.session_state.get("upload_errors")
        if errors:
            st.error(f"That dataset has {count(len(errors), 'problem')}; still showing {md(source.name)}.")
            st.code("\n".join(errors), language=None, wrap_lines=True)
        if source.uploaded:
            st.button("Back to the article", on_click=datasource.forget_upload)


def sidebar(G: nx.MultiDiGraph, source: datasource.DataSource, state: ExplorerState) -> None:
    with st.sidebar:
        st.title("Hip–Knee Explorer")
        st.caption("How hip alignment causes knee pain, as a graph you can click through.")
        filters_ui(G, state)
        dataset_ui(source)
