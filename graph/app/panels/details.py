"""The details panel: what the selected node is, where the article says so, what it connects to.

A node drawn in the graph has its card, with its actions, shown by the page itself
(``graph/details.py`` builds it, the component draws it; Back and Forward are in the graph's bar), so here it gets nothing; a node
not drawn gets the whole card here. It reruns on every click, so it is kept to a few
elements: each relation group is one row of pills, and the actions are one more.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import streamlit as st

from graph.details import ACTIONS, actions_for
from graph.query import relations
from graph.schema import schema_of
from graph.text import capitalize, md

from .. import session

__all__ = ["details_panel"]


def _act(node: str) -> None:
    action = st.session_state.get(f"act_{node}")
    if action == "trace":
        session.start_trace(node)
    elif action == "around":
        session.explore_around(node)
    elif action == "connect":
        session.start_connect(node)


def _pick(key: str) -> None:
    value = st.session_state.get(key)
    if isinstance(value, str):
        session.select(value)


def _actions_ui(G: nx.MultiDiGraph, node: str) -> None:
    st.session_state.pop(f"act_{node}", None)
    st.pills(
        "Actions",
        actions_for(G, node),
        format_func=ACTIONS.__getitem__,
        key=f"act_{node}",
        on_change=_act,
        args=(node,),
        label_visibility="collapsed",
    )


def details_panel(G: nx.MultiDiGraph, node: str | None, drawn: Collection[str] = ()) -> None:
    """The card of a node the graph does not draw, with its actions (the page shows the others')."""
    if node is None or node not in G:
        return  # the graph's own bar says how to open a node's card (and may already show one)
    data = G.nodes[node]
    if node in drawn:
        return  # its card, with its actions, is on the graph (the page shows it without asking here)
    kind = schema_of(G).node_types[data["type"]].label
    st.subheader(md(capitalize(data["label"])), anchor=False)
    facts = f"**{md(kind)}** · Article section: **{md(data['section'])}**"
    if data["aliases"]:
        facts += f" · Also called: {md(', '.join(data['aliases']))}"
    st.caption(facts)
    st.markdown(md(data["description"]))
    _actions_ui(G, node)
    for i, rel in enumerate(relations(G, node)):
        names = {other: capitalize(G.nodes[other]["label"]) for other in rel.nodes}
        key = f"rel_{node}_{i}"
        st.session_state.pop(key, None)  # a fresh choice each time the panel is drawn
        st.pills(
            md(capitalize(rel.phrase)),
            list(names),
            format_func=lambda n, names=names: md(names[n]),
            key=key,
            on_change=_pick,
            args=(key,),
        )
        conditions: dict[str, list[str]] = {}  # the article's condition on an edge, e.g. surgery only in severe cases
        for n, when in zip(rel.nodes, rel.when, strict=False):
            if when:
                conditions.setdefault(when, []).append(names[n])
        for when, who in conditions.items():
            st.caption(md(f"Only {when}: {', '.join(who)}"))
