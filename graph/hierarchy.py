"""Which group a node is in and what a group holds, and each node's place in the article."""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from .cache import memo
from .roles import role
from .schema import schema_of

__all__ = [
    "article_rank",
    "cause_hierarchy",
    "depth_in",
    "members_of",
    "outermost_group",
    "parent_of",
]


def article_rank(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Each node's place in the article: its section's position, then its place in the data files."""

    def make() -> dict[str, tuple[int, int]]:
        sections = {s.heading: i for i, s in enumerate(schema_of(G).sections)}
        return {n: (sections.get(d["section"], len(sections)), i) for i, (n, d) in enumerate(G.nodes(data=True))}

    return memo(G, "article_rank", None, make, size=1)


def cause_hierarchy(G: nx.MultiDiGraph) -> tuple[tuple[str, ...], dict[str, str | None], dict[str, str]]:
    """Umbrella nodes, each cause's group (None: it stands alone) and each group's parent.

    A cause group is a cause with member causes; an umbrella is a top-level group
    whose members are all groups themselves (e.g. "hip alignment issues" over the
    three kinds of cause). Examples of a cause belong to that cause's group.
    """

    def make() -> tuple[tuple[str, ...], dict[str, str | None], dict[str, str]]:
        grouping = set(schema_of(G).edge_types_with_role("grouping"))
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


def parent_of(G: nx.MultiDiGraph, node: str) -> str | None:
    """The group ``node`` is part of (a node of the same role), if any."""
    schema = schema_of(G)
    role = schema.role_of(G.nodes[node]["type"])
    for _, v, k in G.out_edges(node, keys=True):
        if schema.edge_types[k].role == "grouping" and schema.role_of(G.nodes[v]["type"]) == role:
            return str(v)
    return None


def outermost_group(G: nx.MultiDiGraph, node: str, within: Collection[str]) -> str:
    """The outermost group of ``node`` that is still in ``within`` (``node`` itself when it has none)."""
    seen = {node}
    while (up := parent_of(G, node)) is not None and up in within and up not in seen:
        seen.add(up)
        node = up
    return node


def depth_in(G: nx.MultiDiGraph, node: str, within: Collection[str]) -> int:
    depth, seen = 0, {node}
    while (up := parent_of(G, node)) is not None and up in within and up not in seen:
        seen.add(up)
        node, depth = up, depth + 1
    return depth


def members_of(G: nx.MultiDiGraph, group: str) -> list[str]:
    """Everything inside ``group``, however deep, in a stable order."""
    schema = schema_of(G)
    found: dict[str, None] = {}
    todo = [group]
    while todo:
        g = todo.pop()
        for u, _, k in G.in_edges(g, keys=True):
            if schema.edge_types[k].role == "grouping" and u not in found and u != group:
                found[u] = None
                todo.append(u)
    return sorted(found, key=lambda n: G.nodes[n]["label"].casefold())
