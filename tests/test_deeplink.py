"""Deep links: the URL restores a view, and odd parameters only ever cost a notice."""

from __future__ import annotations

import re

import pytest

from graph.deeplink import ExplorerState, from_params, to_params
from graph.text import clean_text


@pytest.mark.parametrize(
    "state",
    [
        ExplorerState(),
        ExplorerState(node="knee_pain", depth=3, whole=False),
        ExplorerState(mode="trace", trace="hip_pain", path=4, node="torn_hip_labrum"),
        ExplorerState(mode="connect", source="weak_gluteal_muscles", target="knee_pain", path=0),
        ExplorerState(types=("cause", "treatment"), relations=("treated_by",), shown=300),
    ],
)
def test_round_trip(G, state: ExplorerState) -> None:
    again, notes = from_params(G, to_params(state))
    assert notes == []
    assert again == state


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"node": "nope"}, "The link names no node 'nope'"),
        ({"trace": "physical_therapy"}, "'Physical therapy' is a treatment, not a symptom"),
        ({"from": "knee_pain"}, "A connection needs two different nodes"),
        ({"depth": "9"}, "Depth must be 1, 2 or 3, not '9'"),
        ({"depth": "-1"}, "Depth must be 1, 2 or 3"),
        ({"path": "2"}, "Ignored path 2 (a path number goes with a trace"),
        ({"view": "sideways"}, "Ignored view 'sideways'"),
        ({"types": "cause,potion"}, "Ignored unknown node type in the link: potion"),
        ({"rel": "heals"}, "Ignored unknown relation in the link: heals"),
        ({"shown": "99999999"}, "Ignored shown"),
        ({"utm_source": "x"}, "Ignored unknown link parameter: utm_source"),
    ],
)
def test_bad_parameters_get_a_notice_and_the_default(G, params: dict[str, str], notice: str) -> None:
    state, notes = from_params(G, params)
    assert len(notes) == 1 and notice in notes[0]
    assert state == ExplorerState()  # the unusable parameter is dropped whole: the default view


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "x" * 100_000, "\x00\x1b[31m\u202e", "🦵" * 50, ["a", "b"], "", " "],
)
def test_hostile_values_never_raise_and_are_cleaned(G, value: object) -> None:
    params = {"node": value, "trace": value, "depth": value, "types": value}
    state, notes = from_params(G, params)
    assert state == ExplorerState()
    assert len(notes) == len(params)  # each unusable parameter costs one notice, none is dropped silently
    for note in notes:
        assert len(note) < 300
        assert "\x00" not in note and "\x1b" not in note and "\u202e" not in note


def test_clean_text() -> None:
    assert clean_text("a\nb\tc") == "a b c"
    assert clean_text("x" * 100, 10) == "x" * 9 + "…"
    assert clean_text("\x07bell") == "�bell"


def test_a_long_list_is_cut_between_items_and_says_so(G) -> None:
    state, notes = from_params(G, {"types": ",".join(["symptom"] * 100)})  # 300 characters end in "symp"
    assert state.types == ("symptom",)
    assert len(notes) == 1 and notes[0].startswith("Read only the first ") and "types=" in notes[0]
    _, notes = from_params(G, {"types": ",".join(f"potion{i}" for i in range(100))})
    assert len(notes) == 1 and notes[0].startswith("Read only the first ")  # one notice for the one parameter
    head = "Ignored unknown node types in the link: "
    named = notes[0][notes[0].index(head) + len(head) :].removesuffix(".").split(", ")
    assert named[-1] == "…" and all(re.fullmatch(r"potion\d+", n) for n in named[:-1])
