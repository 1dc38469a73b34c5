"""Exports of hostile datasets cannot attack the tools that open them (issue 15).

Cypher: every label and relationship type is a quoted identifier and every text a
string literal, so a dataset that loads can only create its own nodes and edges.
"""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph import load_graph
from graph.build import build_graph, validate
from graph.cli import main
from graph.errors import GraphDataError
from graph.export import csv_cell_text, export, to_csv_tables, to_cypher, to_graphml, to_json
from graph.load import read_documents
from graph.schema import ID_PATTERN

from .conftest import TEST_DATA

# One Cypher token: a string literal, a back-quoted identifier, a bare word, a number,
# a parameter, white space or punctuation. Anything else (a comment, a stray quote)
# does not tokenise, and the test fails.
_TOKEN = re.compile(
    r"""'(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`|\$[A-Za-z_]\w*|[A-Za-z_]\w*|\d+|\s+|[(){}\[\]:,;.\-<>=*]""",
    re.S,
)
# Every bare word the writer may use. A label, a relationship type or a text from the
# data appearing outside quotes would add a word not in this list.
_VOCABULARY = {
    "CREATE", "MATCH", "MERGE", "UNWIND", "AS", "SET", "FOR", "ON", "INDEX", "IF", "NOT", "EXISTS",
    "WITH", "RETURN", "count", "row", "a", "b", "e", "n", "r",
    "id", "source", "target", "properties", "true", "false",
}  # fmt: skip


def bare_words(cypher: str) -> set[str]:
    """The unquoted words of a Cypher script (its own comment lines aside)."""
    body = "\n".join(line for line in cypher.splitlines() if not line.startswith("// Hip–Knee"))
    words: set[str] = set()
    pos = 0
    while pos < len(body):
        m = _TOKEN.match(body, pos)
        assert m is not None, f"cannot tokenise Cypher at {body[pos : pos + 60]!r}"
        token = m.group()
        if token[0].isalpha() or token[0] == "_":
            words.add(token)
        pos = m.end()
    return words


def test_the_schema_injection_dataset_is_refused_by_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(TEST_DATA / "invalid" / "schema_injection.yaml")])
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2, lines
    assert lines[0].startswith("tests/data/invalid/schema_injection.yaml:13: node type name ")
    assert "must be lowercase snake_case" in lines[0]


@pytest.mark.parametrize("kind", ["node_types", "edge_types"])
@pytest.mark.parametrize("name", ["Cause", "x`) DELETE n //", "has space", "a-b", "9lives", "é"])
def test_type_names_must_be_snake_case(kind: str, name: str) -> None:
    schema = {
        "node_types": {"symptom": {"label": "S"}, "cause": {"label": "C"}},
        "edge_types": {"causes": {"source": ["cause"], "target": ["symptom"], "forward": "c", "reverse": "cb"}},
    }
    table = schema[kind]
    table[name] = table.pop(next(iter(table)))
    if kind == "node_types":
        schema["edge_types"]["causes"]["target"] = [name]
    problems = validate(read_documents([("mine.yaml", {"schema": schema, "source": {"sections": ["S"]}})]))
    messages = [p.message for p in problems if "snake_case" in p.message]
    assert len(messages) == 1
    assert messages[0].startswith(f"{kind[:4]} type name {name!r} must be lowercase snake_case")


type_names = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 20)
# Any text the loader takes (it refuses control, format and line-break characters),
# with the characters that matter to Cypher made common.
readable = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Cn", "Zl", "Zp"))
texts = st.one_of(
    st.text(alphabet=st.one_of(readable, st.sampled_from("'\"`\\{}()[]:;/")), min_size=1, max_size=40),
    st.sampled_from(["x'}) DETACH DELETE n //", "\\'; MATCH (n) DELETE n", "`) RETURN 1 //", "a\\", "$p"]),
).filter(lambda s: s.strip() != "")


@st.composite
def datasets(draw: st.DrawFn) -> list[tuple[str, object]]:
    """A small dataset with its own schema: random snake_case type names, any text elsewhere."""
    node_type, other_type = draw(st.lists(type_names, min_size=2, max_size=2, unique=True))
    edge_type = draw(type_names)
    heading = draw(texts)
    labels = draw(st.lists(texts, min_size=2, max_size=2))
    doc = {
        "source": {"title": draw(texts), "sections": [heading]},
        "schema": {
            "node_types": {node_type: {"label": draw(texts)}, other_type: {"label": draw(texts)}},
            "edge_types": {
                edge_type: {
                    "source": [node_type],
                    "target": [other_type],
                    "forward": draw(texts),
                    "reverse": draw(texts),
                }
            },
        },
        "nodes": [
            {"id": "a_node", "type": node_type, "label": labels[0], "section": heading, "description": draw(texts),
             "aliases": draw(st.lists(texts, max_size=2))},
            {"id": "b_node", "type": other_type, "label": labels[1], "section": heading, "description": draw(texts)},
        ],
        "edges": [{"section": heading, "links": [["a_node", edge_type, "b_node"]]}],
    }  # fmt: skip
    return [("hostile.yaml", doc)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(datasets())
def test_every_identifier_in_the_cypher_of_a_loadable_dataset_is_quoted(docs: list[tuple[str, object]]) -> None:
    try:
        G = build_graph(read_documents(docs))
    except GraphDataError:
        assume(False)
        return
    assert bare_words(to_cypher(G)) <= _VOCABULARY


def test_hostile_files_give_cypher_with_only_our_words() -> None:
    for path in sorted((TEST_DATA / "valid").glob("*.yaml")):
        G: nx.MultiDiGraph = load_graph(path)
        assert bare_words(to_cypher(G)) <= _VOCABULARY, path.name


def test_the_tokeniser_catches_pasted_text() -> None:
    """The check above can fail: an unquoted label or a broken string shows up."""
    assert "Cause" in bare_words("CREATE (:Cause {id: 'x'});")
    assert "DETACH" in bare_words("CREATE (n {id: 'x\\\\'}) DETACH DELETE n;")
    assert bare_words("CREATE (:`Ca``use` {id: 'it\\'s'});") == {"CREATE", "id"}


# --- exports keep hostile text as text ----------------------------------------------

HOSTILE = TEST_DATA / "valid" / "hostile_exports.yaml"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile() -> nx.MultiDiGraph:
    return load_graph(HOSTILE)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_hostile_dataset_holds_what_it_claims(hostile: nx.MultiDiGraph) -> None:
    """So the tests below can fail: formulas at the start of labels, aliases, sections and the title."""
    starts = [hostile.nodes["formula"]["label"], *hostile.nodes["formula"]["aliases"], hostile.graph["title"]]
    starts += [d["section"] for d in hostile.nodes.values()]
    assert {t[0] for t in starts} >= {"=", "+", "-", "@", "'"}
    assert "]]>" in hostile.nodes["markup"]["label"]


@pytest.mark.parametrize("path", [None, HOSTILE], ids=["article", "hostile"])
def test_no_csv_cell_would_run_in_a_spreadsheet(path) -> None:
    G = load_graph(path)
    cells = [cell for table in to_csv_tables(G).values() for row in csv.reader(io.StringIO(table)) for cell in row]
    assert len(cells) > 20
    assert [c for c in cells if c.startswith(FORMULA_START)] == []


def test_csv_reads_back_exactly_after_removing_the_prefix(hostile: nx.MultiDiGraph) -> None:
    tables = to_csv_tables(hostile)
    nodes = {csv_cell_text(r["id"]): {k: csv_cell_text(v) for k, v in r.items()} for r in csv_rows(tables["nodes.csv"])}
    assert set(nodes) == set(hostile)
    for n, d in hostile.nodes(data=True):
        row = nodes[n]
        assert (row["type"], row["label"], row["section"], row["description"]) == (
            d["type"], d["label"], d["section"], d["description"],
        )  # fmt: skip
        assert row["aliases"] == "; ".join(d["aliases"])
    edges = [{k: csv_cell_text(v) for k, v in r.items()} for r in csv_rows(tables["edges.csv"])]
    assert sorted((e["source"], e["type"], e["target"], e["section"]) for e in edges) == sorted(
        (u, k, v, d["section"]) for u, v, k, d in hostile.edges(keys=True, data=True)
    )


def test_only_csv_adds_the_prefix(hostile: nx.MultiDiGraph) -> None:
    label = hostile.nodes["formula"]["label"]
    assert label.startswith("=")
    for fmt in ("graphml", "json"):
        assert "'" + label not in export(hostile, fmt).replace("&quot;", '"').replace("&amp;", "&")


def test_graphml_is_well_formed_and_every_text_byte_exact(hostile: nx.MultiDiGraph) -> None:
    text = to_graphml(hostile)
    ElementTree.fromstring(text.encode())  # well-formed XML, or this raises
    H = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert H.graph.get("title") == hostile.graph["title"]
    for n, d in hostile.nodes(data=True):
        for key in ("type", "label", "section", "description"):
            assert H.nodes[n][key] == d[key], (n, key)
        assert H.nodes[n].get("aliases", "") == "; ".join(d["aliases"])
    assert sorted((u, v, d["type"], d["section"]) for u, v, d in H.edges(data=True)) == sorted(
        (u, v, d["type"], d["section"]) for u, v, d in hostile.edges(data=True)
    )


def test_json_reads_back_with_every_text_byte_exact(hostile: nx.MultiDiGraph) -> None:
    data = json.loads(to_json(hostile))
    H = nx.node_link_graph(data, edges="edges")
    assert data["graph"]["title"] == hostile.graph["title"]
    for n, d in hostile.nodes(data=True):
        assert {k: H.nodes[n][k] for k in ("type", "label", "section", "description")} == {
            k: d[k] for k in ("type", "label", "section", "description")
        }
        assert tuple(H.nodes[n]["aliases"]) == d["aliases"]
    assert sorted((u, v, d["section"]) for u, v, d in H.edges(data=True)) == sorted(
        (u, v, d["section"]) for u, v, d in hostile.edges(data=True)
    )


def test_the_terminal_escape_is_refused_on_load() -> None:
    with pytest.raises(GraphDataError, match=r"control_character\.yaml:4: .* U\+001B"):
        load_graph(TEST_DATA / "invalid" / "control_character.yaml")
