"""What the browser is asked to draw."""

from __future__ import annotations

import json
import re

import networkx as nx

from graph.query import trace
from graph.view import (
    MAX_DRAWN,
    display_label,
    label_rank,
    label_width,
    legend,
    neighbourhood_view,
    node_style,
    outline,
    overview_view,
    path_cause,
    paths_of,
    payload,
    positions,
    standalone_html,
    trace_view,
    view_rows,
    whole_view,
)


def test_whole_view_payload_is_compact_and_complete(G) -> None:
    data = payload(G, whole_view(G))
    assert {n["id"] for n in data["nodes"]} == set(G)
    assert len(data["edges"]) == G.number_of_edges()
    assert len(json.dumps(data)) < 50_000
    assert data["options"]["physics"]["enabled"] is False
    node = next(n for n in data["nodes"] if n["id"] == "weak_gluteal_muscles")
    assert node["label"] == "Weak gluteal muscles" and node["group"] == "cause"
    assert data["options"]["groups"]["cause"]["shape"] == "diamond"
    assert "description" not in json.dumps(data["nodes"])


def test_every_type_has_its_own_colour_and_shape_pair(G) -> None:
    pairs = [(node_style(G, t).color, node_style(G, t).shape) for t in G.graph["schema"].node_types]
    assert len(set(pairs)) == len(pairs)
    assert [e["type"] for e in legend(G)] == [t for t in G.graph["schema"].node_types]


def test_layout_is_stable_and_shared_between_views(G) -> None:
    whole = positions(G, whole_view(G))
    around = positions(G, neighbourhood_view(G, "knee_pain", depth=1))
    assert all(around[n] == whole[n] for n in around)
    assert payload(G, whole_view(G)) == payload(G, whole_view(G))


def test_version_changes_only_with_the_drawing(G) -> None:
    a = payload(G, whole_view(G))["version"]
    b = payload(G, whole_view(G, node_types={"cause"}))["version"]
    assert a != b and a == payload(G, whole_view(G))["version"]


def test_neighbourhood_view_is_centred_and_highlighted(G) -> None:
    view = neighbourhood_view(G, "weak_gluteal_muscles", depth=2)
    assert view.nodes[0] == "weak_gluteal_muscles"
    assert view.highlight_nodes == {"weak_gluteal_muscles"}
    drawn = next(n for n in payload(G, view)["nodes"] if n["id"] == "weak_gluteal_muscles")
    assert drawn["borderWidth"] == 4


def test_views_are_bounded_and_say_so() -> None:
    big = nx.MultiDiGraph()
    from graph.load import default_schema

    big.graph["schema"] = default_schema()
    for i in range(MAX_DRAWN + 200):
        big.add_node(f"n{i}", type="cause", label=f"n{i}", description="", section="Alignment Issues", aliases=())
    for i in range(1, MAX_DRAWN + 200):
        big.add_edge(f"n{i}", "n0", "part_of", type="part_of", section="Alignment Issues")
    view = whole_view(big, limit=10_000)
    assert len(view.nodes) == MAX_DRAWN and view.total == MAX_DRAWN + 200 and view.cut
    assert view.nodes[0] == "n0"  # the best-connected node is kept first
    around = neighbourhood_view(big, "n0", depth=1, limit=50)
    assert len(around.nodes) == 50 and around.cut


def test_trace_unfolds_symptom_then_cause_groups_then_causes(G) -> None:
    result = trace(G, "knee_pain")
    view = trace_view(G, result)
    pos = positions(G, view)
    assert pos["knee_pain"][0] == min(x for x, _ in pos.values())
    assert set(result.causes) <= set(view.nodes)  # every cause, labelled
    assert len(view.nodes) <= 30 and not view.faded
    assert view.names["muscle_imbalances"] == "muscle imbalances (3)"
    assert pos["muscle_imbalances"][0] < pos["weak_gluteal_muscles"][0]  # group left of its members
    assert "gluteal_strengthening" not in view.nodes  # care for one cause waits until it is opened


def test_opening_a_cause_shows_its_chains_and_care_and_fades_the_others(G) -> None:
    result = trace(G, "knee_pain")
    view = trace_view(G, result, open_="weak_gluteal_muscles")
    pos = positions(G, view)
    assert "gluteal_strengthening" in view.nodes and "compensatory_movements" in view.nodes
    assert pos["compensatory_movements"][0] < pos["weak_gluteal_muscles"][0] < pos["gluteal_strengthening"][0]
    assert "torn_hip_labrum" in view.faded and "weak_gluteal_muscles" not in view.faded
    assert view.title == "Trace from knee pain: weak gluteal muscles"


def test_a_chosen_path_opens_its_cause_and_the_highlight_is_listed(G) -> None:
    result = trace(G, "knee_pain")
    for i in range(len(result.paths)):
        view = trace_view(G, result, chosen=i)
        assert view.highlight_nodes <= set(view.nodes)
        if path_cause(result, i) is not None:
            assert view.open == path_cause(result, i)
            assert i in paths_of(G, result, view.open)
    # A path outside the open cause is not highlighted.
    other = next(i for i in range(len(result.paths)) if path_cause(result, i) == "torn_hip_labrum")
    assert not trace_view(G, result, chosen=other, open_="weak_gluteal_muscles").highlight_edges


def test_overview_has_symptoms_cause_groups_and_care_groups_with_counts(G) -> None:
    view = overview_view(G)
    roles = {G.graph["schema"].role_of(G.nodes[n]["type"]) for n in view.nodes}
    assert roles == {"symptom", "cause", "diagnostic", "treatment", "prevention"}
    assert {"knee_pain", "hip_pain", "muscle_imbalances", "alignment_issues"} <= set(view.nodes)
    assert "weak_gluteal_muscles" not in view.nodes and len(view.nodes) <= 25
    assert view.names["muscle_imbalances"] == "muscle imbalances (3)"
    assert ("muscle_imbalances", "knee_pain", "causes") in view.edges
    opened = overview_view(G, "muscle_imbalances")
    assert "weak_gluteal_muscles" in opened.nodes and opened.open == "muscle_imbalances"
    assert "muscle_imbalances" in opened.unfoldable


def test_layout_leaves_room_for_labels_and_an_outline_for_phones(G) -> None:
    view = trace_view(G, trace(G, "knee_pain"))
    pos = positions(G, view)
    rows = outline(G, view)
    assert sorted(y for _, y in rows.values()) == [i * 36.0 for i in range(len(view.nodes))]  # one row each
    assert rows["knee_pain"] == (0.0, 0.0)
    order = sorted(rows, key=lambda n: rows[n][1])
    assert order.index("poor_posture") < order.index("slouching") < order.index("hip_joint_degeneration")
    for a in view.nodes:  # columns never closer than the label drawn between them
        for b in view.nodes:
            if pos[b][0] > pos[a][0]:
                assert pos[b][0] - pos[a][0] >= label_width(display_label(G, view, a)) + 24


def test_label_rank_keeps_the_focus_and_symptoms_first(G) -> None:
    view = trace_view(G, trace(G, "knee_pain"), open_="weak_gluteal_muscles")
    rank = label_rank(G, view)
    assert rank["knee_pain"] == 0 or rank["weak_gluteal_muscles"] == 0
    assert rank["weak_gluteal_muscles"] < rank["torn_hip_labrum"]


def test_rows_read_as_sentences(G) -> None:
    rows = view_rows(G, neighbourhood_view(G, "kegel_exercises", depth=1))
    assert {
        "From": "Kegel exercises",
        "Relation": "is part of",
        "To": "pelvic floor exercises",
        "Section": "Pelvic Floor Exercises",
    } in rows


def test_standalone_html_is_offline_and_inert(tiny) -> None:
    H = tiny.copy()
    H.nodes["slump"]["label"] = "</script><img src=x onerror=alert(1)>"
    html = standalone_html(payload(H, whole_view(H)))
    assert "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg" in html
    assert not re.search(r"(src|href)=[\"']?https?://", html)
    assert "vis-network" in html and "drawGraph(" in html
