"""The graph in formats other tools read: GraphML, node-link JSON, CSV tables, Cypher (:mod:`graph.cypher`)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from .cypher import to_cypher
from .errors import ExportError
from .explain import TracePath
from .text import escape_markdown

__all__ = [
    "FORMATS",
    "csv_cell",
    "csv_cell_text",
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


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
# injection"); such a cell gets a ' in front, which spreadsheets hide. A cell that starts
# with ' gets one too, so reading back is exact: drop a leading ' (see csv_cell_text).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(text: str) -> str:
    """Text made safe as a spreadsheet cell: never a formula.

    >>> [csv_cell(t) for t in ("=1+1", "-1", "@SUM(A1)", "'quoted'", "knee")]
    ["'=1+1", "'-1", "'@SUM(A1)", "''quoted'", 'knee']
    """
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def csv_cell_text(cell: str) -> str:
    """The exact text of a cell written by :func:`csv_cell`.

    >>> csv_cell_text(csv_cell("+cmd|' /C calc'!A0"))
    "+cmd|' /C calc'!A0"
    """
    return cell[1:] if cell.startswith("'") else cell


def _csv_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([csv_cell(cell) for cell in row] for row in (header, *rows))
    return out.getvalue()


def to_csv_tables(G: nx.MultiDiGraph) -> dict[str, str]:
    """Two tables, ``nodes.csv`` and ``edges.csv``, as text.

    A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) gets a ``'`` in front, as OWASP recommends, and so
    does a cell that starts with ``'``; :func:`csv_cell_text` gives the text back.
    Only CSV does this: every other export keeps the text byte-exact.
    """
    nodes = _csv_table(
        ["id", "type", "label", "section", "description", "aliases"],
        (
            [n, d["type"], d["label"], d["section"], d["description"], ALIAS_SEPARATOR.join(d["aliases"])]
            for n, d in G.nodes(data=True)
        ),
    )
    edges = _csv_table(
        ["source", "type", "target", "section", "when"],
        ([u, k, v, d["section"], d.get("when") or ""] for u, v, k, d in G.edges(keys=True, data=True)),
    )
    return {"nodes.csv": nodes, "edges.csv": edges}


def to_csv_zip(G: nx.MultiDiGraph) -> bytes:
    """Both CSV tables in one zip archive (for a single download)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in to_csv_tables(G).items():
            zf.writestr(name, text)
    return buf.getvalue()


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
    raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def paths_markdown(G: nx.MultiDiGraph, title: str, paths: Sequence[TracePath], *, source: str = "") -> str:
    """Study notes: a numbered list of path sentences with the sections they rest on."""
    lines = [f"# {escape_markdown(title)}", ""]
    if source:
        lines += [f"From the article *{escape_markdown(source)}*.", ""]
    for i, p in enumerate(paths, 1):
        lines.append(f"{i}. {escape_markdown(p.sentence)}  ")
        lines.append(f"   *Sections: {escape_markdown('; '.join(p.sections))}*")
    return "\n".join(lines) + "\n"
