"""The trace (or connection) in words, beside the graph: filter by cause, pick a line to highlight it.

What is listed and what is highlighted come from one state (the open cause and the chosen path),
so the highlight always matches a listed line.
"""

from __future__ import annotations

import math

import networkx as nx
import streamlit as st

from graph.explain import TracePath, capitalize
from graph.query import Trace, grouped_trace
from graph.text import md
from graph.tracetext import trace_markdown
from graph.view import paths_of

from .. import session

__all__ = ["PAGE", "count", "paths_panel"]

PAGE = 10


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 path``, ``3 paths``: counts in words, never "path(s)"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _on_cause() -> None:
    value = st.session_state.get("w_cause")
    session.on_open(value if isinstance(value, str) and value else None)


def paths_panel(
    G: nx.MultiDiGraph,
    paths: tuple[TracePath, ...],
    chosen: int | None,
    heading: str,
    result: Trace | None = None,
    open_: str | None = None,
) -> None:
    """A trace's causes grouped as in the article, then the listed paths: filtered by the open cause; ten at a time."""
    if result is not None and result.symptom in G:
        with st.expander("Causes grouped as in the article, with what finds, treats and prevents each", expanded=True):
            st.markdown(trace_markdown(G, grouped_trace(G, result.symptom), extra="$:", top=0))
    ss = st.session_state
    listed = paths_of(G, result, open_) if result is not None else list(range(len(paths)))
    if result is not None:
        causes = ["", *dict.fromkeys(result.causes)]
        ss["w_cause"] = open_ or ""
        st.selectbox(
            "Show the paths through",
            causes,
            key="w_cause",
            format_func=lambda c: "every cause" if not c else capitalize(G.nodes[c]["label"]),
            on_change=_on_cause,
        )
    chosen = chosen if chosen in listed else None
    pages = max(1, math.ceil(len(listed) / PAGE))
    if chosen is not None and ss.get("paths_shown_choice") != chosen:
        ss["w_paths_page"] = listed.index(chosen) // PAGE + 1  # open the page holding a newly chosen path
    ss["paths_shown_choice"] = chosen
    page = min(max(int(ss.get("w_paths_page", 1)), 1), pages)
    ss["w_paths_page"] = page
    st.markdown(f"**{md(heading)}** · {count(len(listed), 'path')}")
    if pages > 1:
        st.number_input(f"Page (of {pages})", 1, pages, key="w_paths_page")
    first = (page - 1) * PAGE
    options = [-1, *listed[first : first + PAGE]]
    ss["w_path"] = chosen if chosen in options else -1

    def label(i: int) -> str:
        if i < 0:
            return "Highlight none"
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
