"""Reading and validating datasets: every defect reported, each once, with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph import GraphDataError, load_graph, load_uploaded, read_dataset, validate
from graph.build import build_graph
from graph.load import Dataset, EdgeRecord, NodeRecord, default_schema
from graph.schema import schema_of

from .conftest import TEST_DATA

INVALID = sorted((TEST_DATA / "invalid").glob("*.yaml"))
# Files that cannot carry their own "# expect:" comment.
EXPECTED = {
    "binary.yaml": "binary.yaml: this is a binary file, not YAML text",
    "empty.yaml": "empty.yaml: the file is empty",
}


def expectation(path: Path) -> str:
    if path.name in EXPECTED:
        return EXPECTED[path.name]
    first = path.read_text(encoding="latin-1").splitlines()[0]
    match = re.fullmatch(r"# expect: (?:(\d+): )?(.*)", first)
    assert match, f"{path.name} must start with '# expect: [LINE: ]MESSAGE'"
    line, message = match.groups()
    return f"{path.name}:{line}: {message}" if line else message


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_file_gets_its_one_clear_message(path: Path) -> None:
    with pytest.raises(GraphDataError) as info:
        load_graph(path)
    problems = info.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert expectation(path) in str(problems[0])
    assert "\n" not in str(problems[0])


def test_all_problems_are_reported_at_once() -> None:
    problems = validate(read_dataset(TEST_DATA / "invalid"))
    files = {Path(p.file).name for p in problems}
    assert files == {p.name for p in INVALID}
    assert len(problems) >= len(INVALID)


def test_shipped_data_is_valid(G) -> None:
    assert validate(read_dataset()) == []
    assert G.number_of_nodes() > 100 and G.number_of_edges() > 200


def test_tiny_dataset_uses_its_own_schema(tiny) -> None:
    schema = schema_of(tiny)
    assert set(schema.node_types) == {"symptom", "cause", "mechanism", "treatment", "prevention", "diagnostic"}
    assert tiny.graph["title"] == "Tiny test article"
    assert tiny.nodes["slump"] == {
        "type": "cause",
        "label": "slump",
        "description": "Sitting badly.",
        "section": "Posture",
        "aliases": ("slouch",),
    }
    assert tiny.edges["slump", "strain", "leads_to"] == {"type": "leads_to", "section": "Causes", "when": None}


def test_builder_needs_no_files() -> None:
    schema = default_schema()
    ds = Dataset(
        schema,
        nodes=[
            NodeRecord("sore", "symptom", "sore knee", "Pain in the Knee", "It hurts.", (), "mem", 1),
            NodeRecord("tight", "cause", "tight muscle", "Muscle Imbalances", "Too tight.", (), "mem", 2),
        ],
        edges=[EdgeRecord("tight", "causes", "sore", "Muscle Imbalances", "mem", 3)],
        files=["mem"],
    )
    G = build_graph(ds)
    assert list(G.edges(keys=True)) == [("tight", "sore", "causes")]


def test_schema_rule_violations_are_named() -> None:
    schema = default_schema()
    ds = Dataset(
        schema,
        nodes=[
            NodeRecord("sore", "symptom", "sore knee", "Pain in the Knee", "x", (), "mem", 1),
            NodeRecord("rest", "treatment", "rest", "Physical Therapy", "x", (), "mem", 2),
        ],
        edges=[
            EdgeRecord("rest", "part_of", "sore", "Physical Therapy", "mem", 3),
            EdgeRecord("sore", "treated_by", "rest", "Physical Therapy", "mem", 4),
            EdgeRecord("sore", "treated_by", "rest", "Physical Therapy", "mem", 5),
            EdgeRecord("sore", "worsens", "sore", "Pain in the Knee", "mem", 6),
        ],
        files=["mem"],
    )
    messages = [str(p) for p in validate(ds)]
    assert messages == [
        "mem:3: rest -part_of-> sore: a 'part_of' edge must join two nodes of the same type, not treatment and symptom",
        "mem:5: duplicate edge sore -treated_by-> rest (first at mem:4)",
        "mem:6: edge joins 'sore' to itself",
    ]


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(GraphDataError, match="no such file or directory"):
        load_graph(tmp_path / "nope.yaml")
    with pytest.raises(GraphDataError, match=r"no \.yaml files in this directory"):
        load_graph(tmp_path)


def test_uploads_load_from_memory_and_report_every_file() -> None:
    good = (TEST_DATA / "valid" / "tiny.yaml").read_bytes()
    assert load_uploaded({"tiny.yaml": good}).number_of_nodes() == 8
    with pytest.raises(GraphDataError) as info:
        load_uploaded({"a.yaml": b"nodes: [", "b.yaml": b"\x00\x01"})
    assert [p.file for p in info.value.problems] == ["a.yaml", "b.yaml"]


def test_node_and_edge_caps() -> None:
    from graph import Limits

    with pytest.raises(GraphDataError, match=r"too many nodes \(8; the limit is 5\)"):
        load_graph(TEST_DATA / "valid" / "tiny.yaml", limits=Limits(max_nodes=5))


WHEN_DOC = """
nodes:
  - {id: sore, type: symptom, label: sore knee, section: Pain in the Knee, description: It hurts.}
  - {id: cut, type: treatment, label: an operation, section: Surgical Interventions, description: Surgery.}
edges:
  - section: Surgical Interventions
    links:
      - [sore, treated_by, cut, WHEN]
"""


def test_an_edge_keeps_its_condition() -> None:
    doc = WHEN_DOC.replace("WHEN", '{when: "only in severe cases,   after rest failed"}')
    G = load_uploaded({"when.yaml": doc.encode()})
    assert G.edges["sore", "cut", "treated_by"]["when"] == "only in severe cases, after rest failed"


@pytest.mark.parametrize(
    "extra",
    ["{when: ''}", "{if: severe}", "severe", "{when: [a, b]}", "{when: severe, also: x}", '{when: "a\\nb"}'],
)
def test_a_malformed_condition_is_one_clear_problem(extra: str) -> None:
    with pytest.raises(GraphDataError) as info:
        load_uploaded({"when.yaml": WHEN_DOC.replace("WHEN", extra).encode()})
    (problem,) = info.value.problems
    assert str(problem).startswith("when.yaml:8: the fourth item of a link must be {when: condition}")
    assert "\n" not in str(problem)
