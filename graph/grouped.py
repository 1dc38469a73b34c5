"""The grouped trace and its care: symptom -> cause groups -> causes -> chains -> find / treat / prevent.

The one structure every surface renders (CLI text, JSON, the app's words, study sheet, vault).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import networkx as nx

from .cache import memo
from .hierarchy import article_rank, cause_hierarchy
from .lookup import require_symptom
from .roles import role
from .schema import schema_of

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
MAX_GROUP_CHAINS = 2  # a group's own chains shown beside its members' (the shortest)
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
        return _trace_dict(G, self)


@dataclass(frozen=True)
class GroupTrace:
    """A group of causes (in the article's order), what the article says of the group, and its causes."""

    id: str
    label: str
    type: str
    section: str
    care: Care
    causes: tuple[CauseTrace, ...]
    # "group": one of the article's cause groups; "other": a contributor the article names
    # elsewhere (not in its list of causes), shown apart and said as the article says it.
    kind: str = "group"
    # Chains the article states of the group itself, beside its members' own (said of the group).
    chains: tuple[tuple[str, ...], ...] = ()

    def to_dict(self, G: nx.MultiDiGraph) -> dict[str, Any]:
        """``{"id", "label", "type", "section", "care", "causes", "kind", "chains"}``."""
        return _trace_dict(G, self)

    @property
    def said_of_group(self) -> bool:
        """The group's chains are the group's own (no member has a chain of its own to the symptom)."""
        return len(self.causes) == 1 and self.causes[0].id == self.id


@dataclass(frozen=True)
class GroupedTrace:
    """A symptom's trace as a student reads it: general care, then cause groups, causes, chains and care."""

    symptom: str
    general: Care
    groups: tuple[GroupTrace, ...]
    general_nodes: tuple[str, ...] = ()  # the umbrella node(s) whose care ``general`` holds
    _graph: Any = field(default=None, repr=False, compare=False)
    # What the article says of the condition as a whole (the umbrella, e.g. hip alignment
    # issues) leading to the symptom: its chains, said at that level, never handed to members.
    whole: tuple[CauseTrace, ...] = ()

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        """The shared contract: ``{"symptom": NODE, "general": {...}, "groups": [...], "whole": [...]}``."""
        G = G if G is not None else self._graph
        return {
            "symptom": _node_dict(G, self.symptom),
            "general": self.general.to_dict(),
            "groups": [g.to_dict(G) for g in self.groups],
            "whole": [c.to_dict(G) for c in self.whole],
        }

    @property
    def causes(self) -> tuple[CauseTrace, ...]:
        """Every cause, group by group, in article order."""
        return tuple(c for g in self.groups for c in g.causes)

    @property
    def article_groups(self) -> tuple[GroupTrace, ...]:
        """The article's own cause groups (muscle imbalances, alignment issues, injury or trauma)."""
        return tuple(g for g in self.groups if g.kind == "group")

    @property
    def others(self) -> tuple[GroupTrace, ...]:
        """Contributors the article names elsewhere, shown apart from its cause groups."""
        return tuple(g for g in self.groups if g.kind != "group")

    @property
    def reaches(self) -> bool:
        """Whether the article gives any cause of the symptom, at any level."""
        return bool(self.groups or self.whole)


def _node_dict(G: nx.MultiDiGraph, node: str) -> dict[str, str]:
    data = G.nodes[node]
    return {"id": node, "label": data["label"], "type": data["type"]}


def _trace_dict(G: nx.MultiDiGraph, trace: CauseTrace | GroupTrace) -> dict[str, Any]:
    """A cause's or a group's fields in their declared order, JSON-ready: chains as lists of
    nodes, care as its dict, a group's causes each as its own dict."""
    out: dict[str, Any] = {}
    for f in fields(trace):
        value = getattr(trace, f.name)
        if f.name == "chains":
            value = [[_node_dict(G, n) for n in chain] for chain in value]
        elif f.name == "care":
            value = value.to_dict()
        elif f.name == "causes":
            value = [c.to_dict(G) for c in value]
        out[f.name] = value
    return out


def care_of(G: nx.MultiDiGraph, node: str, level: str) -> Care:
    """What the article says finds, treats or prevents ``node`` itself (nothing inherited), in article order."""
    schema = schema_of(G)
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
        causal = set(schema_of(G).edge_types_with_role("causal"))
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


def _inside(G: nx.MultiDiGraph, node: str, groups: tuple[str, ...]) -> bool:
    """Whether ``node`` is one of ``groups`` or a member of one, however deep."""
    grouping = set(schema_of(G).edge_types_with_role("grouping"))
    seen, todo = {node}, [node]
    while todo:
        n = todo.pop()
        if n in groups:
            return True
        for _, up, key in G.out_edges(n, keys=True):
            if key in grouping and up not in seen:
                seen.add(up)
                todo.append(up)
    return False


def _chains(
    G: nx.MultiDiGraph, cause: str, symptom: str, parent: dict[str, str] | None = None
) -> tuple[tuple[str, ...], ...]:
    """Every chain of causal edges the article states from ``cause`` to ``symptom``, shortest first.

    Only the cause's own chains: a claim the article makes of a group stays on the
    group (``parent`` is accepted for callers of the old signature and not used). A
    link that holds only from some causes (``only_from``) is walked only in a chain
    that starts at one of them or inside one, so two true links never compose into
    a claim the article does not make (posture never reaches joint instability).
    """
    causal = set(schema_of(G).edge_types_with_role("causal"))
    rank = article_rank(G)
    reach = _reaching(G, symptom)
    if cause not in reach:
        return ()
    found: set[tuple[str, ...]] = set()
    stack: list[tuple[str, tuple[str, ...]]] = [(cause, (cause,))]
    budget = MAX_STEPS
    while stack and budget > 0 and len(found) < MAX_CHAINS:
        budget -= 1
        v, path = stack.pop()
        if v == symptom:
            found.add(path)
            continue
        if len(path) > MAX_CHAIN:
            continue
        for _, w, key, data in G.out_edges(v, keys=True, data=True):
            if key not in causal or w not in reach or w in path or (w != symptom and role(G, w) == "cause"):
                continue
            only = data.get("only_from") or ()
            if only and not _inside(G, cause, tuple(only)):
                continue
            stack.append((w, (*path, w)))
    return tuple(sorted(found, key=lambda c: (len(c), [rank[n] for n in c])))


def grouped_trace(G: nx.MultiDiGraph, symptom: str) -> GroupedTrace:
    """A symptom's causes grouped as the article groups them, each with every chain and its own care.

    ``general`` holds what the article says of hip alignment issues in general
    (the umbrella group) and of the symptom itself; ``whole`` the chains it states
    of the umbrella itself; each group's ``care`` what it says of the group; each
    cause's ``care`` what it says of that cause. Nothing is handed down from a
    group to its members: a member is listed only with a chain of its own, and a
    group whose members have none is listed alone, with the group's own chains.
    Contributors outside the article's cause groups come last, as ``kind="other"``. Groups and causes follow the
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
    require_symptom(G, symptom)
    return memo(G, "grouped_trace", symptom, lambda: _grouped_trace(G, symptom))


def _merge(cares: list[Care], rank: dict[str, tuple[int, int]]) -> Care:
    """Several care lists as one, each item once, in article order."""
    parts = {}
    for key, _ in CARE_KEYS:
        items: dict[str, CareItem] = {}
        for care in cares:
            for item in getattr(care, key):
                items.setdefault(item.id, item)
        parts[key] = tuple(sorted(items.values(), key=lambda i: rank[i.id]))
    return Care(**parts)


def _grouped_trace(G: nx.MultiDiGraph, symptom: str) -> GroupedTrace:
    umbrellas, group_of, _ = cause_hierarchy(G)
    rank = article_rank(G)
    whole = tuple(
        CauseTrace(u, G.nodes[u]["label"], G.nodes[u]["type"], G.nodes[u]["section"], chains, Care())
        for u in umbrellas
        if (chains := _chains(G, u, symptom))
    )

    def cause_trace(cause: str, chains: tuple[tuple[str, ...], ...], level: str) -> CauseTrace:
        d = G.nodes[cause]
        return CauseTrace(cause, d["label"], d["type"], d["section"], chains, care_of(G, cause, level))

    by_group: dict[str, list[CauseTrace]] = {}
    for cause in sorted(group_of, key=rank.__getitem__):
        group = group_of[cause] or cause
        if cause == group and group_of[cause] is not None:
            continue  # a group is listed as a group, not among its own causes
        chains = _chains(G, cause, symptom)
        if chains:
            by_group.setdefault(group, []).append(cause_trace(cause, chains, "cause"))
    for group in {g for g in group_of.values() if g is not None} - set(by_group):
        chains = _chains(G, group, symptom)  # said of the group as a whole: the group stands alone
        if chains:
            by_group[group] = [cause_trace(group, chains, "group")]
    groups = []
    for group in sorted(by_group, key=lambda g: (group_of.get(g) != g, rank[g])):
        d = G.nodes[group]
        kind = "group" if group_of.get(group) == group else "other"
        care = care_of(G, group, "group") if kind == "group" else Care()
        causes = tuple(by_group[group])
        own = _chains(G, group, symptom)[:MAX_GROUP_CHAINS] if kind == "group" and causes[0].id != group else ()
        groups.append(GroupTrace(group, d["label"], d["type"], d["section"], care, causes, kind, own))
    general = [care_of(G, symptom, "general")]
    if whole or groups:  # the condition's care is said only where the article ties the symptom to it
        general[:0] = [care_of(G, u, "general") for u in umbrellas]
    return GroupedTrace(symptom, _merge(general, rank), tuple(groups), umbrellas, G, whole)
