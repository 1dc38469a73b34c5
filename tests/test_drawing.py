"""The layered drawing (graph/drawing.py) and its SVG (graph/svg.py), checked geometrically in Python."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph import load_graph
from graph.drawing import crossings, drawing, overlaps, wrap
from graph.grouped import grouped_trace
from graph.payload import payload
from graph.query import connect
from graph.svg import svg
from graph.tracelines import trace_scopes
from graph.view import View, connect_view, overview_view, trace_view

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def _views(G: nx.MultiDiGraph) -> list[View]:
    """The overview, each trace closed and opened at every cause, and a connection."""
    out = [overview_view(G), connect_view(G, connect(G, "leg_length_discrepancy", "knee_pain", limit=5))]
    for symptom in ("knee_pain", "hip_pain"):
        t = grouped_trace(G, symptom)
        out.append(trace_view(G, t))
        out += [trace_view(G, t, open_=c) for c in trace_scopes(t)]
    return out


def test_causes_run_towards_the_symptom_in_both_orientations(G) -> None:
    schema = G.graph["schema"]
    for symptom in ("knee_pain", "hip_pain"):
        t = grouped_trace(G, symptom)
        for view in [trace_view(G, t)] + [trace_view(G, t, open_=c) for c in trace_scopes(t)]:
            d = drawing(G, view)
            for u, v, k in view.edges:
                if schema.edge_types[k].role == "causal":
                    assert d.wide.pos[u][0] < d.wide.pos[v][0], (view.title, u, v)  # left to right
                    assert d.narrow.pos[u][1] < d.narrow.pos[v][1], (view.title, u, v)  # top to bottom


def test_no_edge_passes_through_a_node_and_no_boxes_overlap(G) -> None:
    for view in _views(G):
        d = drawing(G, view)
        for horizontal in (True, False):
            assert crossings(d, view, horizontal) == [], (view.title, horizontal)
            assert overlaps(d, view, horizontal) == 0, (view.title, horizontal)
            placed = d.wide if horizontal else d.narrow
            assert set(placed.paths) == set(range(len(view.edges)))  # every edge has its line


def test_labels_wrap_on_two_lines_and_few_are_cut(G) -> None:
    assert wrap("knee pain") == ("knee pain",)
    two = wrap("Hip joint degeneration or damage")
    assert len(two) == 2 and " ".join(two) == "Hip joint degeneration or damage"
    assert len(wrap("word " * 40)) == 2 and wrap("word " * 40)[-1].endswith("…")
    lines = {n: ln for view in _views(G) for n, ln in drawing(G, view).lines.items()}
    assert all(1 <= len(ln) <= 2 for ln in lines.values())
    cut = [ln for ln in lines.values() if ln[-1].endswith("…")]
    assert len(cut) <= 0.1 * len(lines), cut


def test_the_phone_drawing_fits_a_phone_at_full_size(G) -> None:
    """The narrow drawing is at most a phone's graph box wide (358 px) and 1.6 screens tall."""
    for view in _views(G):
        w, h = drawing(G, view).narrow.size
        assert w <= 358 and h <= 1.6 * 844, (view.title, w, h)


def test_payload_carries_both_orientations_and_a_box(G) -> None:
    t = grouped_trace(G, "knee_pain")
    view = trace_view(G, t, open_="weak_gluteal_muscles")
    data = payload(G, view)
    assert all({"x", "y", "nx", "ny", "lines"} <= set(n) for n in data["nodes"])
    assert all(len(e["path"]) >= 2 and len(e["npath"]) >= 2 for e in data["edges"])
    assert data["box"]["width"] >= data["size"]["wide"][0]
    drawn = {(r["color"], str(r["dashes"])) for e in data["edges"] for r in [data["relations"][e["type"]]]}
    assert {(i["color"], str(i["dashes"])) for i in data["edgeLegend"]} == drawn  # only the styles drawn, all of them


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_has_every_label_as_text_a_title_and_a_legend(G) -> None:
    t = grouped_trace(G, "knee_pain")
    view = trace_view(G, t, open_="weak_gluteal_muscles")
    d = drawing(G, view)
    root = ET.fromstring(svg(G, view, d))
    spans = [s.text for s in root.iter(f"{SVG}tspan")]
    for n in view.nodes:
        assert all(line in spans for line in d.lines[n]), n
    assert root.find(f"{SVG}title").text == view.title
    texts = _texts(root)
    assert view.title in texts and "Cause" in texts and "Mechanism" in texts
    assert len(root.findall(f".//{SVG}path[@marker-end]")) == len(view.edges)  # every edge an arrow


def test_svg_escapes_hostile_labels() -> None:
    G = load_graph(ROOT / "tests" / "data" / "valid" / "hostile.yaml")
    text = svg(G, trace_view(G, grouped_trace(G, "img")))
    root = ET.fromstring(text)  # well-formed: nothing from the data became markup
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "img", "foreignObject")]
    assert not [e for e in root.iter(f"{SVG}svg")][1:]  # no nested <svg> from a label
    assert any("<img src=x onerror=alert(1)>" in s for s in _texts(root))


def test_cli_draw_writes_the_svg_whole_and_names_unknown_nodes_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "trace.svg"
    cmd = [sys.executable, "-m", "graph", "draw", "--trace", "knee pain", "--open", "weak glutes", "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.find(f"{SVG}title").text.startswith("Trace from knee pain: weak gluteal muscles")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind
    bad = subprocess.run(
        [sys.executable, "-m", "graph", "draw", "--trace", "knee pain", "--open", "qwxzv", "-o", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("args", [["--from", "leg length discrepancy", "--to", "knee pain"], []])
def test_cli_draws_a_connection_and_the_overview(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "graph", "draw", *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert ET.fromstring(done.stdout).tag == f"{SVG}svg"


DRAW_IN_A_NEW_PROCESS = """
import json
from graph import grouped_trace, load_graph
from graph.drawing import drawing
from graph.view import overview_view, trace_view
G = load_graph()
views = [overview_view(G), trace_view(G, grouped_trace(G, "knee_pain"), None, "weak_gluteal_muscles")]
print(json.dumps([sorted(drawing(G, v).wide.pos.items()) for v in views]))
"""


def test_a_view_is_drawn_alike_in_every_process() -> None:
    """The page, Save picture and `hipknee draw` run in different processes: one view, one picture."""
    seen = set()
    for seed in ("0", "1", "4"):
        done = subprocess.run(
            [sys.executable, "-c", DRAW_IN_A_NEW_PROCESS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        seen.add(done.stdout)
    assert len(seen) == 1


def test_the_landing_fits_a_laptops_first_screen_at_full_size(G) -> None:
    """The box under the page's header on a 1280x720 laptop is about 450 px tall: the overview fits it
    at scale 1 (so its fixed-size labels stay beside their markers), a node with no arrow included."""
    view = overview_view(G)
    d = drawing(G, view)
    assert d.wide.size[1] <= 460
    alone = [n for n in view.nodes if not any(n in e[:2] for e in view.edges)]
    for n in alone:  # among the nodes of its own column, not in a part of its own below the rest
        mates = [m for m in view.nodes if view.levels[m] == view.levels[n] and m != n]
        assert mates and d.wide.pos[n][0] == d.wide.pos[mates[0]][0]
