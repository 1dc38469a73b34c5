"""Graph -> what the browser draws: views, styles, layouts and the vis-network payload.

A *view* is the set of nodes and edges to draw (whole graph, a neighbourhood,
a trace, a connection) plus what to highlight. Views never hold more than
``MAX_DRAWN`` nodes; larger ones are cut by relevance and say how many were
left out. Positions are computed in Python once per graph (or per view for
graphs too big to lay out whole) and cached, so reruns never re-run physics.
The nodes, edges and options are built with pyvis.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from .cache import memo
from .explain import TracePath, capitalize
from .query import Trace

__all__ = [
    "DEFAULT_SHOWN",
    "MAX_DRAWN",
    "ROLE_STYLES",
    "TypeStyle",
    "View",
    "connect_view",
    "legend",
    "neighbourhood_view",
    "node_style",
    "payload",
    "positions",
    "standalone_html",
    "trace_view",
    "view_rows",
    "vis_network_js",
    "whole_view",
]

MAX_DRAWN = 500
DEFAULT_SHOWN = 200
GLOBAL_LAYOUT_LIMIT = 1000
SCALE = 900.0


@dataclass(frozen=True)
class TypeStyle:
    """How one node type looks: Okabe–Ito colour (colour-blind safe) and a shape."""

    color: str
    shape: str


# Colour *and* shape per node role, so no one needs to tell colours apart.
ROLE_STYLES: dict[str, TypeStyle] = {
    "symptom": TypeStyle("#D55E00", "star"),
    "cause": TypeStyle("#E69F00", "diamond"),
    "mechanism": TypeStyle("#F0E442", "triangle"),
    "diagnostic": TypeStyle("#56B4E9", "square"),
    "treatment": TypeStyle("#009E73", "dot"),
    "prevention": TypeStyle("#0072B2", "hexagon"),
}
# Context types (people, activities, body parts ...) take these in schema order, then spare ones.
CONTEXT_STYLES = [
    TypeStyle("#CC79A7", "triangleDown"),
    TypeStyle("#999999", "triangleDown"),
    TypeStyle("#999999", "square"),
]
_SPARE = [
    TypeStyle(c, s)
    for s in ("dot", "diamond", "square", "triangle", "hexagon", "star")
    for c in ("#000000", "#CC79A7", "#56B4E9")
]
EDGE_ROLE_STYLES: dict[str, dict[str, Any]] = {
    "causal": {"color": "#3d3d3d", "dashes": False, "width": 1.6},
    "grouping": {"color": "#9a9a9a", "dashes": [2, 4], "width": 1.0},
    "addressing": {"color": "#007a5a", "dashes": [8, 5], "width": 1.3},
    "other": {"color": "#b8b8b8", "dashes": False, "width": 0.8},
}
HIGHLIGHT = "#1f1f1f"
GLYPHS = {"star": "★", "diamond": "◆", "triangle": "▲", "square": "■", "dot": "●", "hexagon": "⬢", "triangleDown": "▼"}
EDGE_LEGEND = (
    ("causal", "── causes / leads to"),
    ("addressing", "- - - detects, treats, prevents"),
    ("grouping", "··· part of"),
)


def node_style(G: nx.MultiDiGraph, node_type: str) -> TypeStyle:
    """The style of a node type, from its role; context types (and a second type of one role) take
    the context palette, then spare styles, in schema order, so each type looks different."""
    schema = G.graph["schema"]
    first_of_role: dict[str, str] = {}
    for name, nt in schema.node_types.items():
        if nt.role in ROLE_STYLES:
            first_of_role.setdefault(nt.role, name)
    role = schema.role_of(node_type)
    if first_of_role.get(role) == node_type:
        return ROLE_STYLES[role]
    others = [t for t in schema.node_types if first_of_role.get(schema.role_of(t)) != t]
    index = others.index(node_type) if node_type in others else 0
    palette = [*CONTEXT_STYLES, *_SPARE]
    return palette[index % len(palette)]


def legend(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One entry per node type present: name, label, colour, shape and count."""
    counts: dict[str, int] = {}
    for _, t in G.nodes(data="type"):
        counts[t] = counts.get(t, 0) + 1
    schema = G.graph["schema"]
    return [
        {
            "type": name,
            "label": nt.label,
            "color": node_style(G, name).color,
            "shape": node_style(G, name).shape,
            "count": counts[name],
        }
        for name, nt in schema.node_types.items()
        if name in counts
    ]


# --- views ----------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What to draw: nodes, edges (``(u, v, type)``), what to highlight, and how many were cut."""

    title: str
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...]
    total: int
    highlight_nodes: frozenset[str] = frozenset()
    highlight_edges: frozenset[tuple[str, str, str]] = frozenset()
    levels: Mapping[str, int] | None = None
    focus: str | None = None
    edge_labels: bool = False
    key: str = field(default="", compare=False)

    @property
    def cut(self) -> bool:
        """True when relevant nodes were left out to stay within the drawing bound."""
        return self.total > len(self.nodes)


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_DRAWN))


def _edges_among(
    G: nx.MultiDiGraph, nodes: Collection[str], edge_types: Collection[str] | None
) -> tuple[tuple[str, str, str], ...]:
    keep = set(nodes)
    found = []
    for u in nodes:
        for _, v, k in G.out_edges(u, keys=True):
            if v in keep and (edge_types is None or k in edge_types):
                found.append((u, v, k))
    return tuple(found)


def _rank(G: nx.MultiDiGraph, nodes: Iterable[str], distance: Mapping[str, int] | None = None) -> list[str]:
    """Most relevant first: nearest, then by type order (symptoms before anatomy), then most connected."""
    type_rank = {name: i for i, name in enumerate(G.graph["schema"].node_types)}
    dist = distance or {}
    return sorted(
        nodes,
        key=lambda n: (dist.get(n, 0), type_rank.get(G.nodes[n]["type"], 99), -G.degree(n), G.nodes[n]["label"]),
    )


def whole_view(
    G: nx.MultiDiGraph,
    *,
    node_types: Collection[str] | None = None,
    edge_types: Collection[str] | None = None,
    limit: int = DEFAULT_SHOWN,
) -> View:
    """The whole graph (filtered), cut to the ``limit`` most relevant nodes."""
    candidates = [n for n, t in G.nodes(data="type") if node_types is None or t in node_types]
    shown = _rank(G, candidates)[: _limit(limit)]
    return View(
        "Whole graph",
        tuple(shown),
        _edges_among(G, shown, edge_types),
        len(candidates),
        key=_key("whole", node_types, edge_types, limit),
    )


def neighbourhood_view(
    G: nx.MultiDiGraph,
    center: str,
    *,
    depth: int = 1,
    node_types: Collection[str] | None = None,
    edge_types: Collection[str] | None = None,
    limit: int = DEFAULT_SHOWN,
) -> View:
    """Nodes within ``depth`` steps of ``center``, nearest and best-connected first."""
    from .query import neighbourhood

    sub = neighbourhood(G, center, depth=depth, node_types=node_types, edge_types=edge_types)
    distance = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), center)
    shown = _rank(G, sub.nodes, distance)[: _limit(limit)]
    label = G.nodes[center]["label"]
    return View(
        f"Around {label} (depth {depth})",
        tuple(shown),
        _edges_among(G, shown, edge_types),
        sub.number_of_nodes(),
        highlight_nodes=frozenset({center}),
        focus=center,
        key=_key("around", center, depth, node_types, edge_types, limit),
    )


def _paths_view(G: nx.MultiDiGraph, title: str, paths: Sequence[TracePath], chosen: int | None, key: str) -> View:
    levels: dict[str, int] = {}
    edges: dict[tuple[str, str, str], None] = {}
    for p in paths:
        for i, n in enumerate(p.nodes):
            levels[n] = min(levels.get(n, i), i)
        for s in p.steps:
            edges[(s.source, s.target, s.type)] = None
    # Measures (the last node of each path) line up in one final column.
    last = max(levels.values(), default=0) + 1
    ends = {p.nodes[-1] for p in paths if len(p.nodes) > 1} - {
        p.nodes[i] for p in paths for i in range(len(p.nodes) - 1)
    }
    # One column per kind of measure (diagnostics, treatments, prevention), so none is too tall.
    type_rank = {name: i for i, name in enumerate(G.graph["schema"].node_types)}
    end_types = sorted({G.nodes[n]["type"] for n in ends}, key=lambda t: type_rank.get(t, 99))
    for n in ends:
        levels[n] = last + end_types.index(G.nodes[n]["type"])
    ranked = _rank(G, levels, levels)[:MAX_DRAWN]
    kept = set(ranked)
    highlight = paths[chosen] if chosen is not None and 0 <= chosen < len(paths) else None
    return View(
        title,
        tuple(ranked),
        tuple(e for e in edges if e[0] in kept and e[1] in kept),
        len(levels),
        highlight_nodes=frozenset(highlight.nodes if highlight else ()),
        highlight_edges=frozenset((s.source, s.target, s.type) for s in highlight.steps) if highlight else frozenset(),
        levels={n: levels[n] for n in ranked},
        focus=paths[0].nodes[0] if paths else None,
        edge_labels=len(edges) <= 60,
        key=key,
    )


def trace_view(G: nx.MultiDiGraph, result: Trace, chosen: int | None = None) -> View:
    """A trace laid out left to right: symptom, its causes and mechanisms, then the measures."""
    title = f"Trace from {G.nodes[result.symptom]['label']}"
    return _paths_view(G, title, result.paths, chosen, _key("trace", result.symptom, len(result.paths), chosen))


def connect_view(G: nx.MultiDiGraph, paths: Sequence[TracePath], chosen: int | None = None) -> View:
    """The paths joining two nodes, laid out left to right."""
    a, b = paths[0].nodes[0], paths[0].nodes[-1]
    title = f"How {G.nodes[a]['label']} relates to {G.nodes[b]['label']}"
    view = _paths_view(G, title, paths, chosen, _key("connect", a, b, len(paths), chosen))
    return view


def _key(*parts: object) -> str:
    norm = [sorted(p) if isinstance(p, (set, frozenset, list, tuple)) else p for p in parts]
    return json.dumps(norm, default=str)


# --- layout ---------------------------------------------------------------

_MAX_CACHED_LAYOUTS = 64


def _spring(G: nx.MultiDiGraph, nodes: Collection[str]) -> dict[str, tuple[float, float]]:
    """A force layout, then spread: the crowded centre is opened up and overlaps pushed apart."""
    edge_types = G.graph["schema"].edge_types
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


def _layered(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    assert view.levels is not None
    columns: dict[int, list[str]] = {}
    for n in view.nodes:
        columns.setdefault(view.levels[n], []).append(n)
    neighbours: dict[str, set[str]] = {n: set() for n in view.nodes}
    for u, v, _ in view.edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
    type_rank = {name: i for i, name in enumerate(G.graph["schema"].node_types)}
    order: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for level in sorted(columns):
        col = columns[level]

        def barycentre(n: str) -> float:
            placed = [order[m] for m in neighbours[n] if m in order]
            return sum(placed) / len(placed) if placed else 0.0

        col.sort(key=lambda n: (type_rank.get(G.nodes[n]["type"], 99), barycentre(n), G.nodes[n]["label"]))
        gap = 56.0
        top = -(len(col) - 1) * gap / 2
        for i, n in enumerate(col):
            order[n] = top + i * gap
            pos[n] = (level * 190.0, top + i * gap)
    return pos


def positions(G: nx.MultiDiGraph, view: View) -> dict[str, tuple[float, float]]:
    """Where each node of ``view`` sits. Cached: the same view never computes twice.

    Small graphs are laid out once as a whole, so a node keeps its place from
    view to view; larger graphs are laid out per view.
    """
    if view.levels is not None:
        return _layered(G, view)
    if G.number_of_nodes() <= GLOBAL_LAYOUT_LIMIT:
        whole = memo(G, "layout", "whole", lambda: _spring(G, list(G)), size=1)
        return {n: whole[n] for n in view.nodes}
    return memo(G, "layout", frozenset(view.nodes), lambda: _spring(G, view.nodes), size=_MAX_CACHED_LAYOUTS)


# --- payload --------------------------------------------------------------


def _options(G: nx.MultiDiGraph) -> dict[str, Any]:
    net = Network(directed=True)
    net.toggle_physics(False)
    net.set_edge_smooth("continuous")
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True},
            "multiselect": False,
        }
    )
    options["nodes"] = {
        "size": 14,
        "font": {"size": 15, "face": "system-ui, sans-serif", "strokeWidth": 3},
        "borderWidth": 1,
        "widthConstraint": {"maximum": 130},  # long labels wrap instead of overlapping
    }
    options["edges"].update(
        {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
        }
    )
    options.pop("configure", None)
    return options


def payload(G: nx.MultiDiGraph, view: View, pos: Mapping[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """The JSON the graph component draws: nodes, edges and options built with pyvis.

    Only ids, labels, types, positions and relation types go out; the browser
    builds hover text from the type tables, and treats every label as text.
    ``version`` changes exactly when the drawing does.
    """
    pos = positions(G, view) if pos is None else pos
    schema = G.graph["schema"]
    net = Network(directed=True)
    for n in view.nodes:
        data = G.nodes[n]
        style = node_style(G, data["type"])
        x, y = pos[n]
        extra: dict[str, Any] = {}
        if n in view.highlight_nodes:
            extra = {"borderWidth": 4, "size": 20}
        net.add_node(
            n, label=capitalize(data["label"]), shape=style.shape, x=round(x), y=round(y), group=data["type"], **extra
        )
    for u, v, k in view.edges:
        extra = {}
        if (u, v, k) in view.highlight_edges:
            extra = {"width": 4, "color": HIGHLIGHT}
        net.add_edge(u, v, type=k, **extra)
    # The group already sets the shape and the options set the arrows: keep the payload lean.
    for node in net.nodes:
        del node["shape"]
    for edge in net.edges:
        edge.pop("arrows", None)
    present = {G.nodes[n]["type"] for n in view.nodes}
    options = _options(G)
    options["groups"] = {
        name: {"color": {"background": s.color, "border": "#333333"}, "shape": s.shape}
        for name in schema.node_types
        for s in [node_style(G, name)]
    }
    data = {
        "title": view.title,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "types": {name: nt.label for name, nt in schema.node_types.items()},
        "relations": {
            name: {"forward": et.forward, **EDGE_ROLE_STYLES.get(et.role, EDGE_ROLE_STYLES["other"])}
            for name, et in schema.edge_types.items()
        },
        "legend": [
            {"label": nt.label, "color": node_style(G, name).color, "glyph": GLYPHS.get(node_style(G, name).shape, "●")}
            for name, nt in schema.node_types.items()
            if name in present
        ],
        "edgeLegend": [{"text": text, "color": EDGE_ROLE_STYLES[role]["color"]} for role, text in EDGE_LEGEND],
        "edgeLabels": view.edge_labels,
        "focus": view.focus,
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    data["version"] = digest
    return data


def view_rows(G: nx.MultiDiGraph, view: View) -> list[dict[str, str]]:
    """The view as rows for a table: one per edge, read as a sentence (the text alternative)."""
    edge_types = G.graph["schema"].edge_types
    rows = []
    for u, v, k in view.edges:
        rows.append(
            {
                "From": capitalize(G.nodes[u]["label"]),
                "Relation": edge_types[k].forward,
                "To": G.nodes[v]["label"],
                "Section": G.edges[u, v, k]["section"],
            }
        )
    linked = {n for e in view.edges for n in e[:2]}
    for n in view.nodes:
        if n not in linked:
            rows.append(
                {"From": capitalize(G.nodes[n]["label"]), "Relation": "", "To": "", "Section": G.nodes[n]["section"]}
            )
    return rows


# --- offline file ---------------------------------------------------------

VIS_JS = "lib/vis-9.1.2/vis-network.min.js"


@cache
def vis_network_js() -> str:
    """vis-network's standalone bundle, as shipped inside the installed pyvis package."""
    return (files("pyvis") / VIS_JS).read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON that is safe inside a <script> element (no '</script>', no '<!--')."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def standalone_html(data: Mapping[str, Any]) -> str:
    """The view as one self-contained HTML file that works offline (vis-network inlined)."""
    script = (files(__package__) / "app" / "component" / "graph_view.js").read_text(encoding="utf-8")
    script = script.replace("export default function", "function drawGraph")
    css = (files(__package__) / "app" / "component" / "graph_view.css").read_text(encoding="utf-8")
    title = html.escape(str(data.get("title", "Hip–Knee graph")))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 15px system-ui, sans-serif; }}
h1 {{ font-size: 18px; margin: 12px 16px; }}
#root {{ position: relative; height: calc(100vh - 60px); margin: 0 16px 16px; }}
{css}
</style>
<script>{vis_network_js()}</script>
</head>
<body>
<h1>{title}</h1>
<div id="root"></div>
<script>
{script}
drawGraph({{ data: {_script_json(data)}, parentElement: document.getElementById("root"), setTriggerValue: function () {{}} }});
</script>
</body>
</html>
"""
