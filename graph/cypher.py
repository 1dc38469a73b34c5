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

from .errors import ExportError, UnwritableValue

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
    raise UnwritableValue(f"cannot write {type(value).__name__} as a Cypher value")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Statement:
    """One Cypher statement: ``query`` reads its rows from ``$rows`` (none for the index).

    A row is a list of values, one per property in the order the query names them: a
    flat list parses several times faster in FalkorDB than a map (see :func:`statements`).
    """

    query: str
    rows: tuple[list[Any], ...] = ()
    kind: str = "index"  # "index", "nodes" or "edges"

    def as_text(self) -> str:
        """The statement with its rows written in as literals (one line, for a file)."""
        return self.query.replace("$rows", cypher_value(list(self.rows))) + ";"


INDEX_QUERY = f"CREATE INDEX FOR (n:{cypher_name(ENTITY)}) ON (n.{cypher_name('id')})"


def _properties(keys: tuple[str, ...], first: int, type_name: str) -> str:
    """A property map reading ``row[first]``, ``row[first + 1]``, ... (empty text for no keys).

    ``type`` is the same for every row of a statement, so it is written once in the query
    (quoted like any value) instead of in each row: less for the server to parse.
    """
    parts, i = [], first
    for k in keys:
        if k == "type":
            parts.append(f"{cypher_name(k)}: {cypher_value(type_name)}")
        else:
            parts.append(f"{cypher_name(k)}: row[{i}]")
            i += 1
    return " {" + ", ".join(parts) + "}" if parts else ""


def _node_query(node_type: str, keys: tuple[str, ...]) -> str:
    props = _properties(keys, 0, node_type)
    return f"UNWIND $rows AS row CREATE (n:{cypher_name(ENTITY)}:{node_label(node_type)}{props})"


def _edge_query(edge_type: str, keys: tuple[str, ...]) -> str:
    entity = cypher_name(ENTITY)
    return (
        f"UNWIND $rows AS row MATCH (a:{entity} {{{cypher_name('id')}: row[0]}}), (b:{entity} {{{cypher_name('id')}: row[1]}}) "
        f"CREATE (a)-[r:{relationship_type(edge_type)}{_properties(keys, 2, edge_type)}]->(b)"
    )


def _chunks(rows: list[list[Any]], size: int) -> Iterator[tuple[list[Any], ...]]:
    for start in range(0, len(rows), size):
        yield tuple(rows[start : start + size])


def statements(G: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE) -> Iterator[Statement]:
    """The statements that create ``G``: the ``id`` index, then nodes, then edges, by type in batches.

    Node properties are the node's attributes plus ``id``; edge properties are the edge's
    attributes (``type``, ``section`` and any other). Rows are grouped by type and by
    property names, so each row is a flat list of values (``[id, type, label, ...]``,
    ``[source, target, type, section, ...]``) and every property a row has is set.
    Why lists: FalkorDB spends its time on a file parsing the literals (about 65 µs
    for an edge written as a nested map, under 40 µs as a list), not on creating.
    """
    if not 1 <= batch_size <= BATCH_SIZE:
        raise ExportError(f"batch_size must be between 1 and {BATCH_SIZE}, not {batch_size}")
    yield Statement(INDEX_QUERY)
    nodes: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
    for n, d in G.nodes(data=True):
        keys = ("id", *(k for k, val in d.items() if k != "id" and val is not None))
        nodes.setdefault((d["type"], keys), []).append([n, *(_plain(d[k]) for k in keys[1:] if k != "type")])
    for (node_type, keys), rows in nodes.items():
        query = _node_query(node_type, keys)
        for chunk in _chunks(rows, batch_size):
            yield Statement(query, chunk, "nodes")
    edges: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        props = {key: val for key, val in d.items() if val is not None}  # no value: no property, as in Cypher
        row = [u, v, *(_plain(val) for key, val in props.items() if key != "type")]
        edges.setdefault((d.get("type", k), tuple(props)), []).append(row)
    for (edge_type, keys), rows in edges.items():
        query = _edge_query(edge_type, keys)
        for chunk in _chunks(rows, batch_size):
            yield Statement(query, chunk, "edges")


def to_cypher(G: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE) -> str:
    """A Cypher script that recreates ``G`` in Neo4j 5 or FalkorDB: one statement a line.

    Run it in an empty graph (``cypher-shell -f``, or each line through ``GRAPH.QUERY``).
    """
    lines = [HEADER]
    lines.extend(s.as_text() for s in statements(G, batch_size=batch_size))
    return "\n".join(lines) + "\n"
