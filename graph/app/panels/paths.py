"""The trace (or connection) in words, beside the graph: filter by cause, pick a line to highlight it.

What is listed and what is highlighted come from one state (the open cause and the chosen path),
so the highlight always matches a listed line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import networkx as nx
import streamlit as st

from graph.explain import TracePath
from graph.grouped import GroupedTrace
from graph.text import capitalize, count, md
from graph.tracelines import TraceLine, trace_scopes
from graph.tracetext import trace_markdown

from .. import session

__all__ = ["PAGE", "paths_panel"]

PAGE = 100  # lines listed at once: a trace of up to this many lines needs no paging


def _on_cause() -> None:
    value = st.session_state.get("w_cause")
    session.on_open(value if isinstance(value, str) and value else None)


def _filtered(t: GroupedTrace, open_: str | None) -> GroupedTrace:
    """The grouped trace cut to one group or cause (its group's own care and the general care kept)."""
    if open_ is None:
        return t
    groups = []
    for g in t.groups:
        if g.id == open_:
            groups.append(g)
        elif any(c.id == open_ for c in g.causes):
            groups.append(replace(g, causes=tuple(c for c in g.causes if c.id == open_)))
    return replace(t, groups=tuple(groups))


def _scope_name(G: nx.MultiDiGraph, t: GroupedTrace, scope: str) -> str:
    label = capitalize(G.nodes[scope]["label"])
    group = next((g for g in t.groups if g.id == scope), None)
    if group is not None and any(c.id != scope for c in group.causes):
        return f"{label} (group of {count(len(group.causes), 'cause')})"
    return label


def paths_panel(
    G: nx.MultiDiGraph,
    paths: Sequence[TracePath] | Sequence[TraceLine],
    chosen: int | None,
    heading: str,
    result: GroupedTrace | None = None,
    open_: str | None = None,
    order: Sequence[int] | None = None,
) -> None:
    """A trace in words, filtered by the open cause (the same lines the graph draws) and led by it,
    or a connection's paths; numbered 1..N in the order shown, each highlighting what it says.

    ``order`` lists the shown paths (indices into ``paths``) in the words' order; ``chosen`` is a
    position in it, the number on screen less one (the number the link and the drawing use too).
    """
    ss = st.session_state
    listed = list(range(len(paths))) if order is None else list(order)
    trace = result if result is not None and result.symptom in G else None
    if trace is not None:
        ss["w_cause"] = open_ or ""
        st.selectbox(
            "Show the causes",
            ["", *trace_scopes(trace)],
            key="w_cause",
            format_func=lambda c: "every cause" if not c else _scope_name(G, trace, c),
            on_change=_on_cause,
        )
    what = "line" if trace is not None else "path"
    chosen = chosen if chosen is not None and 0 <= chosen < len(listed) else None
    pages = max(1, math.ceil(len(listed) / PAGE))
    if chosen is not None and ss.get("paths_shown_choice") != chosen:
        ss["w_paths_page"] = chosen // PAGE + 1  # open the page holding a newly chosen line
    ss["paths_shown_choice"] = chosen
    page = min(max(int(ss.get("w_paths_page", 1)), 1), pages)
    ss["w_paths_page"] = page
    st.markdown(f"**{md(heading)}** · {count(len(listed), what)}")
    if pages > 1:  # only past PAGE lines: a trace of up to PAGE lines is one list
        st.number_input(f"Page (of {pages})", 1, pages, key="w_paths_page")
    first = (page - 1) * PAGE
    options = [-1, *range(first, min(first + PAGE, len(listed)))]
    ss["w_path"] = chosen if chosen in options else -1

    def label(k: int) -> str:
        if k < 0:
            return "Highlight none"
        p = paths[listed[k]]
        return f"{k + 1}. {md(p.sentence)} — *{md('; '.join(p.sections))}*"

    st.radio(
        "Highlight a line",
        options,
        key="w_path",
        format_func=label,
        on_change=session.on_path_pick,
        label_visibility="collapsed",
    )
    if trace is not None:
        with st.expander("The trace in the article's order", expanded=False):
            st.markdown(trace_markdown(G, _filtered(trace, open_), extra="$:", top=0))
