"""What the explorer's main area shows for a state: the view, its drawing payload and its paths.

Pure (no Streamlit): computed once per graph and state and remembered in the
per-graph cache, so a click that does not change the view reuses everything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .cache import memo
from .deeplink import ExplorerState
from .errors import NoPath
from .explain import TracePath
from .grouped import GroupedTrace, grouped_trace
from .payload import payload
from .query import connect
from .text import count
from .tracelines import TraceLine, display_order, trace_lines
from .view import View, connect_view, neighbourhood_view, overview_view, trace_view, whole_view

__all__ = ["BESIDE_MAX_PX", "SMALL", "Screen", "line_map", "renumber", "screen", "words_beside"]

SMALL = 30  # a dataset this small is its own overview: the landing shows all of it


@dataclass(frozen=True)
class Screen:
    """What the main area shows for a state."""

    view: View
    payload: dict[str, Any]
    payload_json: bytes
    paths: tuple[TracePath, ...] | tuple[TraceLine, ...] = ()  # a connection's paths or a trace's lines
    trace: GroupedTrace | None = None
    notice: str = ""
    order: tuple[int, ...] = ()  # the listed paths in the words' order: line k (from 1) is paths[order[k - 1]]


BESIDE_MAX_PX = 560  # the widest drawing that still leaves the words room beside it on a laptop


def words_beside(shown: Screen) -> bool:
    """Whether the words fit beside the drawing: its box at full size is narrow enough (a force layout has none).

    A wider drawing takes the page's width and the words go below it, so no label has to shrink.
    """
    box = shown.payload.get("box")
    return box is None or box["width"] <= BESIDE_MAX_PX


def line_map(paths: tuple[TracePath, ...] | tuple[TraceLine, ...], order: tuple[int, ...]) -> list[dict[str, Any]]:
    """What each numbered line is about, for the page: a click on a node or an arrow finds its line.

    Each entry is ``{"n": number, "nodes": [...], "pairs": [[a, b], ...]}`` (the arrows' ends).
    """
    out = []
    for k, i in enumerate(order):
        p = paths[i]
        ends = p.edges if isinstance(p, TraceLine) else [(s.source, s.target, s.type) for s in p.steps]
        pairs = [[u, v] for u, v, _ in ends]
        out.append({"n": k + 1, "nodes": list(p.nodes), "pairs": pairs})
    return out


def _make(
    G: nx.MultiDiGraph,
    view: View,
    paths: tuple[TracePath, ...] | tuple[TraceLine, ...] = (),
    result: GroupedTrace | None = None,
    notice: str = "",
    order: tuple[int, ...] | None = None,
) -> Screen:
    data = payload(G, view)
    order = tuple(range(len(paths))) if order is None else order
    if paths:
        data["lines"] = line_map(paths, order)
    return Screen(view, data, json.dumps(data, separators=(",", ":")).encode(), paths, result, notice, order)


def _connect(G: nx.MultiDiGraph, a: str, b: str) -> tuple[TracePath, ...] | str:
    try:
        return tuple(connect(G, a, b, limit=5))
    except NoPath as exc:
        return str(exc)


def screen(G: nx.MultiDiGraph, state: ExplorerState) -> Screen:
    """The view, its drawing payload and any paths for ``state``.

    The selection only matters to a neighbourhood view, so for every other view
    it is left out of the key: clicking around reuses the same screen.
    """
    around = state.mode == "explore" and not state.whole and state.node is not None
    key = state if around else state.with_(node=None)
    return memo(G, "screen", key, lambda: _screen(G, key))


def renumber(G: nx.MultiDiGraph, state: ExplorerState) -> ExplorerState:
    """A trace line chosen with nothing open opens what it is about; say so in the state (and the link),
    with the line's number in the words that are then listed, so Back and a shared link agree.

    The state is returned unchanged when nothing needs opening.
    """
    if state.mode != "trace" or state.path is None or state.open is not None:
        return state
    shown = screen(G, state)
    if shown.view.open is None or state.path not in shown.order:
        return state
    return state.with_(open=shown.view.open, path=shown.order.index(state.path))


def _screen(G: nx.MultiDiGraph, state: ExplorerState) -> Screen:
    types, rels = state.types, state.relations
    notice = ""
    if state.mode == "trace" and state.trace:
        result = grouped_trace(G, state.trace)
        lines = trace_lines(G, result)
        order = display_order(result, lines, state.open)
        if state.path is not None and not 0 <= state.path < len(order):
            label = G.nodes[state.trace]["label"]
            notice = f"The trace from {label} has {count(len(order), 'line')}, so there is no line {state.path + 1}."
        chosen = order[state.path] if state.path is not None and 0 <= state.path < len(order) else None
        view = trace_view(G, result, chosen, state.open)
        if view.open != state.open:  # the view opened what the chosen line is about: list that
            order = display_order(result, lines, view.open)
        return _make(G, view, lines, result, notice, tuple(order))
    if state.mode == "connect" and state.source and state.target:
        found = memo(G, "connect", (state.source, state.target), lambda: _connect(G, state.source, state.target))  # type: ignore[arg-type]
        if isinstance(found, tuple):
            view = connect_view(G, found, state.path)
            return _make(G, view, found)
        notice = found
    if state.node and not state.whole:
        view = neighbourhood_view(
            G, state.node, depth=state.depth, node_types=types, edge_types=rels, limit=state.shown
        )
    elif state.full or types or rels or G.number_of_nodes() <= SMALL:
        view = whole_view(G, node_types=types, edge_types=rels, limit=state.shown)
    else:
        view = overview_view(G, state.open)
    return _make(G, view, notice=notice)
