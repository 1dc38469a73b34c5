"""Node roles: what each node is for, read from the schema (symptom, cause, treatment, ...)."""

from __future__ import annotations

import networkx as nx

from .schema import schema_of

__all__ = [
    "nodes_with_role",
    "role",
]


# --- roles ----------------------------------------------------------------


def role(G: nx.MultiDiGraph, node: str) -> str:
    """What ``node`` is for (``symptom``, ``cause``, ``treatment``, ...), from the schema's node roles.

    >>> from graph import load_graph
    >>> role(load_graph(), "gluteal_strengthening")
    'treatment'
    """
    return str(schema_of(G).role_of(G.nodes[node]["type"]))


def nodes_with_role(G: nx.MultiDiGraph, wanted: str) -> list[str]:
    """The nodes playing role ``wanted``, sorted by label (as a student would look them up)."""
    types = set(schema_of(G).types_with_role(wanted))
    return sorted((n for n, t in G.nodes(data="type") if t in types), key=lambda n: (G.nodes[n]["label"].casefold(), n))
