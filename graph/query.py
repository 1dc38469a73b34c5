"""Questions a student asks of the graph: trace, connect, neighbourhood, relations, stats.

Pure functions of ``G``; inputs are checked up front. Every function takes node ids;
:func:`graph.lookup.resolve` turns what a person typed into one.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import count, islice, pairwise
from typing import Any

import networkx as nx

from .cache import memo
from .errors import NoPath, QueryError
from .explain import Step, TracePath, make_path
from .lookup import require_node, require_symptom
from .roles import role
from .schema import schema_of

__all__ = [
    "Relation",
    "Trace",
    "connect",
    "neighbourhood",
    "relations",
    "stats",
    "subgraph",
    "trace",
]


# --- trace ----------------------------------------------------------------


@dataclass(frozen=True)
class Trace:
    """Everything that leads to a symptom, and what detects, treats or prevents it."""

    symptom: str
    paths: tuple[TracePath, ...]
    causes: tuple[str, ...]
    reached: tuple[str, ...]

    def to_dict(self, G: nx.MultiDiGraph) -> dict[str, Any]:
        """JSON-ready: ``{"symptom": {...}, "paths": [...], "causes": [...]}``."""
        data = G.nodes[self.symptom]
        return {
            "symptom": {"id": self.symptom, "label": data["label"], "type": data["type"], "section": data["section"]},
            "paths": [p.to_dict(G) for p in self.paths],
            "causes": list(self.causes),
        }


def _causal_tree(G: nx.MultiDiGraph, start: str, cutoff: float | None) -> tuple[dict[str, Step | None], list[str]]:
    """Shortest explanation of how each node leads to ``start`` (Dijkstra over reversed causal edges).

    From a group the walk also descends to its members, at a tiny extra cost so a
    member's own causal story wins a tie; from the start it climbs to the groups
    the start belongs to ("difficulty kneeling" is part of "limited range of motion").
    """
    schema = schema_of(G)
    causal = set(schema.edge_types_with_role("causal"))
    grouping = set(schema.edge_types_with_role("grouping"))
    dist: dict[str, float] = {start: 0.0}
    prev: dict[str, Step | None] = {start: None}
    climbing = {start}
    order: list[str] = []
    settled: set[str] = set()
    tie = count()
    heap: list[tuple[float, int, str]] = [(0.0, next(tie), start)]
    while heap:
        d, _, v = heapq.heappop(heap)
        if v in settled:
            continue
        settled.add(v)
        order.append(v)
        if cutoff is not None and d >= cutoff:
            continue
        moves: list[tuple[str, Step, float]] = []
        for u, _, key in G.in_edges(v, keys=True):
            if key in causal:
                moves.append((u, Step(u, v, key, False), 1.0))
            elif key in grouping and v not in climbing:
                moves.append((u, Step(u, v, key, False), 1.001))
        if v in climbing:
            moves.extend((w, Step(v, w, key, True), 1.0) for _, w, key in G.out_edges(v, keys=True) if key in grouping)
        for w, step, cost in moves:
            nd = d + cost
            if nd < dist.get(w, math.inf):
                dist[w] = nd
                prev[w] = step
                if v in climbing and step.forward:
                    climbing.add(w)
                heapq.heappush(heap, (nd, next(tie), w))
    return prev, order


def _chain(prev: dict[str, Step | None], node: str) -> list[Step]:
    steps: list[Step] = []
    step = prev[node]
    while step is not None:
        steps.append(step)
        step = prev[step.start]
    steps.reverse()
    return steps


def trace(
    G: nx.MultiDiGraph,
    source: str,
    *,
    node_types: Collection[str] | None = None,
    cutoff: int | None = None,
) -> Trace:
    """Trace a symptom back to its causes (through groups and mechanisms), and on to what addresses each.

    Every path starts at the symptom, walks causal edges backwards to a cause
    (from a group down to its members), and ends with a diagnostic, treatment or
    prevention measure the article ties to that very node: a group's measures
    are never handed down to its members. Each path appears once. For the same
    story grouped by cause, see :func:`grouped_trace`.

    Parameters
    ----------
    G : the graph from :func:`graph.load_graph`
    source : id of a symptom node
    node_types : keep only measures of these types (e.g. ``{"treatment"}``); default all
    cutoff : longest causal chain to follow, in edges; default no limit

    Raises
    ------
    NodeNotFound
        ``source`` is not a node.
    QueryError
        ``source`` is not a symptom, or ``cutoff`` is not a positive whole number.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> t = trace(G, "knee_pain", node_types={"treatment"})
    >>> "weak_gluteal_muscles" in t.causes
    True
    >>> [p.sentence for p in t.paths if p.nodes[-1] == "gluteal_strengthening"][0]
    'Knee pain is caused by altered knee alignment and function, which results from weak gluteal muscles, which can be treated by gluteal strengthening.'
    """
    require_symptom(G, source)
    if cutoff is not None and (isinstance(cutoff, bool) or not isinstance(cutoff, int) or cutoff < 1):
        raise QueryError(f"cutoff must be a positive whole number, not {cutoff!r}")
    schema = schema_of(G)
    if node_types is not None:
        unknown = set(node_types) - set(schema.node_types)
        if unknown:
            raise QueryError(f"unknown node type(s): {', '.join(sorted(unknown))}")
    addressing = set(schema.edge_types_with_role("addressing"))
    type_rank = {name: i for i, name in enumerate(schema.node_types)}
    prev, order = _causal_tree(G, source, cutoff)

    def measures(node: str) -> list[Step]:
        found = [
            Step(node, m, key, True)
            for _, m, key in G.out_edges(node, keys=True)
            if key in addressing and (node_types is None or G.nodes[m]["type"] in node_types)
        ]
        return sorted(found, key=lambda s: (type_rank[G.nodes[s.target]["type"]], G.nodes[s.target]["label"]))

    paths: list[TracePath] = []
    seen: set[tuple[Step, ...]] = set()
    for node in order:
        chain = _chain(prev, node)
        # Only what the article says of this node itself: a group's care stays on the group
        # (its path runs through the group), never handed down to its members.
        found = [make_path(G, source, [*chain, m]) for m in measures(node)]
        if not found and chain and role(G, node) == "cause":
            found.append(make_path(G, source, chain))
        for p in found:
            if p.steps not in seen:  # each path once
                seen.add(p.steps)
                paths.append(p)
    causes = tuple(n for n in order if role(G, n) == "cause")
    return Trace(source, tuple(paths), causes, tuple(order[1:]))


# --- connect --------------------------------------------------------------


def _as_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """One weighted undirected edge per joined pair, remembering the stored edge it stands for."""

    def make() -> nx.Graph:
        edge_types = schema_of(G).edge_types
        H = nx.Graph()
        H.add_nodes_from(G)
        for u, v, key in G.edges(keys=True):
            weight = edge_types[key].weight
            if not H.has_edge(u, v) or H[u][v]["weight"] > weight:
                H.add_edge(u, v, weight=weight, edge=(u, v, key))
        return H

    return memo(G, "undirected", None, make, size=1)


def connect(G: nx.MultiDiGraph, source: str, target: str, *, cutoff: int = 6, limit: int = 3) -> list[TracePath]:
    """How two nodes are related: up to ``limit`` shortest connecting paths, each explained.

    Direction is ignored for finding paths but respected in the wording.
    Relations with a schema ``weight`` above 1 (shared anatomy) count as detours.

    Raises
    ------
    NodeNotFound
        Either node is not in the graph.
    NoPath
        The nodes are not connected within ``cutoff`` edges.
    QueryError
        ``source`` equals ``target``, or ``cutoff``/``limit`` are not positive.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> connect(G, "tight_hip_flexors", "hip_flexor_stretching")[0].sentence
    'Tight hip flexors can be treated by hip flexor stretching.'
    """
    require_node(G, source)
    require_node(G, target)
    for name, value in (("cutoff", cutoff), ("limit", limit)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise QueryError(f"{name} must be a positive whole number, not {value!r}")
    if source == target:
        raise QueryError(f"{source!r} is the same node on both ends; pick two different nodes")
    H = _as_undirected(G)
    # Every node of a path of at most `cutoff` edges lies within half of it from one end,
    # so the search can stay inside the two balls: fast even in a very large graph.
    radius = (cutoff + 1) // 2
    near_source = nx.single_source_shortest_path_length(H, source, cutoff=radius)
    near_target = nx.single_source_shortest_path_length(H, target, cutoff=radius)
    found: list[TracePath] = []
    if not any(near_source[n] + d <= cutoff for n, d in near_target.items() if n in near_source):
        a, b = G.nodes[source]["label"], G.nodes[target]["label"]
        raise NoPath(f"{a!r} and {b!r} are not connected within {cutoff} steps")
    ball = H.subgraph(near_source.keys() | near_target.keys())
    try:
        for nodes in islice(nx.shortest_simple_paths(ball, source, target, weight="weight"), limit * 4):
            if len(nodes) - 1 > cutoff:
                continue
            steps = []
            for a, b in pairwise(nodes):
                u, v, key = H[a][b]["edge"]
                steps.append(Step(u, v, key, u == a))
            found.append(make_path(G, source, steps))
            if len(found) == limit:
                break
    except nx.NetworkXNoPath:
        pass
    if not found:
        a, b = G.nodes[source]["label"], G.nodes[target]["label"]
        raise NoPath(f"{a!r} and {b!r} are not connected within {cutoff} steps")
    return found


# --- neighbourhood --------------------------------------------------------


def neighbourhood(
    G: nx.MultiDiGraph,
    source: str,
    *,
    depth: int = 1,
    node_types: Collection[str] | None = None,
    edge_types: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """The nodes within ``depth`` edges of ``source`` (either direction), as a new graph.

    Only edges of ``edge_types`` are walked and only nodes of ``node_types`` kept
    (``source`` always is). ``None`` means all.

    Raises
    ------
    NodeNotFound
        ``source`` is not in the graph.
    QueryError
        ``depth`` is not a whole number from 0 to 10, or a type is unknown.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> sorted(neighbourhood(G, "torn_hip_labrum", edge_types={"treated_by"}))
    ['hip_arthroscopy', 'torn_hip_labrum']
    """
    require_node(G, source)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= 10:
        raise QueryError(f"depth must be a whole number from 0 to 10, not {depth!r}")
    schema = schema_of(G)
    for label, chosen, known in (("node", node_types, schema.node_types), ("edge", edge_types, schema.edge_types)):
        if chosen is not None and set(chosen) - set(known):
            raise QueryError(f"unknown {label} type(s): {', '.join(sorted(set(chosen) - set(known)))}")
    keep_nodes = set(node_types) if node_types is not None else None
    keep_edges = set(edge_types) if edge_types is not None else None

    def ok(node: str, key: str) -> bool:
        return (keep_edges is None or key in keep_edges) and (keep_nodes is None or G.nodes[node]["type"] in keep_nodes)

    seen = {source}
    frontier = [source]
    for _ in range(depth):
        nxt: list[str] = []
        for v in frontier:
            for _, w, key in G.out_edges(v, keys=True):
                if w not in seen and ok(w, key):
                    seen.add(w)
                    nxt.append(w)
            for w, _, key in G.in_edges(v, keys=True):
                if w not in seen and ok(w, key):
                    seen.add(w)
                    nxt.append(w)
        frontier = nxt
    return subgraph(G, seen, edge_types=keep_edges)


def subgraph(G: nx.MultiDiGraph, nodes: Iterable[str], *, edge_types: Collection[str] | None = None) -> nx.MultiDiGraph:
    """A new graph of ``nodes`` and the edges among them (of ``edge_types``, default all)."""
    keep = set(nodes)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
    H.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in G.edges(keys=True, data=True)
        if u in keep and v in keep and (edge_types is None or k in edge_types)
    )
    return H


def stats(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of nodes and edges by type, and how many article sections they cite."""
    node_counts: dict[str, int] = {}
    for _, t in G.nodes(data="type"):
        node_counts[t] = node_counts.get(t, 0) + 1
    edge_counts: dict[str, int] = {}
    for _, _, k in G.edges(keys=True):
        edge_counts[k] = edge_counts.get(k, 0) + 1
    sections = {d for _, d in G.nodes(data="section")} | {d for _, _, d in G.edges(data="section")}
    return {
        "title": G.graph.get("title", ""),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "node_types": node_counts,
        "edge_types": edge_counts,
        "sections_cited": len(sections),
        "sections_total": len(schema_of(G).sections),
    }


@dataclass(frozen=True)
class Relation:
    """The neighbours of a node along one edge type, in one direction, with the phrase to read it."""

    type: str
    forward: bool
    phrase: str
    nodes: tuple[str, ...]
    when: tuple[str | None, ...] = ()  # the article's condition on each edge, aligned with ``nodes``


def relations(G: nx.MultiDiGraph, node: str) -> list[Relation]:
    """A node's edges grouped by relation and direction, neighbours sorted by label.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> [(r.phrase, r.nodes) for r in relations(G, "kegel_exercises")]
    [('is part of', ('pelvic_floor_exercises',)), ('works on', ('pelvic_floor_muscles',))]
    """
    require_node(G, node)
    edge_types = schema_of(G).edge_types
    groups: dict[tuple[str, bool], list[str]] = {}
    for _, other, key in G.out_edges(node, keys=True):
        groups.setdefault((key, True), []).append(other)
    for other, _, key in G.in_edges(node, keys=True):
        groups.setdefault((key, False), []).append(other)
    order = {name: i for i, name in enumerate(edge_types)}
    result = []
    for (key, fwd), nodes in groups.items():
        ordered = tuple(sorted(nodes, key=lambda n: G.nodes[n]["label"].casefold()))
        conditions = tuple(G.edges[(node, n, key) if fwd else (n, node, key)].get("when") for n in ordered)
        result.append(Relation(key, fwd, edge_types[key].phrase(fwd), ordered, conditions))
    return sorted(result, key=lambda r: (order[r.type], not r.forward))
