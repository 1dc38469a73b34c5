"""A trace as numbered lines of words, each with what it highlights in the drawing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from .cache import memo
from .grouped import CARE_KEYS, Care, CareItem, GroupedTrace
from .schema import schema_of
from .text import capitalize

__all__ = [
    "TraceLine",
    "display_order",
    "lines_of",
    "trace_lines",
    "trace_scopes",
]


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


def step_key(G: nx.MultiDiGraph, a: str, b: str) -> str:
    """The stored edge joining ``a`` to ``b`` in a chain: a causal one when there is one."""
    causal = set(schema_of(G).edge_types_with_role("causal"))
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
                edges = tuple((a, b, step_key(G, a, b)) for a, b in pairwise(chain))
                when = {e: w for e in edges if (w := G.edges[e].get("when"))}
                sections = tuple(dict.fromkeys(G.edges[e]["section"] for e in edges))
                lines.append(
                    TraceLine("how", c.id, "cause", c.id, chain, edges, f"How: {chain_text(G, chain)}", sections, when)
                )
            lines += care_lines(c.care, c.id, "cause", c.label)
    return tuple(lines)


def members_in(t: GroupedTrace, scope: str) -> set[str]:
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
    inside = members_in(t, open_)
    group = _group_of(t, open_)
    return [i for i, ln in enumerate(lines) if ln.scope is None or ln.scope in inside or ln.scope == group]


def display_order(t: GroupedTrace, lines: Sequence[TraceLine], open_: str | None) -> list[int]:
    """The listed lines (:func:`lines_of`) in the order the words show and number them (1..N).

    With a cause or group open, the answer leads: its chains and care first, then its group's own
    care, then the general care. With nothing open, the article's reading order (:func:`trace_lines`).
    The same numbers name a line in the graph's highlight and in the link (``?path=N``).
    """
    listed = lines_of(t, lines, open_)
    if open_ is None:
        return listed
    inside = members_in(t, open_)
    group = _group_of(t, open_)

    def rank(i: int) -> int:
        scope = lines[i].scope
        return 0 if scope in inside else 1 if scope is not None and scope == group else 2

    return sorted(listed, key=lambda i: (rank(i), i))


def trace_scopes(t: GroupedTrace) -> list[str]:
    """What a trace can be filtered by, in article order: each group, then its causes."""
    out: list[str] = []
    for g in t.groups:
        out.append(g.id)
        out += [c.id for c in g.causes if c.id != g.id]
    return list(dict.fromkeys(out))
