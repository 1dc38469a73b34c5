"""Where each node of a view is drawn: the layered drawing (graph/drawing.py) or a force layout.

Positions are computed once per graph (or per view) and cached, so reruns never re-run physics.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import networkx as nx
import numpy as np

from .cache import memo
from .drawing import drawing
from .schema import schema_of
from .view import View

__all__ = [
    "positions",
]


GLOBAL_LAYOUT_LIMIT = 1000
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


def positions(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    """Where each node of ``view`` sits. Cached: the same view never computes twice.

    Layered views (overview, trace, connection, and a whole graph or neighbourhood of up to
    ``graph.view.LAYERED_MAX`` nodes) take the layered drawing's wide orientation; bigger free views a
    force layout (graphs of up to GLOBAL_LAYOUT_LIMIT nodes laid out once as a whole, so a node
    keeps its place from view to view).
    """
    if view.levels is not None:
        return dict(drawing(G, view).wide.pos)
    if G.number_of_nodes() <= GLOBAL_LAYOUT_LIMIT:
        whole = memo(G, "layout", "whole", lambda: _spring(G, list(G)), size=1)
        return {n: whole[n] for n in view.nodes}
    return memo(G, "layout", frozenset(view.nodes), lambda: _spring(G, view.nodes), size=_MAX_CACHED_LAYOUTS)
