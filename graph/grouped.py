"""The grouped trace and its care: symptom -> cause groups -> causes -> chains -> find / treat / prevent.

The one structure every surface renders (CLI text, JSON, the app's words, study sheet, vault).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .cache import memo
from .errors import QueryError
from .hierarchy import article_rank, cause_hierarchy
from .lookup import _a, require_node
from .roles import role

__all__ = [
    "CARE_KEYS",
    "Care",
    "CareItem",
    "CauseTrace",
    "GroupTrace",
    "GroupedTrace",
    "care_of",
    "grouped_trace",
]


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
    require_node(G, symptom)
    if role(G, symptom) != "symptom":
        kind = G.nodes[symptom]["type"]
        raise QueryError(f"{G.nodes[symptom]['label']!r} is {_a(kind)}, not a symptom; a trace starts from a symptom")
    return memo(G, "grouped_trace", symptom, lambda: _grouped_trace(G, symptom))


def _grouped_trace(G: nx.MultiDiGraph, symptom: str) -> GroupedTrace:
    umbrellas, group_of, parent = cause_hierarchy(G)
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
