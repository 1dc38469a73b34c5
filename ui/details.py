"""The details panel: what the selected node is, where the article says so, what it connects to."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.explain import capitalize
from graph.query import relations

from . import state as session
from .text import md

__all__ = ["details_panel"]


def _history_ui(G: nx.MultiDiGraph) -> None:
    ss = st.session_state
    history: list[str] = [n for n in ss.get("history", []) if n in G]
    pos = min(ss.get("history_pos", len(history) - 1), len(history) - 1)
    back, trail, fwd = st.columns([1, 6, 1], vertical_alignment="center")
    back.button("←", key="hist_back", on_click=session.back, disabled=pos <= 0, help="Back")
    fwd.button("→", key="hist_fwd", on_click=session.forward, disabled=pos >= len(history) - 1, help="Forward")
    crumbs = [capitalize(G.nodes[n]["label"]) for n in history[max(0, pos - 3) : pos + 1]]
    trail.caption(md(" › ".join(crumbs)) if crumbs else "Click a node to see its details.")


def details_panel(G: nx.MultiDiGraph, node: str | None) -> None:
    _history_ui(G)
    if node is None or node not in G:
        st.info("Click a node in the graph, or search in the sidebar, to see what it is and how it connects.")
        return
    data = G.nodes[node]
    schema = G.graph["schema"]
    st.subheader(md(capitalize(data["label"])), anchor=False)
    st.badge(md(schema.node_types[data["type"]].label))
    st.markdown(md(data["description"]))
    st.caption(f"Article section: **{md(data['section'])}**")
    if data["aliases"]:
        st.caption(f"Also called: {md(', '.join(data['aliases']))}")
    actions = st.columns(3)
    if data["type"] == "symptom":
        actions[0].button(
            "Trace", key="act_trace", on_click=session.start_trace, args=(node,), help="Symptom → causes → treatments"
        )
    actions[1].button("Explore around", key="act_around", on_click=session.explore_around, args=(node,))
    actions[2].button(
        "Connect…",
        key="act_connect",
        on_click=session.start_connect,
        args=(node,),
        help="How is this related to another node?",
    )
    for rel in relations(G, node):
        st.markdown(f"**{md(capitalize(rel.phrase))}**")
        for other in rel.nodes:
            st.button(
                md(capitalize(G.nodes[other]["label"])),
                key=f"rel_{rel.type}_{int(rel.forward)}_{other}",
                on_click=session.select,
                args=(other,),
                type="tertiary",
            )
