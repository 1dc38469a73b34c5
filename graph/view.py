"""Graph -> what to draw: the view builders (whole graph, neighbourhood, trace, overview, connection).

A *view* is the set of nodes and edges to draw plus what to highlight. Views never hold
more than ``MAX_DRAWN`` nodes; larger ones are cut by relevance and say how many were
left out.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import networkx as nx

from .explain import TracePath
from .grouped import CARE_KEYS, GroupedTrace, grouped_trace
from .hierarchy import cause_hierarchy, members_of, outermost_group, parent_of
from .query import neighbourhood
from .schema import CARE_ROLES, schema_of
from .tracelines import TraceLine, lines_of, members_in, step_key, trace_lines, trace_scopes

__all__ = [
    "DEFAULT_SHOWN",
    "LAYERED_MAX",
    "MAX_DRAWN",
    "View",
    "connect_view",
    "neighbourhood_view",
    "overview_view",
    "trace_view",
    "whole_view",
]


MAX_DRAWN = 500
LAYERED_MAX = 24  # a whole or neighbourhood view this small is drawn layered and readable; a bigger one free-form
DEFAULT_SHOWN = 200


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
    # A double-click opens a node's neighbourhood (the whole graph, a neighbourhood); a trace, a
    # connection or the overview is never left by accident.
    explorable: bool = False

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
    type_rank = {name: i for i, name in enumerate(schema_of(G).node_types)}
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
        levels=_role_levels(G, shown),
        key=_key("whole", node_types, edge_types, limit),
        explorable=True,
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
        levels=_role_levels(G, shown),
        focus=center,
        key=_key("around", center, depth, node_types, edge_types, limit),
        explorable=True,
    )


def _role_levels(G: nx.MultiDiGraph, nodes: Sequence[str]) -> dict[str, int] | None:
    """Columns by role for a small free view, so it is drawn layered (grandalf layers it along its
    arrows; a node with no arrow in the view joins its role's column): symptoms, mechanisms,
    causes, care, the rest. A view too big to read drawn whole gets a force layout (None)."""
    if len(nodes) > LAYERED_MAX:
        return None
    schema = schema_of(G)
    column = {"symptom": 0, "mechanism": 1, "cause": 2, **dict.fromkeys(CARE_ROLES, 3)}
    return {n: column.get(schema.role_of(G.nodes[n]["type"]), 4) for n in nodes}


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
    type_rank = {name: i for i, name in enumerate(schema_of(G).node_types)}
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


def trace_view(G: nx.MultiDiGraph, t: GroupedTrace, chosen: int | None = None, open_: str | None = None) -> View:
    """A trace that unfolds, left to right: symptom -> cause groups -> causes, all labelled.

    Opening a cause or group (``open_``) draws exactly the lines listed for it (:func:`lines_of`):
    how it reaches the symptom (mechanisms between the symptom and the causes) and what finds,
    treats or prevents it, on the right, one column per kind. Care the article says of the group
    hangs on the group node, general care on the umbrella (or the symptom); the other causes fade.
    A chosen line opens what it is about and is highlighted.
    """
    lines = trace_lines(G, t)
    chosen, open_, listed = _choice(t, lines, chosen, open_)
    levels, edges, derived = _problems(G, t, open_)
    # General care (of the umbrella or the symptom) stays folded in the drawing: its line in the
    # words draws it when chosen.
    drawn = [lines[i] for i in listed if lines[i].level != "general" or i == chosen]
    if chosen is not None and open_ is None:
        drawn = [lines[chosen]]  # general care chosen with nothing open: drawn on its own
    when = _draw_lines(levels, edges, derived, drawn)
    faded: set[str] = set()
    if open_ is not None:
        keep = {t.symptom, *(n for ln in drawn for n in ln.nodes)} | members_in(t, open_) | set(t.general_nodes)
        faded = {n for n in levels if n not in keep}
    highlight = lines[chosen] if chosen is not None else None
    counts = {g.id: len([c for c in g.causes if c.id != g.id]) for g in t.groups}
    title = f"Trace from {G.nodes[t.symptom]['label']}"
    if open_ is not None:
        title += f": {G.nodes[open_]['label']}"
    view = View(
        title=title,
        nodes=tuple(levels),
        edges=tuple(edges),
        total=len(levels),
        highlight_nodes=frozenset(highlight.nodes if highlight else {open_} - {None}),  # type: ignore[arg-type]
        highlight_edges=frozenset(highlight.edges) if highlight else frozenset(),
        levels=levels,
        focus=t.symptom,
        edge_labels=False,
        key=_key("trace", t.symptom, chosen, open_),
        unfoldable=frozenset(trace_scopes(t)),
        open=open_,
        names={g: f"{G.nodes[g]['label']} ({k})" for g, k in counts.items() if k},
        faded=frozenset(faded),
        derived=frozenset(derived),
        when=when,
    )
    return _all_relations(G, view)


def _choice(
    t: GroupedTrace, lines: Sequence[TraceLine], chosen: int | None, open_: str | None
) -> tuple[int | None, str | None, list[int]]:
    """The chosen line and the open scope, each dropped when it does not fit the other; the lines listed."""
    if chosen is not None and not 0 <= chosen < len(lines):
        chosen = None
    if chosen is not None and open_ is None:
        open_ = lines[chosen].scope
    if open_ is not None and open_ not in trace_scopes(t):
        open_ = None
    listed = lines_of(t, lines, open_) if open_ is not None else []
    if chosen is not None and open_ is not None and chosen not in listed:
        chosen = None  # the highlight always matches what is listed
    return chosen, open_, listed


Edges = dict[tuple[str, str, str], None]


def _problems(
    G: nx.MultiDiGraph, t: GroupedTrace, open_: str | None
) -> tuple[dict[str, int], Edges, set[tuple[str, str, str]]]:
    """The symptom, the umbrella(s), the groups and their causes (each column one level deeper),
    with an arrow from each to its group, or a folded one to the symptom."""
    parent = cause_hierarchy(G)[2]
    symptom = t.symptom
    problems = list(dict.fromkeys([*t.general_nodes, *trace_scopes(t)]))
    # Closed groups stay closed: a group's members are drawn only when it (or a member) is open.
    opened = _ancestors(parent, open_) if open_ is not None else set()
    umbrellas = set(t.general_nodes)
    problems = [n for n in problems if parent.get(n) in (None, *umbrellas, *opened) or parent.get(n) not in problems]
    shown = set(problems)
    levels: dict[str, int] = {symptom: 0}
    for n in problems:
        levels[n] = 2 + len(_ancestors(parent, n, within=shown)) - 1
    edges: Edges = {}
    derived: set[tuple[str, str, str]] = set()
    causal = next(iter(schema_of(G).edge_types_with_role("causal")), "causes")
    for n in problems:
        up = parent.get(n)
        if up is not None and up in shown:
            edges[(n, up, step_key(G, n, up))] = None
        else:
            edges[(n, symptom, causal)] = None  # the chain is folded: one arrow stands for it
            derived.add((n, symptom, causal))
    return levels, edges, derived


def _draw_lines(
    levels: dict[str, int], edges: Edges, derived: set[tuple[str, str, str]], drawn: Sequence[TraceLine]
) -> dict[tuple[str, str, str], str]:
    """Add the drawn lines' nodes (mechanisms in column 1, care past the deepest cause, one column
    per kind) and edges; a folded arrow whose real chain is drawn now goes. The edges' conditions."""
    deepest = max(levels.values())
    care_cols = {key: i for i, (key, _) in enumerate(CARE_KEYS)}
    when: dict[tuple[str, str, str], str] = {}
    for ln in drawn:
        for n in ln.nodes:
            if n not in levels:
                levels[n] = 1 if ln.kind == "how" else deepest + 1 + care_cols[ln.kind]
        edges.update(dict.fromkeys(ln.edges))
        when.update(ln.when)
    real = {e for ln in drawn for e in ln.edges}
    for e in list(derived):
        if any(ln.kind == "how" and e[0] in ln.nodes for ln in drawn):  # its real chain is drawn now
            derived.discard(e)
            if e not in real:
                del edges[e]
    return when


def _ancestors(parent: Mapping[str, str], node: str, within: Collection[str] | None = None) -> set[str]:
    """``node`` and every group above it (only while they are ``within``, if given)."""
    out = {node}
    while (up := parent.get(node)) is not None and up not in out and (within is None or up in within):
        out.add(up)
        node = up
    return out


def _all_relations(G: nx.MultiDiGraph, view: View) -> View:
    """``view`` with every causal, care or part-of relation of the graph between two of its nodes drawn too."""
    schema = schema_of(G)
    keep = set(view.nodes)
    edges = dict.fromkeys(view.edges)
    when = dict(view.when)
    have = {(u, v) for u, v, _ in view.edges}
    for u in view.nodes:
        for _, v, k, data in G.out_edges(u, keys=True, data=True):
            role = schema.edge_types[k].role
            if role == "grouping" and schema.role_of(G.nodes[v]["type"]) in CARE_ROLES:
                continue  # care inside care is the words' business (with its conditions)
            if v in keep and role in ("causal", "addressing", "grouping") and (u, v) not in have:
                edges[(u, v, k)] = None
                have.add((u, v))
                if data.get("when"):
                    when[(u, v, k)] = data["when"]
    return replace(view, edges=tuple(edges), when=when)


def overview_view(G: nx.MultiDiGraph, open_: str | None = None) -> View:
    """The landing view, readable at a glance: the symptoms, the cause groups and the care groups
    (each named with how many it holds), left to right. Opening a group (``open_``) shows its members
    next to it. Arrows stand for the chains the whole graph spells out.
    """
    levels = _overview_levels(G)
    tops = set(levels)
    edges = _overview_edges(G, levels)
    derived = set(edges)
    if open_ is not None and open_ in levels:
        for m in members_of(G, open_):
            levels[m] = levels[open_] + 1
            up = parent_of(G, m)
            if up is not None:
                k = next(k for _, v, k in G.out_edges(m, keys=True) if v == up)
                edges[(m, up, k)] = None
    else:
        open_ = None
    groups = {g for g in tops if members_of(G, g)}
    # Keep the columns dense: renumber the levels in use.
    used = {lv: i for i, lv in enumerate(sorted(set(levels.values())))}
    return View(
        title="Overview: symptoms, causes and care",
        nodes=tuple(levels),
        edges=tuple(edges),
        total=len(levels),
        highlight_nodes=frozenset({open_} - {None}),  # type: ignore[arg-type]
        levels={n: used[lv] for n, lv in levels.items()},
        key=_key("overview", open_),
        unfoldable=frozenset(groups),
        open=open_,
        names={g: f"{G.nodes[g]['label']} ({len(members_of(G, g))})" for g in groups},
        faded=frozenset(n for n in levels if open_ and n not in tops and n not in members_of(G, open_)),
        derived=frozenset(derived),
    )


def _overview_levels(G: nx.MultiDiGraph) -> dict[str, int]:
    """The overview's nodes and columns: symptoms, then the outermost cause groups and causes, then
    the care groups. An umbrella over the cause groups (hip alignment issues) is opened at once (the
    groups are the story); a symptom that only another symptom leads to (a pain's quality) folds
    into that symptom; single measures fold into the groups (the whole graph lists them)."""
    schema = schema_of(G)
    role_of = {n: schema.role_of(t) for n, t in G.nodes(data="type")}
    column = {"symptom": 0, "cause": 1, **dict.fromkeys(CARE_ROLES, 2)}
    umbrellas = set(cause_hierarchy(G)[0])

    def drawn(n: str) -> bool:
        role, up = role_of[n], parent_of(G, n)
        if role not in column or n in umbrellas or (up is not None and up not in umbrellas):
            return False
        if role == "symptom":
            before = {role_of[u] for u in G.predecessors(n)}
            return "cause" in before or "symptom" not in before
        return role not in CARE_ROLES or bool(members_of(G, n))

    return {n: column[role_of[n]] * 2 for n in _rank(G, G.nodes) if drawn(n)}


def _overview_edges(G: nx.MultiDiGraph, levels: Mapping[str, int]) -> Edges:
    """An arrow from each cause group to each symptom its members lead to, and from each problem
    group to each care group whose members address its members: every one stands for a chain."""
    schema = schema_of(G)
    role_of = {n: schema.role_of(G.nodes[n]["type"]) for n in levels}
    below_umbrellas = set(G) - set(cause_hierarchy(G)[0])

    def top(n: str) -> str | None:
        t = outermost_group(G, n, below_umbrellas)
        return t if t in levels else None

    edges: Edges = {}
    causal = next(iter(schema.edge_types_with_role("causal")), "causes")
    for s in [n for n in levels if role_of[n] == "symptom"]:
        found = grouped_trace(G, s)
        for c in (*found.groups, *found.causes):
            t = top(c.id)
            if t is not None and role_of[t] == "cause":
                edges[(t, s, causal)] = None
    for u, v, k in G.edges(keys=True):
        if schema.edge_types[k].role != "addressing":
            continue
        a, b = top(u), top(v)
        if not (a and b) or a == b or role_of[a] not in ("symptom", "cause") or role_of[b] not in CARE_ROLES:
            continue
        if not any(e[:2] == (a, b) for e in edges):
            edges[(a, b, k)] = None
    return edges


def connect_view(G: nx.MultiDiGraph, paths: Sequence[TracePath], chosen: int | None = None) -> View:
    """The paths joining two nodes, laid out left to right."""
    a, b = paths[0].nodes[0], paths[0].nodes[-1]
    title = f"How {G.nodes[a]['label']} relates to {G.nodes[b]['label']}"
    view = _paths_view(G, title, paths, chosen, _key("connect", a, b, len(paths), chosen))
    return _all_relations(G, view)


def _key(*parts: object) -> str:
    norm = [sorted(p) if isinstance(p, (set, frozenset, list, tuple)) else p for p in parts]
    return json.dumps(norm, default=str)
