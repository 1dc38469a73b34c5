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
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from .cache import memo
from .explain import TracePath, capitalize
from .query import CARE_KEYS, Care, CareItem, GroupedTrace, _hierarchy, grouped_trace

__all__ = [
    "DEFAULT_SHOWN",
    "MAX_DRAWN",
    "ROLE_STYLES",
    "TraceLine",
    "TypeStyle",
    "View",
    "connect_view",
    "legend",
    "lines_of",
    "neighbourhood_view",
    "node_style",
    "overview_view",
    "payload",
    "positions",
    "standalone_html",
    "trace_lines",
    "trace_scopes",
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
    # Folding: what a click unfolds, which group is open, drawn names that differ from the data
    # (a group with its count), nodes drawn faint, and summary edges that stand for a chain.
    unfoldable: frozenset[str] = frozenset()
    open: str | None = None
    names: Mapping[str, str] = field(default_factory=dict, hash=False)
    faded: frozenset[str] = frozenset()
    derived: frozenset[tuple[str, str, str]] = frozenset()
    # Conditions on drawn edges (surgery "in severe cases ..."), shown on hover and in the words.
    when: Mapping[tuple[str, str, str], str] = field(default_factory=dict, hash=False, compare=False)

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
        edge_labels=False,
        key=key,
    )


def _parent(G: nx.MultiDiGraph, node: str) -> str | None:
    """The group ``node`` is part of (a node of the same role), if any."""
    schema = G.graph["schema"]
    role = schema.role_of(G.nodes[node]["type"])
    for _, v, k in G.out_edges(node, keys=True):
        if schema.edge_types[k].role == "grouping" and schema.role_of(G.nodes[v]["type"]) == role:
            return str(v)
    return None


def _top(G: nx.MultiDiGraph, node: str, within: Collection[str]) -> str:
    """The outermost group of ``node`` that is still in ``within`` (``node`` itself when it has none)."""
    seen = {node}
    while (up := _parent(G, node)) is not None and up in within and up not in seen:
        seen.add(up)
        node = up
    return node


def _depth_in(G: nx.MultiDiGraph, node: str, within: Collection[str]) -> int:
    depth, seen = 0, {node}
    while (up := _parent(G, node)) is not None and up in within and up not in seen:
        seen.add(up)
        node, depth = up, depth + 1
    return depth


def _members(G: nx.MultiDiGraph, group: str) -> list[str]:
    """Everything inside ``group``, however deep, in a stable order."""
    schema = G.graph["schema"]
    found: dict[str, None] = {}
    todo = [group]
    while todo:
        g = todo.pop()
        for u, _, k in G.in_edges(g, keys=True):
            if schema.edge_types[k].role == "grouping" and u not in found and u != group:
                found[u] = None
                todo.append(u)
    return sorted(found, key=lambda n: G.nodes[n]["label"].casefold())


@dataclass(frozen=True)
class TraceLine:
    """One line of a trace in words, and what it highlights in the drawing.

    ``kind`` is ``how`` (a chain from the cause to the symptom) or a care key
    (``find``, ``treat``, ``prevent``: every item the article names at one level).
    ``scope`` is the cause or group the line is about (``None``: the symptom in
    general); ``source`` is the node the line's care hangs on (the cause, the
    group, or the umbrella / symptom for general care), never a member it was
    not said of.
    """

    kind: str
    scope: str | None
    level: str  # "cause", "group" or "general"
    source: str
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...]
    sentence: str
    sections: tuple[str, ...]
    when: Mapping[tuple[str, str, str], str] = field(default_factory=dict, hash=False, compare=False)


def _step_key(G: nx.MultiDiGraph, a: str, b: str) -> str:
    """The stored edge joining ``a`` to ``b`` in a chain: a causal one when there is one."""
    causal = set(G.graph["schema"].edge_types_with_role("causal"))
    keys = list(G[a].get(b, {}))
    return next((k for k in keys if k in causal), keys[0])


def _care_source(G: nx.MultiDiGraph, t: GroupedTrace, item: CareItem) -> str:
    """The node general care was said of: an umbrella (e.g. hip alignment issues) or the symptom."""
    for u in (*t.general_nodes, t.symptom):
        if G.has_edge(u, item.id, item.relation):
            return u
    return t.symptom


def trace_lines(G: nx.MultiDiGraph, t: GroupedTrace) -> tuple[TraceLine, ...]:
    """The grouped trace as lines, in reading order: general care, then each group's own care,
    then each cause's chains and care. Care items stay on the node the article says them of."""
    return memo(G, "trace_lines", t.symptom, lambda: _trace_lines(G, t))


def _trace_lines(G: nx.MultiDiGraph, t: GroupedTrace) -> tuple[TraceLine, ...]:
    from .tracetext import CARE_TITLES, chain_text, item_text

    def care_lines(care: Care, scope: str | None, level: str, of: str) -> list[TraceLine]:
        out: list[TraceLine] = []
        for key, _ in CARE_KEYS:
            items: tuple[CareItem, ...] = getattr(care, key)
            if not items:
                continue
            edges = []
            when: dict[tuple[str, str, str], str] = {}
            sources = []
            for item in items:
                src = _care_source(G, t, item) if level == "general" else (scope or t.symptom)
                e = (src, item.id, item.relation)
                edges.append(e)
                sources.append(src)
                if item.when:
                    when[e] = item.when
            words = "; ".join(item_text(i) for i in items)
            out.append(
                TraceLine(
                    key,
                    scope,
                    level,
                    sources[0],
                    tuple(dict.fromkeys([*sources, *(i.id for i in items)])),
                    tuple(edges),
                    f"{capitalize(CARE_TITLES[key])} ({of}): {words}",
                    tuple(dict.fromkeys(i.section for i in items)),
                    when,
                )
            )
        return out

    symptom = G.nodes[t.symptom]["label"]
    umbrella = ", ".join(G.nodes[u]["label"] for u in t.general_nodes)
    lines = care_lines(t.general, None, "general", f"in general: {umbrella + ' and ' if umbrella else ''}{symptom}")
    for g in t.groups:
        lines += care_lines(g.care, g.id, "group", f"{g.label}, the group as a whole")
        for c in g.causes:
            for chain in c.chains:
                edges = tuple((a, b, _step_key(G, a, b)) for a, b in pairwise(chain))
                when = {e: w for e in edges if (w := G.edges[e].get("when"))}
                sections = tuple(dict.fromkeys(G.edges[e]["section"] for e in edges))
                lines.append(
                    TraceLine("how", c.id, "cause", c.id, chain, edges, f"How: {chain_text(G, chain)}", sections, when)
                )
            lines += care_lines(c.care, c.id, "cause", c.label)
    return tuple(lines)


def _members_in(t: GroupedTrace, scope: str) -> set[str]:
    """``scope`` and, for a group, its causes in the trace."""
    inside = {scope}
    for g in t.groups:
        if g.id == scope:
            inside.update(c.id for c in g.causes)
    return inside


def _group_of(t: GroupedTrace, cause: str) -> str | None:
    return next((g.id for g in t.groups if any(c.id == cause for c in g.causes)), None)


def lines_of(t: GroupedTrace, lines: Sequence[TraceLine], open_: str | None) -> list[int]:
    """Indices of the lines listed when the trace is filtered by ``open_`` (a cause or a group;
    ``None``: all). A cause keeps its group's own care and the general care, marked as such."""
    if open_ is None:
        return list(range(len(lines)))
    inside = _members_in(t, open_)
    group = _group_of(t, open_)
    return [i for i, ln in enumerate(lines) if ln.scope is None or ln.scope in inside or ln.scope == group]


def trace_scopes(t: GroupedTrace) -> list[str]:
    """What a trace can be filtered by, in article order: each group, then its causes."""
    out: list[str] = []
    for g in t.groups:
        out.append(g.id)
        out += [c.id for c in g.causes if c.id != g.id]
    return list(dict.fromkeys(out))


def trace_view(G: nx.MultiDiGraph, t: GroupedTrace, chosen: int | None = None, open_: str | None = None) -> View:
    """A trace that unfolds, left to right: symptom -> cause groups -> causes, all labelled.

    Opening a cause or group (``open_``) draws exactly the lines listed for it (:func:`lines_of`):
    how it reaches the symptom (mechanisms between the symptom and the causes) and what finds,
    treats or prevents it, on the right, one column per kind. Care the article says of the group
    hangs on the group node, general care on the umbrella (or the symptom); the other causes fade.
    A chosen line opens what it is about and is highlighted.
    """
    lines = trace_lines(G, t)
    symptom = t.symptom
    if chosen is not None and not 0 <= chosen < len(lines):
        chosen = None
    if chosen is not None and open_ is None:
        open_ = lines[chosen].scope
    scopes = trace_scopes(t)
    if open_ is not None and open_ not in scopes:
        open_ = None
    listed = lines_of(t, lines, open_) if open_ is not None else []
    if chosen is not None and open_ is not None and chosen not in listed:
        chosen = None  # the highlight always matches what is listed
    _, _, parent = _hierarchy(G)
    # Problems: the umbrella(s), the groups, their causes; each column one level deeper.
    problems = [*(u for u in t.general_nodes), *scopes]
    problems = list(dict.fromkeys(problems))
    shown = set(problems)

    def depth(n: str) -> int:
        d, seen = 0, {n}
        while (up := parent.get(n)) is not None and up in shown and up not in seen:
            seen.add(up)
            n, d = up, d + 1
        return d

    levels: dict[str, int] = {symptom: 0}
    deepest = 0
    for n in problems:
        levels[n] = 2 + depth(n)
        deepest = max(deepest, levels[n])
    edges: dict[tuple[str, str, str], None] = {}
    derived: set[tuple[str, str, str]] = set()
    causal = next(iter(G.graph["schema"].edge_types_with_role("causal")), "causes")
    for n in problems:
        up = parent.get(n)
        if up is not None and up in shown:
            edges[(n, up, _step_key(G, n, up))] = None
        else:
            edges[(n, symptom, causal)] = None  # the chain is folded: one arrow stands for it
            derived.add((n, symptom, causal))
    drawn = [lines[i] for i in listed]
    if chosen is not None and open_ is None:
        drawn = [lines[chosen]]  # general care chosen with nothing open: drawn on its own
    care_cols = {key: i for i, (key, _) in enumerate(CARE_KEYS)}
    when: dict[tuple[str, str, str], str] = {}
    on_path: set[str] = {symptom}
    for ln in drawn:
        on_path.update(ln.nodes)
        for n in ln.nodes:
            if n in levels:
                continue
            levels[n] = 1 if ln.kind == "how" else deepest + 1 + care_cols[ln.kind]
        for e in ln.edges:
            edges[e] = None
        when.update(ln.when)
    real = {e for ln in drawn for e in ln.edges}
    for e in list(derived):
        if any(ln.kind == "how" and e[0] in ln.nodes for ln in drawn):  # its real chain is drawn now
            derived.discard(e)
            if e not in real:
                del edges[e]
    faded: set[str] = set()
    if open_ is not None:
        keep = on_path | _members_in(t, open_) | set(t.general_nodes)
        faded = {n for n in levels if n not in keep}
    highlight = lines[chosen] if chosen is not None else None
    counts = {g.id: len([c for c in g.causes if c.id != g.id]) for g in t.groups}
    names = {g: f"{G.nodes[g]['label']} ({k})" for g, k in counts.items() if k}
    title = f"Trace from {G.nodes[symptom]['label']}"
    if open_ is not None:
        title += f": {G.nodes[open_]['label']}"
    return View(
        title,
        tuple(levels),
        tuple(edges),
        len(levels),
        highlight_nodes=frozenset(highlight.nodes if highlight else {open_} - {None}),  # type: ignore[arg-type]
        highlight_edges=frozenset(highlight.edges) if highlight else frozenset(),
        levels=levels,
        focus=symptom,
        edge_labels=False,
        key=_key("trace", symptom, chosen, open_),
        unfoldable=frozenset(scopes),
        open=open_,
        names=names,
        faded=frozenset(faded),
        derived=frozenset(derived),
        when=when,
    )


CARE_ROLES = ("diagnostic", "treatment", "prevention")


def overview_view(G: nx.MultiDiGraph, open_: str | None = None) -> View:
    """The landing view, readable at a glance: the symptoms, the cause groups and the care groups
    (each named with how many it holds), left to right. Opening a group (``open_``) shows its members
    next to it. Arrows stand for the chains the whole graph spells out.
    """
    schema = G.graph["schema"]
    role_of = {n: schema.role_of(t) for n, t in G.nodes(data="type")}
    column = {"symptom": 0, "cause": 1, **dict.fromkeys(CARE_ROLES, 2)}
    # An umbrella over the cause groups (hip alignment issues) is opened at once: the groups are the story.
    umbrellas = set(_hierarchy(G)[0])

    below_umbrellas = set(G) - umbrellas

    def up(n: str) -> str | None:
        p = _parent(G, n)
        return None if p is None or p in umbrellas else p

    def shown_as(n: str) -> bool:
        """A symptom that only another symptom leads to (a pain's quality) folds into that symptom."""
        if role_of[n] != "symptom":
            return True
        before = {role_of[u] for u in G.predecessors(n)}
        return "cause" in before or "symptom" not in before

    levels: dict[str, int] = {}
    for n in _rank(G, G.nodes):
        role = role_of[n]
        if role not in column or n in umbrellas or up(n) is not None or not shown_as(n):
            continue
        if role in CARE_ROLES and not _members(G, n):
            continue  # single measures fold into the groups; the whole graph lists them
        levels[n] = column[role] * 2
    tops = set(levels)

    def top(n: str) -> str | None:
        t = _top(G, n, below_umbrellas)
        return t if t in tops else None

    edges: dict[tuple[str, str, str], None] = {}
    causal = next((k for k, et in schema.edge_types.items() if et.role == "causal"), "causes")
    for s in [n for n in levels if role_of[n] == "symptom"]:
        found = grouped_trace(G, s)
        for c in (*found.groups, *found.causes):
            t = top(c.id)
            if t is not None and role_of[t] == "cause":
                edges[(t, s, causal)] = None
    derived = set(edges)
    # Care groups: an arrow from each problem group whose members the care addresses.
    for u, v, k in G.edges(keys=True):
        if schema.edge_types[k].role != "addressing":
            continue
        a, b = top(u), top(v)
        linked = a and b and a != b and role_of[a] in ("symptom", "cause") and role_of[b] in CARE_ROLES
        if linked and not any(e[:2] == (a, b) for e in edges):
            edges[(a, b, k)] = None  # type: ignore[index]
            derived.add((a, b, k))  # type: ignore[arg-type]
    if open_ is not None and open_ in levels:
        inside = [m for m in _members(G, open_)]
        for m in inside:
            levels[m] = levels[open_] + 1
            up = _parent(G, m)
            if up is not None:
                k = next(k for _, v, k in G.out_edges(m, keys=True) if v == up)
                edges[(m, up, k)] = None
    else:
        open_ = None
    names = {g: f"{G.nodes[g]['label']} ({len(_members(G, g))})" for g in tops if _members(G, g)}
    # Keep the columns dense: renumber the levels in use.
    used = {lv: i for i, lv in enumerate(sorted(set(levels.values())))}
    return View(
        "Overview: symptoms, causes and care",
        tuple(levels),
        tuple(edges),
        len(levels),
        highlight_nodes=frozenset({open_} - {None}),  # type: ignore[arg-type]
        levels={n: used[lv] for n, lv in levels.items()},
        key=_key("overview", open_),
        unfoldable=frozenset(g for g in tops if _members(G, g)),
        open=open_,
        names=names,
        faded=frozenset(n for n in levels if open_ and n not in tops and n not in _members(G, open_)),
        derived=frozenset(derived),
    )


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
    type_rank = {name: i for i, name in enumerate(G.graph["schema"].node_types)}
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
            up = _parent(G, n)
            if up in order:
                # After the group and whatever of it is already listed.
                inside = set(_members(G, up))  # type: ignore[arg-type]
                i = order.index(up) + 1  # type: ignore[arg-type]
                while i < len(order) and order[i] in inside:
                    i += 1
                order.insert(i, n)
            else:
                order.append(n)
    if view.faded:
        order = [n for n in order if n not in view.faded] + [n for n in order if n in view.faded]
    depth = {n: (view.levels[n] and 1) + _depth_in(G, n, view.nodes) for n in order}
    return {n: (min(depth[n], 4) * OUTLINE_INDENT, i * OUTLINE_ROW) for i, n in enumerate(order)}


def display_label(G: nx.MultiDiGraph, view: View, node: str) -> str:
    """The name drawn for ``node`` in ``view`` (a group with its count), capitalised."""
    return capitalize(view.names.get(node, G.nodes[node]["label"]))


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
    narrow = outline(G, view)
    rank = label_rank(G, view)
    for n in view.nodes:
        data = G.nodes[n]
        style = node_style(G, data["type"])
        x, y = pos[n]
        extra: dict[str, Any] = {"rank": rank[n]}
        if n in view.highlight_nodes:
            extra.update({"borderWidth": 4, "size": 20})
        if n in narrow:
            extra.update({"nx": round(narrow[n][0]), "ny": round(narrow[n][1])})
        if n in view.faded:
            extra["faded"] = 1
        if n in view.unfoldable:
            extra["unfold"] = 1 if n != view.open else 2
        net.add_node(
            n, label=display_label(G, view, n), shape=style.shape, x=round(x), y=round(y), group=data["type"], **extra
        )
    for u, v, k in view.edges:
        extra = {}
        if (u, v, k) in view.highlight_edges:
            extra = {"width": 4, "color": HIGHLIGHT}
        if (u, v, k) in view.when:
            extra["when"] = view.when[(u, v, k)]
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
        "layered": view.levels is not None,
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    data["version"] = digest
    return data


def label_rank(G: nx.MultiDiGraph, view: View) -> dict[str, int]:
    """Which label wins where two would collide: 0 is kept first. Highlighted nodes and the view's
    focus first, then by role (symptoms, causes, mechanisms, care, context), then the best connected."""
    schema = G.graph["schema"]
    roles = ("symptom", "cause", "mechanism", "diagnostic", "treatment", "prevention")
    order = sorted(
        view.nodes,
        key=lambda n: (
            n not in view.highlight_nodes and n != view.focus,
            n in view.faded,
            roles.index(r) if (r := schema.role_of(G.nodes[n]["type"])) in roles else len(roles),
            -G.degree(n),
            G.nodes[n]["label"],
        ),
    )
    return {n: i for i, n in enumerate(order)}


def view_rows(G: nx.MultiDiGraph, view: View) -> list[dict[str, str]]:
    """The view as rows for a table: one per edge, read as a sentence (the text alternative)."""
    edge_types = G.graph["schema"].edge_types
    rows = []
    for u, v, k in view.edges:
        derived = (u, v, k) in view.derived or not G.has_edge(u, v, k)
        rows.append(
            {
                "From": capitalize(G.nodes[u]["label"]),
                "Relation": edge_types[k].forward + (" (step by step)" if derived else ""),
                "To": G.nodes[v]["label"],
                "Section": "" if derived else G.edges[u, v, k]["section"],
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
