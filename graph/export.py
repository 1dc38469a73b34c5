"""The graph in formats other tools read: GraphML, node-link JSON, CSV tables, Cypher."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

import networkx as nx

from .explain import TracePath

__all__ = [
    "FORMATS",
    "escape_markdown",
    "export",
    "paths_markdown",
    "to_csv_tables",
    "to_csv_zip",
    "to_cypher",
    "to_graphml",
    "to_json",
]

FORMATS = ("graphml", "json", "csv", "cypher")
ALIAS_SEPARATOR = "; "


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only plain attributes (aliases joined), as GraphML needs."""
    H = nx.MultiDiGraph(title=G.graph.get("title", ""))
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: (ALIAS_SEPARATOR.join(v) if k == "aliases" else v) for k, v in d.items()})
    H.add_edges_from(
        (u, v, k, {"type": d["type"], "section": d["section"], **({"when": d["when"]} if d.get("when") else {})})
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    return H


def to_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML for Gephi, Cytoscape or yEd; aliases are joined with '; ', an edge's condition is its ``when``."""
    return "\n".join(nx.generate_graphml(_flat(G))) + "\n"


def to_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON (``networkx.node_link_data`` with ``edges`` as the link key)."""
    data: dict[str, Any] = nx.node_link_data(G, edges="edges")
    data["graph"] = {"title": G.graph.get("title", "")}
    for node in data["nodes"]:
        node["aliases"] = list(node.get("aliases", ()))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_csv_tables(G: nx.MultiDiGraph) -> dict[str, str]:
    """Two tables, ``nodes.csv`` and ``edges.csv``, as text."""
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["id", "type", "label", "section", "description", "aliases"])
    for n, d in G.nodes(data=True):
        w.writerow([n, d["type"], d["label"], d["section"], d["description"], ALIAS_SEPARATOR.join(d["aliases"])])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["source", "type", "target", "section", "when"])
    for u, v, k, d in G.edges(keys=True, data=True):
        w.writerow([u, k, v, d["section"], d.get("when") or ""])
    return {"nodes.csv": nodes.getvalue(), "edges.csv": edges.getvalue()}


def to_csv_zip(G: nx.MultiDiGraph) -> bytes:
    """Both CSV tables in one zip archive (for a single download)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in to_csv_tables(G).items():
            zf.writestr(name, text)
    return buf.getvalue()


def _cypher_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{escaped}'"


def _cypher_label(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) or "Node"


def to_cypher(G: nx.MultiDiGraph) -> str:
    """Cypher statements that recreate the graph in Neo4j (one node label per type)."""
    lines = ["// Hip–Knee knowledge graph; run in an empty database."]
    for n, d in G.nodes(data=True):
        props = ", ".join(
            [
                f"id: {_cypher_string(n)}",
                f"label: {_cypher_string(d['label'])}",
                f"description: {_cypher_string(d['description'])}",
                f"section: {_cypher_string(d['section'])}",
                "aliases: [" + ", ".join(_cypher_string(a) for a in d["aliases"]) + "]",
            ]
        )
        lines.append(f"CREATE (:{_cypher_label(d['type'])} {{{props}}});")
    for u, v, k, d in G.edges(keys=True, data=True):
        when = f", when: {_cypher_string(d['when'])}" if d.get("when") else ""
        lines.append(
            f"MATCH (a {{id: {_cypher_string(u)}}}), (b {{id: {_cypher_string(v)}}}) "
            f"CREATE (a)-[:{k.upper()} {{section: {_cypher_string(d['section'])}{when}}}]->(b);"
        )
    return "\n".join(lines) + "\n"


def export(G: nx.MultiDiGraph, fmt: str) -> str:
    """The graph as text in ``fmt`` (one of :data:`FORMATS`); CSV gives both tables, nodes first."""
    if fmt == "graphml":
        return to_graphml(G)
    if fmt == "json":
        return to_json(G)
    if fmt == "cypher":
        return to_cypher(G)
    if fmt == "csv":
        tables = to_csv_tables(G)
        return tables["nodes.csv"] + "\n" + tables["edges.csv"]
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def paths_markdown(G: nx.MultiDiGraph, title: str, paths: Sequence[TracePath], *, source: str = "") -> str:
    """Study notes: a numbered list of path sentences with the sections they rest on."""
    lines = [f"# {escape_markdown(title)}", ""]
    if source:
        lines += [f"From the article *{escape_markdown(source)}*.", ""]
    for i, p in enumerate(paths, 1):
        lines.append(f"{i}. {escape_markdown(p.sentence)}  ")
        lines.append(f"   *Sections: {escape_markdown('; '.join(p.sections))}*")
    return "\n".join(lines) + "\n"


MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~"


def escape_markdown(text: str, extra: str = "") -> str:
    """Escape every Markdown (and HTML) character, so text from data shows literally and nothing loads.

    ``extra`` adds characters a particular renderer also acts on (Streamlit: ``$`` and ``:``).

    >>> escape_markdown("<img src=x onerror=alert(1)>")
    '\\\\<img src=x onerror=alert\\\\(1\\\\)\\\\>'
    """
    special = MARKDOWN_SPECIAL + extra
    return "".join("\\" + ch if ch in special else ch for ch in text)
