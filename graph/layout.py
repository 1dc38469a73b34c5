"""Where each node of a view is drawn: layered columns, the indented outline, a force layout for big graphs.

Positions are computed once per graph (or per view) and cached, so reruns never re-run physics.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import networkx as nx
import numpy as np

from .cache import memo
from .drawing import drawing
from .explain import capitalize
from .hierarchy import depth_in, members_of, parent_of
from .schema import schema_of
from .view import View

__all__ = [
    "LABEL_PX",
    "display_label",
    "label_width",
    "outline",
    "positions",
]


GLOBAL_LAYOUT_LIMIT = 1000
LAYERED_LIMIT = 120  # views up to this size are drawn layered (Sugiyama, graph/drawing.py)
SCALE = 900.0


# --- layout ---------------------------------------------------------------

_MAX_CACHED_LAYOUTS = 64


def _spring(G: nx.MultiDiGraph, nodes: Collection[str]) -> dict[str, tuple[float, float]]:
    """A force layout, then spread: the crowded centre is opened up and overlaps pushed apart."""
    edge_types = schema_of(G).edge_types
    H = nx.Graph()
    H.add_nodes_from(sorted(nodes))
    for u, v, k in G.subgraph(nodes).edges(keys=True):
        w = 1.0 / edge_types[k].weight  # detours (shared anatomy) pull less
        H.add_edge(u, v, weight=max(w, H[u][v]["weight"]) if H.has_edge(u, v) else w)
    n = H.number_of_nodes()
    if n == 0:
        return {}
    pos = nx.spring_layout(H, seed=7, k=2.8 / math.sqrt(n), iterations=300 if n <= 300 else 60, weight="weight")
    order = list(pos)
    P = np.array([pos[v] for v in order], dtype=float)
    if n > 2:
        D = P - P.mean(axis=0)
        r = np.linalg.norm(D, axis=1) + 1e-9
        P = D / r[:, None] * np.sqrt(r)[:, None]  # radius -> sqrt(radius)
        P /= np.abs(P).max()
        P = _separate(P, 1.0 / math.sqrt(n) * 0.9)
    P /= max(np.abs(P).max(), 1e-9)
    return {v: (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1)) for v, (x, y) in zip(order, P, strict=True)}


def _separate(P: np.ndarray, gap: float, rounds: int = 60) -> np.ndarray:
    """Push apart points closer than ``gap`` (a few relaxation rounds)."""
    if len(P) > GLOBAL_LAYOUT_LIMIT:
        return P
    eye = np.eye(len(P))
    for _ in range(rounds):
        diff = P[:, None, :] - P[None, :, :]
        dist = np.linalg.norm(diff, axis=2) + eye
        close = (dist < gap) & (eye == 0)
        if not close.any():
            break
        push = (diff / dist[:, :, None] * ((gap - dist) * close)[:, :, None]).sum(axis=1)
        P = P + 0.5 * push
    return P


# Drawn sizes in CSS px at scale 1: the label font never changes on screen (see graph_view.js).
LABEL_PX = 13
LABEL_CHARS = 26  # longer names are shortened on the canvas; the full name is on hover and in the lists
ROW = 40.0
OUTLINE_ROW = 36.0
OUTLINE_INDENT = 18.0


def label_width(text: str) -> float:
    """A generous estimate of a label's drawn width in px (system-ui at LABEL_PX)."""
    return min(len(text), LABEL_CHARS) * LABEL_PX * 0.56 + 8


def _columns(G: nx.MultiDiGraph, view: View) -> dict[int, list[str]]:
    """The nodes of each level, each column ordered to keep linked nodes level (barycentres)."""
    assert view.levels is not None
    columns: dict[int, list[str]] = {}
    for n in view.nodes:
        columns.setdefault(view.levels[n], []).append(n)
    neighbours: dict[str, set[str]] = {n: set() for n in view.nodes}
    for u, v, _ in view.edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
    type_rank = {name: i for i, name in enumerate(schema_of(G).node_types)}
    order: dict[str, float] = {}
    for level in sorted(columns):
        col = columns[level]

        def barycentre(n: str) -> float:
            placed = [order[m] for m in neighbours[n] if m in order]
            return sum(placed) / len(placed) if placed else 0.0

        col.sort(key=lambda n: (type_rank.get(G.nodes[n]["type"], 99), barycentre(n), G.nodes[n]["label"]))
        for i, n in enumerate(col):
            order[n] = i - (len(col) - 1) / 2
    return {lv: columns[lv] for lv in sorted(columns)}


def _layered(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    """Columns left to right, each as wide as its longest label (drawn right of the node)."""
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for col in _columns(G, view).values():
        top = -(len(col) - 1) * ROW / 2
        for i, n in enumerate(col):
            pos[n] = (x, top + i * ROW)
        x += 24 + max(label_width(display_label(G, view, n)) for n in col) + 36
    return pos


def outline(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    """The same view as an indented list, top to bottom, for narrow screens: each node on its own
    row (so every label fits), a group's members right under it, the columns' order kept.
    Faded nodes (the causes not unfolded) go last, so the unfolded story is on the first screen."""
    if view.levels is None:
        return {}
    order: list[str] = []
    for col in _columns(G, view).values():
        for n in col:
            up = parent_of(G, n)
            if up in order:
                # After the group and whatever of it is already listed.
                inside = set(members_of(G, up))  # type: ignore[arg-type]
                i = order.index(up) + 1  # type: ignore[arg-type]
                while i < len(order) and order[i] in inside:
                    i += 1
                order.insert(i, n)
            else:
                order.append(n)
    if view.faded:
        order = [n for n in order if n not in view.faded] + [n for n in order if n in view.faded]
    depth = {n: (view.levels[n] and 1) + depth_in(G, n, view.nodes) for n in order}
    return {n: (min(depth[n], 4) * OUTLINE_INDENT, i * OUTLINE_ROW) for i, n in enumerate(order)}


def display_label(G: nx.MultiDiGraph, view: View, node: str) -> str:
    """The name drawn for ``node`` in ``view`` (a group with its count), capitalised."""
    return capitalize(view.names.get(node, G.nodes[node]["label"]))


def positions(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    """Where each node of ``view`` sits. Cached: the same view never computes twice.

    Layered views (overview, trace, connection) and views of up to LAYERED_LIMIT nodes take
    the layered drawing's wide orientation; bigger free-form views a force layout (small graphs
    laid out once as a whole, so a node keeps its place from view to view).
    """
    if view.levels is not None:
        return dict(drawing(G, view).wide.pos)
    if G.number_of_nodes() <= GLOBAL_LAYOUT_LIMIT:
        whole = memo(G, "layout", "whole", lambda: _spring(G, list(G)), size=1)
        return {n: whole[n] for n in view.nodes}
    return memo(G, "layout", frozenset(view.nodes), lambda: _spring(G, view.nodes), size=_MAX_CACHED_LAYOUTS)
