"""Downloads and the text alternative of the current view."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.export import paths_markdown, to_csv_zip, to_cypher, to_graphml, to_json
from graph.payload import standalone_html, view_rows
from graph.query import subgraph
from graph.screen import Screen
from graph.tracetext import trace_markdown
from graph.view import View

__all__ = ["exports_panel", "text_view"]


def text_view(G: nx.MultiDiGraph, screen: Screen) -> None:
    view = screen.view
    st.markdown(f"{len(view.nodes)} nodes and {len(view.edges)} relations in this view, one row per relation:")
    st.dataframe(view_rows(G, view), hide_index=True, width="stretch")
    if screen.paths:
        st.markdown("Paths, in words:")
        st.dataframe(
            [{"#": i + 1, "Path": p.sentence, "Sections": "; ".join(p.sections)} for i, p in enumerate(screen.paths)],
            hide_index=True,
            width="stretch",
        )


def _view_graph(G: nx.MultiDiGraph, view: View) -> nx.MultiDiGraph:
    sub = subgraph(G, view.nodes)
    keep = set(view.edges)
    sub.remove_edges_from([e for e in list(sub.edges(keys=True)) if e not in keep])
    return sub


def exports_panel(G: nx.MultiDiGraph, screen: Screen, title: str) -> None:
    """Download buttons; each file is made only when its button is pressed."""
    view = screen.view
    st.markdown("**This view**")
    cols = st.columns(4)
    cols[0].download_button(
        "GraphML", lambda: to_graphml(_view_graph(G, view)), "view.graphml", "application/xml", key="dl_v_graphml"
    )
    cols[1].download_button(
        "JSON", lambda: to_json(_view_graph(G, view)), "view.json", "application/json", key="dl_v_json"
    )
    cols[2].download_button(
        "CSV (zip)", lambda: to_csv_zip(_view_graph(G, view)), "view-csv.zip", "application/zip", key="dl_v_csv"
    )
    cols[3].download_button(
        "Offline HTML", lambda: standalone_html(screen.payload), "view.html", "text/html", key="dl_v_html"
    )
    if screen.paths:
        trace = screen.trace
        st.download_button(
            "Paths as Markdown notes",
            (lambda: trace_markdown(G, trace))
            if trace is not None
            else (lambda: paths_markdown(G, view.title, screen.paths, source=G.graph.get("title", ""))),
            "notes.md",
            "text/markdown",
            key="dl_notes",
        )
    st.markdown("**Whole graph**")
    cols = st.columns(4)
    cols[0].download_button("GraphML", lambda: to_graphml(G), f"{title}.graphml", "application/xml", key="dl_g_graphml")
    cols[1].download_button("JSON", lambda: to_json(G), f"{title}.json", "application/json", key="dl_g_json")
    cols[2].download_button("CSV (zip)", lambda: to_csv_zip(G), f"{title}-csv.zip", "application/zip", key="dl_g_csv")
    cols[3].download_button("Cypher", lambda: to_cypher(G), f"{title}.cypher", "text/plain", key="dl_g_cypher")
