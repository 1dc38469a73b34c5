"""Questions a student asks of the graph. Pure functions of ``G``; inputs are checked up front.

Every function takes node ids; :func:`resolve` turns what a person typed (an id,
a label or an alias, with typos) into one.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import count, islice, pairwise
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from .cache import memo
from .errors import NodeNotFound, NoPath, QueryError
from .explain import Step, TracePath, make_path

__all__ = [
    "Care",
    "CareItem",
    "CauseTrace",
    "GroupTrace",
    "GroupedTrace",
    "Match",
    "Relation",
    "Trace",
    "article_rank",
    "care_of",
    "connect",
    "find",
    "grouped_trace",
    "neighbourhood",
    "nodes_with_role",
    "normalize",
    "relations",
    "resolve",
    "role",
    "stats",
    "subgraph",
    "trace",
]

MAX_QUERY = 200
FUZZY_CUTOFF = 75.0
MAX_CANDIDATES = 2000


# --- roles ----------------------------------------------------------------


def role(G: nx.MultiDiGraph, node: str) -> str:
    """What ``node`` is for (``symptom``, ``cause``, ``treatment``, ...), from the schema's node roles.

    >>> from graph import load_graph
    >>> role(load_graph(), "gluteal_strengthening")
    'treatment'
    """
    return str(G.graph["schema"].role_of(G.nodes[node]["type"]))


def nodes_with_role(G: nx.MultiDiGraph, wanted: str) -> list[str]:
    """The nodes playing role ``wanted``, sorted by label (as a student would look them up)."""
    types = set(G.graph["schema"].types_with_role(wanted))
    return sorted((n for n, t in G.nodes(data="type") if t in types), key=lambda n: (G.nodes[n]["label"].casefold(), n))


# --- name lookup ----------------------------------------------------------


def normalize(text: str) -> str:
    """Fold case, hyphens, underscores and spacing so names compare loosely.

    >>> normalize("  Weak_Gluteal-Muscles ")
    'weak gluteal muscles'
    """
    return " ".join(re.sub(r"[_\-–—]+", " ", text.casefold()).split())[:MAX_QUERY]


@dataclass(frozen=True)
class Match:
    """A node found by :func:`find`, with the name that matched and how well (0–100)."""

    node: str
    label: str
    type: str
    score: float
    matched: str


class _Index:
    """Name lookup tables for one graph: exact names, every name for typo matching,
    and a word index so a part of a name ("glutes" in "weak glutes") finds it quickly."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.exact: dict[str, list[tuple[int, str]]] = {}
        for node, data in G.nodes(data=True):
            names = [(0, node), (1, data["label"]), *((2, a) for a in data["aliases"])]
            for rank, name in names:
                owners = self.exact.setdefault(normalize(name), [])
                if (rank, node) not in owners:
                    owners.append((rank, node))
        self.names: list[str] = list(self.exact)
        words: dict[str, set[int]] = {}
        for i, name in enumerate(self.names):
            for word in name.split():
                words.setdefault(word, set()).add(i)
        self.words = words
        self.vocabulary: list[str] = list(words)

    def candidates(self, query: str, limit: int) -> set[int]:
        """Names worth scoring: names holding every query word (or a close spelling of it);
        failing that, close spellings of the whole query ("kneepain")."""
        postings: list[set[int]] = []
        for word in query.split():
            if word in self.words:
                postings.append(self.words[word])
                continue
            close = process.extract(word, self.vocabulary, scorer=fuzz.ratio, limit=8, score_cutoff=75)
            postings.append(set().union(*(self.words[w] for w, _, _ in close)))
        postings.sort(key=len)
        found = set(sorted(postings[0].intersection(*postings[1:]))[:MAX_CANDIDATES]) if postings else set()
        if not found:
            found.update(
                i for _, _, i in process.extract(query, self.names, scorer=fuzz.ratio, limit=limit, score_cutoff=70)
            )
        return found


def _index(G: nx.MultiDiGraph) -> _Index:
    return memo(G, "names", None, lambda: _Index(G), size=1)


def find(G: nx.MultiDiGraph, text: str, *, limit: int = 10, node_types: Collection[str] | None = None) -> list[Match]:
    """Nodes whose id, label or alias matches ``text``: exact first, then close spellings.

    Case, hyphens and spacing are ignored; typos and partial names still match.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> find(G, "NSAIDs")[0].node
    'anti_inflammatory_drugs'
    >>> find(G, "kne pain")[0].node
    'knee_pain'
    """
    if not isinstance(text, str):
        raise QueryError(f"search text must be a string, not {type(text).__name__}")
    if limit < 1:
        return []
    query = normalize(text)
    if not query:
        return []
    index = _index(G)
    best: dict[str, Match] = {}

    def offer(node: str, score: float, matched: str) -> None:
        data = G.nodes[node]
        if node_types is not None and data["type"] not in node_types:
            return
        if node not in best or best[node].score < score:
            best[node] = Match(node, data["label"], data["type"], score, matched)

    for rank, node in index.exact.get(query, ()):
        offer(node, 100.0 - rank * 0.5, query)
    for i in index.candidates(query, limit * 5):
        name = index.names[i]
        if name == query:
            continue
        # WRatio forgives a name that is only part of the query ("knee" in
        # "knee pian"); a shorter name must match the whole query instead.
        score = fuzz.ratio(query, name) if len(name) < len(query) else fuzz.WRatio(query, name)
        if score >= FUZZY_CUTOFF:
            for _, node in index.exact[name]:
                offer(node, min(float(score), 98.0), name)
    ranked = sorted(best.values(), key=lambda m: (-m.score, len(m.label), m.label))
    return ranked[:limit]


def resolve(G: nx.MultiDiGraph, name: str, *, node_types: Collection[str] | None = None) -> str:
    """The one node ``name`` stands for: an id, label or alias, or a clear misspelling of one.

    Raises
    ------
    NodeNotFound
        When nothing matches or the match is ambiguous; ``suggestions`` lists candidates.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> resolve(G, "weak glutes")
    'weak_gluteal_muscles'
    >>> resolve(G, "kneee pian")
    'knee_pain'
    """
    if not isinstance(name, str):
        raise QueryError(f"a node name must be a string, not {type(name).__name__}")
    if name in G and (node_types is None or G.nodes[name]["type"] in node_types):
        return name
    exact = [
        node
        for _, node in sorted(_index(G).exact.get(normalize(name), ()))
        if node_types is None or G.nodes[node]["type"] in node_types
    ]
    if len(set(exact)) == 1:
        return exact[0]
    matches = find(G, name, limit=5, node_types=node_types)
    if matches:
        top = matches[0]
        clear = len(matches) == 1 or top.score - matches[1].score >= 3
        if top.score >= 99.0 and (clear or top.score > matches[1].score):
            return top.node
        if top.score >= 80.0 and clear:
            return top.node
    if node_types is not None:
        try:
            other = resolve(G, name)
        except NodeNotFound:
            pass
        else:
            wanted = " or ".join(sorted(node_types))
            kind = G.nodes[other]["type"]
            raise QueryError(f"{G.nodes[other]['label']!r} is {_a(kind)}, not {_a(wanted)}")
        if not matches:
            allowed = sorted((n for n, t in G.nodes(data="type") if t in node_types), key=len)
            matches = [Match(n, "", "", 0.0, "") for n in allowed[:8]]
    raise NodeNotFound(name[:MAX_QUERY], [m.node for m in matches])


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _require(G: nx.MultiDiGraph, node: str) -> None:
    if not isinstance(node, str) or node not in G:
        shown = node if isinstance(node, str) else repr(node)
        suggestions = [m.node for m in find(G, shown, limit=3)] if isinstance(node, str) else []
        raise NodeNotFound(shown[:MAX_QUERY], suggestions)


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
    schema = G.graph["schema"]
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
    _require(G, source)
    if role(G, source) != "symptom":
        kind = G.nodes[source]["type"]
        raise QueryError(f"{G.nodes[source]['label']!r} is {_a(kind)}, not a symptom; a trace starts from a symptom")
    if cutoff is not None and (isinstance(cutoff, bool) or not isinstance(cutoff, int) or cutoff < 1):
        raise QueryError(f"cutoff must be a positive whole number, not {cutoff!r}")
    schema = G.graph["schema"]
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


# --- grouped trace --------------------------------------------------------

CARE_KEYS = (("find", "diagnostic"), ("treat", "treatment"), ("prevent", "prevention"))
MAX_CHAIN = 8  # longest chain, in nodes
MAX_CHAINS = 12  # chains kept per cause
MAX_STEPS = 20_000  # search steps per cause, so a dense uploaded graph stays quick


@dataclass(frozen=True)
class CareItem:
    """One thing the article says finds, treats or prevents a problem, and at what level it says so."""

    id: str
    label: str
    type: str
    relation: str
    section: str
    when: str | None
    level: str  # "cause", "group" or "general"

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "label", "type", "relation", "section", "when", "level"}``."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Care:
    """Find it / treat it / prevent it, each in article order (so first-line care before surgery)."""

    find: tuple[CareItem, ...] = ()
    treat: tuple[CareItem, ...] = ()
    prevent: tuple[CareItem, ...] = ()

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """``{"find": [...], "treat": [...], "prevent": [...]}``."""
        return {key: [i.to_dict() for i in getattr(self, key)] for key, _ in CARE_KEYS}

    def __bool__(self) -> bool:
        return bool(self.find or self.treat or self.prevent)


@dataclass(frozen=True)
class CauseTrace:
    """A specific cause, every chain by which it reaches the symptom, and what the article says of it."""

    id: str
    label: str
    type: str
    section: str
    chains: tuple[tuple[str, ...], ...]
    care: Care

    def to_dict(self, G: nx.MultiDiGraph) -> dict[str, Any]:
        """JSON-ready; each chain is a list of nodes ``{"id", "label", "type"}`` from the cause to the symptom."""
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "section": self.section,
            "chains": [[_node_dict(G, n) for n in chain] for chain in self.chains],
            "care": self.care.to_dict(),
        }


@dataclass(frozen=True)
class GroupTrace:
    """A group of causes (in the article's order), what the article says of the group, and its causes."""

    id: str
    label: str
    type: str
    section: str
    care: Care
    causes: tuple[CauseTrace, ...]

    def to_dict(self, G: nx.MultiDiGraph) -> dict[str, Any]:
        """``{"id", "label", "type", "section", "care", "causes"}``."""
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "section": self.section,
            "care": self.care.to_dict(),
            "causes": [c.to_dict(G) for c in self.causes],
        }


@dataclass(frozen=True)
class GroupedTrace:
    """A symptom's trace as a student reads it: general care, then cause groups, causes, chains and care."""

    symptom: str
    general: Care
    groups: tuple[GroupTrace, ...]
    general_nodes: tuple[str, ...] = ()  # the umbrella node(s) whose care ``general`` holds
    _graph: Any = field(default=None, repr=False, compare=False)

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        """The shared contract: ``{"symptom": NODE, "general": {...}, "groups": [...]}``."""
        G = G if G is not None else self._graph
        return {
            "symptom": _node_dict(G, self.symptom),
            "general": self.general.to_dict(),
            "groups": [g.to_dict(G) for g in self.groups],
        }

    @property
    def causes(self) -> tuple[CauseTrace, ...]:
        """Every cause, group by group, in article order."""
        return tuple(c for g in self.groups for c in g.causes)


def _node_dict(G: nx.MultiDiGraph, node: str) -> dict[str, str]:
    data = G.nodes[node]
    return {"id": node, "label": data["label"], "type": data["type"]}


def article_rank(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Each node's place in the article: its section's position, then its place in the data files."""

    def make() -> dict[str, tuple[int, int]]:
        sections = {s.heading: i for i, s in enumerate(G.graph["schema"].sections)}
        return {n: (sections.get(d["section"], len(sections)), i) for i, (n, d) in enumerate(G.nodes(data=True))}

    return memo(G, "article_rank", None, make, size=1)


def care_of(G: nx.MultiDiGraph, node: str, level: str) -> Care:
    """What the article says finds, treats or prevents ``node`` itself (nothing inherited), in article order."""
    schema = G.graph["schema"]
    addressing = set(schema.edge_types_with_role("addressing"))
    rank = article_rank(G)
    found: dict[str, list[CareItem]] = {key: [] for key, _ in CARE_KEYS}
    wanted = {r: key for key, r in CARE_KEYS}
    for _, m, key, data in G.out_edges(node, keys=True, data=True):
        slot = wanted.get(role(G, m)) if key in addressing else None
        if slot is not None:
            d = G.nodes[m]
            found[slot].append(CareItem(m, d["label"], d["type"], key, data["section"], data.get("when"), level))
    ordered = {k: tuple(sorted(v, key=lambda i: rank[i.id])) for k, v in found.items()}
    return Care(ordered["find"], ordered["treat"], ordered["prevent"])


def _hierarchy(G: nx.MultiDiGraph) -> tuple[tuple[str, ...], dict[str, str | None], dict[str, str]]:
    """Umbrella nodes, each cause's group (None: it stands alone) and each group's parent.

    A cause group is a cause with member causes; an umbrella is a top-level group
    whose members are all groups themselves (e.g. "hip alignment issues" over the
    three kinds of cause). Examples of a cause belong to that cause's group.
    """

    def make() -> tuple[tuple[str, ...], dict[str, str | None], dict[str, str]]:
        grouping = set(G.graph["schema"].edge_types_with_role("grouping"))
        rank = article_rank(G)
        causes = [n for n in G if role(G, n) == "cause"]
        parent: dict[str, str] = {}
        for n in sorted(causes, key=rank.__getitem__):
            ups = sorted(
                (g for _, g, k in G.out_edges(n, keys=True) if k in grouping and role(G, g) == "cause"),
                key=rank.__getitem__,
            )
            if ups:
                parent[n] = ups[0]
        members: dict[str, list[str]] = {}
        for n, g in parent.items():
            members.setdefault(g, []).append(n)
        umbrellas = tuple(
            sorted(
                (g for g in members if g not in parent and all(m in members for m in members[g])),
                key=rank.__getitem__,
            )
        )

        def top(n: str) -> str:
            seen = {n}
            while n in parent and parent[n] not in umbrellas and parent[n] not in seen:
                n = parent[n]
                seen.add(n)
            return n

        group_of: dict[str, str | None] = {}
        for n in causes:
            if n in umbrellas:
                continue
            t = top(n)
            group_of[n] = t if t in members else None
        return umbrellas, group_of, parent

    return memo(G, "cause_hierarchy", None, make, size=1)


def _reaching(G: nx.MultiDiGraph, symptom: str) -> frozenset[str]:
    """The nodes from which causal edges lead to ``symptom`` (so a chain search skips dead ends)."""

    def make() -> frozenset[str]:
        causal = set(G.graph["schema"].edge_types_with_role("causal"))
        seen = {symptom}
        frontier = [symptom]
        while frontier:
            v = frontier.pop()
            for u, _, key in G.in_edges(v, keys=True):
                if key in causal and u not in seen:
                    seen.add(u)
                    frontier.append(u)
        return frozenset(seen)

    return memo(G, "reaching", symptom, make)


def _chains(G: nx.MultiDiGraph, cause: str, symptom: str, parent: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Every chain of causal edges from ``cause`` to ``symptom``, shortest first, in article order.

    A cause of which the article states no chain of its own reaches the symptom
    through its group ("tight hip flexors are one of the muscle imbalances, which
    are hip alignment issues, which can cause hip pain"): the chain then shows
    the group steps, so the claim is read as the group's.
    """
    causal = set(G.graph["schema"].edge_types_with_role("causal"))
    rank = article_rank(G)
    reach = _reaching(G, symptom)

    def own(start: str) -> list[tuple[str, ...]]:
        if start not in reach:
            return []
        found: set[tuple[str, ...]] = set()
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        budget = MAX_STEPS
        while stack and budget > 0 and len(found) < MAX_CHAINS:
            budget -= 1
            v, path = stack.pop()
            if v == symptom:
                found.add(path)
                continue
            if len(path) > MAX_CHAIN:
                continue
            for _, w, key in G.out_edges(v, keys=True):
                if key in causal and w in reach and w not in path and (w == symptom or role(G, w) != "cause"):
                    stack.append((w, (*path, w)))
        return sorted(found, key=lambda c: (len(c), [rank[n] for n in c]))

    climb: tuple[str, ...] = ()
    node: str | None = cause
    seen: set[str] = set()
    while node is not None and node not in seen:
        seen.add(node)
        chains = own(node)
        if chains:
            return tuple((*climb, *c) for c in chains)
        climb = (*climb, node)
        node = parent.get(node)
    return ()


def grouped_trace(G: nx.MultiDiGraph, symptom: str) -> GroupedTrace:
    """A symptom's causes grouped as the article groups them, each with every chain and its own care.

    ``general`` holds what the article says of hip alignment issues in general
    (the umbrella group) and of the symptom itself; each group's ``care`` what it
    says of the group; each cause's ``care`` what it says of that cause. Nothing
    is handed down from a group to its members. Groups and causes follow the
    article's order; care lists follow it too, so first-line care comes before
    surgery, which carries its condition (``when``).

    Raises
    ------
    NodeNotFound
        ``symptom`` is not a node.
    QueryError
        ``symptom`` is not a symptom.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> t = grouped_trace(G, "knee_pain")
    >>> [g.id for g in t.groups][:3]
    ['muscle_imbalances', 'alignment_issues', 'injury_or_trauma']
    >>> t.groups[0].causes[0].chains[0][-1]
    'knee_pain'
    """
    _require(G, symptom)
    if role(G, symptom) != "symptom":
        kind = G.nodes[symptom]["type"]
        raise QueryError(f"{G.nodes[symptom]['label']!r} is {_a(kind)}, not a symptom; a trace starts from a symptom")
    return memo(G, "grouped_trace", symptom, lambda: _grouped_trace(G, symptom))


def _grouped_trace(G: nx.MultiDiGraph, symptom: str) -> GroupedTrace:
    umbrellas, group_of, parent = _hierarchy(G)
    rank = article_rank(G)
    general = [care_of(G, u, "general") for u in umbrellas] + [care_of(G, symptom, "general")]

    def merge(cares: list[Care]) -> Care:
        parts = {}
        for key, _ in CARE_KEYS:
            items: dict[str, CareItem] = {}
            for care in cares:
                for item in getattr(care, key):
                    items.setdefault(item.id, item)
            parts[key] = tuple(sorted(items.values(), key=lambda i: rank[i.id]))
        return Care(**parts)

    by_group: dict[str, list[CauseTrace]] = {}
    for cause in sorted(group_of, key=rank.__getitem__):
        chains = _chains(G, cause, symptom, parent)
        if not chains:
            continue
        group = group_of[cause] or cause
        if cause == group and group_of[cause] is not None:
            continue  # a group is listed as a group, not among its own causes
        d = G.nodes[cause]
        by_group.setdefault(group, []).append(
            CauseTrace(cause, d["label"], d["type"], d["section"], chains, care_of(G, cause, "cause"))
        )
    groups = []
    for group in sorted(by_group, key=rank.__getitem__):
        d = G.nodes[group]
        level = "group" if group_of.get(group) == group else "cause"
        care = care_of(G, group, "group") if level == "group" else Care()
        groups.append(GroupTrace(group, d["label"], d["type"], d["section"], care, tuple(by_group[group])))
    return GroupedTrace(symptom, merge(general), tuple(groups), umbrellas, G)


# --- connect --------------------------------------------------------------


def _as_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """One weighted undirected edge per joined pair, remembering the stored edge it stands for."""

    def make() -> nx.Graph:
        edge_types = G.graph["schema"].edge_types
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
    _require(G, source)
    _require(G, target)
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
    _require(G, source)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= 10:
        raise QueryError(f"depth must be a whole number from 0 to 10, not {depth!r}")
    schema = G.graph["schema"]
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
        "sections_total": len(G.graph["schema"].sections),
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
    _require(G, node)
    edge_types = G.graph["schema"].edge_types
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
