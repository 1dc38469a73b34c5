"""Numbered path sentences for a trace or a connection; picking one highlights it."""

from __future__ import annotations

import math

import networkx as nx
import streamlit as st

from graph.explain import TracePath
from graph.query import grouped_trace
from graph.text import md
from graph.tracetext import trace_markdown

from .. import session

__all__ = ["PAGE", "paths_panel"]

PAGE = 10


def paths_panel(
    G: nx.MultiDiGraph, paths: tuple[TracePath, ...], chosen: int | None, heading: str, symptom: str | None = None
) -> None:
    """The grouped trace of ``symptom`` (when tracing), then ten paths at a time (the page holding the chosen one)."""
    if symptom is not None and symptom in G:
        with st.expander("Causes grouped as in the article, with what finds, treats and prevents each", expanded=True):
            st.markdown(trace_markdown(G, grouped_trace(G, symptom), extra="$:", top=4))
    chosen = chosen if chosen is not None and 0 <= chosen < len(paths) else None
    pages = math.ceil(len(paths) / PAGE)
    ss = st.session_state
    if chosen is not None and ss.get("paths_shown_choice") != chosen:
        ss["w_paths_page"] = chosen // PAGE + 1  # open the page holding a newly chosen path
    ss["paths_shown_choice"] = chosen
    page = min(max(int(ss.get("w_paths_page", 1)), 1), pages)
    title, pager = st.columns([3, 1], vertical_alignment="center")
    title.markdown(f"**{md(heading)}** · {len(paths)} path(s)")
    if pages > 1:
        pager.number_input(f"Page (of {pages})", 1, pages, key="w_paths_page")
    first = (page - 1) * PAGE
    options = [-1, *range(first, min(first + PAGE, len(paths)))]
    ss["w_path"] = chosen if chosen in options else -1

    def label(i: int) -> str:
        if i < 0:
            return "Show all paths"
        p = paths[i]
        return f"{i + 1}. {md(p.sentence)} — *{md('; '.join(p.sections))}*"

    st.radio(
        "Highlight a path",
        options,
        key="w_path",
        format_func=label,
        on_change=session.on_path_pick,
        label_visibility="collapsed",
    )
