"""Numbered path sentences for a trace or a connection; picking one highlights it."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.explain import Path

from . import state as session
from .text import md

__all__ = ["paths_panel"]


def paths_panel(G: nx.MultiDiGraph, paths: tuple[Path, ...], chosen: int | None, heading: str) -> None:
    st.markdown(f"**{md(heading)}** · {len(paths)} path(s)")
    options = [-1, *range(len(paths))]
    st.session_state["w_path"] = chosen if chosen is not None and 0 <= chosen < len(paths) else -1

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
