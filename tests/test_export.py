"""Exports other tools can read back."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest

from graph.errors import ExportError
from graph.export import export, to_csv_tables, to_csv_zip, to_cypher, to_graphml, to_json


def test_graphml_round_trips(G) -> None:
    H = nx.read_graphml(io.StringIO(to_graphml(G)), force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["weak_gluteal_muscles"]["label"] == "weak gluteal muscles"
    assert "weak glutes" in H.nodes["weak_gluteal_muscles"]["aliases"].split("; ")


def test_json_is_node_link(G) -> None:
    data = json.loads(to_json(G))
    H = nx.node_link_graph(data, edges="edges")
    assert set(H) == set(G)
    assert H.number_of_edges() == G.number_of_edges()
    assert data["graph"] == {"title": G.graph["title"]}
    node = next(n for n in data["nodes"] if n["id"] == "anti_inflammatory_drugs")
    assert "NSAIDs" in node["aliases"]


def test_csv_tables(G) -> None:
    tables = to_csv_tables(G)
    nodes = list(csv.DictReader(io.StringIO(tables["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(tables["edges.csv"])))
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    assert {"source", "type", "target", "section", "when"} == set(edges[0])
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(G))) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        assert zf.read("nodes.csv").decode() == tables["nodes.csv"]


def test_cypher_creates_everything_and_escapes_quotes(tiny) -> None:
    H = tiny.copy()
    H.nodes["slump"]["label"] = "it's a \\ slump"
    text = to_cypher(H)
    assert text.splitlines()[1] == "CREATE INDEX FOR (n:`Entity`) ON (n.`id`);"
    lines = text.splitlines()
    assert sum(line.count("], [") + 1 for line in lines if "CREATE (n:" in line) == H.number_of_nodes()
    assert sum(line.count("], [") + 1 for line in lines if "CREATE (a)-" in line) == H.number_of_edges()
    assert "'it\\'s a \\\\ slump'" in text
    # The type is the same for a whole statement: written once, quoted, not in every row.
    assert "AS row CREATE (n:`Entity`:`Cause` {`id`: row[0], `type`: 'cause', `label`: row[1]," in text
    assert "['slump', 'strain', 'Causes']" in text
    assert "CREATE (a)-[r:`LEADS_TO` {`type`: 'leads_to', `section`: row[2]}]->(b);" in text


def test_unknown_format(G) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xls'"):  # a GraphError: one line in the CLI
        export(G, "xls")
