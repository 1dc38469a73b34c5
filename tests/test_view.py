"""What the browser is asked to draw."""

from __future__ import annotations

import json
import re

import networkx as nx

from graph.query import trace
from graph.view import (
    MAX_DRAWN,
    legend,
    neighbourhood_view,
    node_style,
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


def test_trace_view_is_layered_left_to_right(G) -> None:
    result = trace(G, "knee_pain")
    view = trace_view(G, result, chosen=0)
    pos = positions(G, view)
    assert pos["knee_pain"][0] == min(x for x, _ in pos.values())
    measures = {p.nodes[-1] for p in result.paths}
    causes = set(result.causes)
    assert min(pos[m][0] for m in measures) > max(pos[c][0] for c in causes if c not in measures)
    assert view.highlight_nodes == set(result.paths[0].nodes)


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
