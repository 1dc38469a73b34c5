"""Schema as data: node roles, not type names, drive the queries, the study tools and the drawing."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import load_graph
from graph.deeplink import from_params
from graph.payload import payload
from graph.query import trace
from graph.roles import nodes_with_role
from graph.schema import schema_of
from graph.screen import screen
from graph.study import quiz, study_sheet
from graph.view import whole_view

from .conftest import TEST_DATA


@pytest.fixture(scope="module")
def renamed() -> nx.MultiDiGraph:
    return load_graph(TEST_DATA / "valid" / "renamed_types.yaml")


def test_renamed_types_keep_their_roles(renamed, tiny) -> None:
    assert schema_of(renamed).types_with_role("symptom") == ("complaint",)
    assert nodes_with_role(renamed, "symptom") == nodes_with_role(tiny, "symptom") == ["ache"]


def test_a_dataset_with_renamed_types_works_unchanged(renamed, tiny) -> None:
    a, b = trace(renamed, "ache"), trace(tiny, "ache")
    assert [p.sentence for p in a.paths] == [p.sentence for p in b.paths] and a.paths
    assert [(q.kind, q.question, q.answer) for q in quiz(renamed, 12, seed=3)] == [
        (q.kind, q.question, q.answer) for q in quiz(tiny, 12, seed=3)
    ]
    assert study_sheet(renamed, "ache").groups == study_sheet(tiny, "ache").groups
    state, notes = from_params(renamed, {"trace": "ache"})
    assert notes == [] and state.mode == "trace"
    assert screen(renamed, state).paths


def test_the_drawing_styles_a_type_by_its_role(renamed, tiny) -> None:
    def colours(G: nx.MultiDiGraph) -> dict[str, object]:
        groups = payload(G, whole_view(G))["options"]["groups"]
        return {n: groups[G.nodes[n]["type"]]["color"] for n in G}

    assert colours(renamed) == colours(tiny)


def test_an_unknown_role_is_refused_with_its_place(tmp_path) -> None:
    text = (TEST_DATA / "valid" / "renamed_types.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("role: symptom}", "role: patient}"), encoding="utf-8")
    from graph import GraphDataError

    with pytest.raises(GraphDataError, match=r"bad\.yaml:\d+: node type 'complaint' has unknown role 'patient'"):
        load_graph(bad)
