"""The graph as Cypher for a graph database: one query builder for the file and for ``push``.

Every node gets the shared label ``Entity`` (indexed on ``id``, the index created first)
plus its type's label; nodes and edges are created with ``UNWIND`` in batches of at most
1,000 rows, so an edge finds its ends through the index, never by scanning all nodes.
Only syntax that both Neo4j 5 and FalkorDB accept is used.

Labels, relationship types and property keys are back-quoted identifiers; every text
is a parameter (``push``) or an escaped string literal (the file). This module builds
text and rows only: it never imports a database client (see :mod:`graph.push`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "BATCH_SIZE",
    "ENTITY",
    "Statement",
    "cypher_name",
    "cypher_value",
    "node_label",
    "relationship_type",
    "statements",
    "to_cypher",
]

ENTITY = "Entity"
BATCH_SIZE = 1000
HEADER = "// Hip–Knee knowledge graph; run in an empty database, one statement a line."


def cypher_name(name: str) -> str:
    """An identifier (label, relationship type, property key) back-quoted, backticks doubled.

    Type names are checked to be snake_case on load; quoting anyway means no path can
    paste text into a query.

    >>> cypher_name("Cause"), cypher_name("x`) DELETE n //")
    ('`Cause`', '`x``) DELETE n //`')
    """
    return "`" + name.replace("`", "``") + "`"


def node_label(node_type: str) -> str:
    """The Cypher label of a node type, quoted: ``cause`` -> ``Cause``, ``knee_part`` -> ``KneePart``."""
    return cypher_name("".join(part.capitalize() for part in node_type.split("_")) or "Node")


def relationship_type(edge_type: str) -> str:
    """The Cypher relationship type of an edge type, quoted: ``leads_to`` -> ``LEADS_TO``."""
    return cypher_name(edge_type.upper())


def cypher_value(value: Any) -> str:
    """A property value as a Cypher literal (text, number, boolean or a list of them).

    >>> cypher_value("it's \\\\ a\\nb"), cypher_value(["x", 2, True])
    ("'it\\\\'s \\\\\\\\ a\\\\nb'", "['x', 2, true]")
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
        return f"'{escaped}'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher value")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Statement:
    """One Cypher statement: ``query`` reads its rows from ``$rows`` (none for the index)."""

    query: str
    rows: tuple[dict[str, Any], ...] = ()
    kind: str = "index"  # "index", "nodes" or "edges"

    def as_text(self) -> str:
        """The statement with its rows written in as literals (one line, for a file)."""
        return self.query.replace("$rows", cypher_value(list(self.rows))) + ";"


INDEX_QUERY = f"CREATE INDEX FOR (n:{cypher_name(ENTITY)}) ON (n.{cypher_name('id')})"


def _node_query(node_type: str) -> str:
    return f"UNWIND $rows AS row CREATE (n:{cypher_name(ENTITY)}:{node_label(node_type)}) SET n = row"


def _edge_query(edge_type: str) -> str:
    entity = cypher_name(ENTITY)
    return (
        f"UNWIND $rows AS row MATCH (a:{entity} {{id: row.source}}), (b:{entity} {{id: row.target}}) "
        f"CREATE (a)-[r:{relationship_type(edge_type)}]->(b) SET r = row.properties"
    )


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[tuple[dict[str, Any], ...]]:
    for start in range(0, len(rows), size):
        yield tuple(rows[start : start + size])


def statements(G: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE) -> Iterator[Statement]:
    """The statements that create ``G``: the ``id`` index, then nodes, then edges, by type in batches.

    Node properties are the node's attributes plus ``id``; edge properties are the edge's
    attributes (``type``, ``section`` and any other).
    """
    if not 1 <= batch_size <= BATCH_SIZE:
        raise ValueError(f"batch_size must be between 1 and {BATCH_SIZE}, not {batch_size}")
    yield Statement(INDEX_QUERY)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for n, d in G.nodes(data=True):
        by_type.setdefault(d["type"], []).append({"id": n, **{k: _plain(v) for k, v in d.items()}})
    for node_type, rows in by_type.items():
        query = _node_query(node_type)
        for chunk in _chunks(rows, batch_size):
            yield Statement(query, chunk, "nodes")
    edges: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        edges.setdefault(d.get("type", k), []).append(
            {"source": u, "target": v, "properties": {key: _plain(val) for key, val in d.items()}}
        )
    for edge_type, rows in edges.items():
        query = _edge_query(edge_type)
        for chunk in _chunks(rows, batch_size):
            yield Statement(query, chunk, "edges")


def to_cypher(G: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE) -> str:
    """A Cypher script that recreates ``G`` in Neo4j 5 or FalkorDB: one statement a line.

    Run it in an empty graph (``cypher-shell -f``, or each line through ``GRAPH.QUERY``).
    """
    lines = [HEADER]
    lines.extend(s.as_text() for s in statements(G, batch_size=batch_size))
    return "\n".join(lines) + "\n"
