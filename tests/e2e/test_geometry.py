"""The component's pure parts, checked on their own in a blank page (no server, no Streamlit, no
vis-network): the geometry (graph/app/component/geometry.js), the rules the drawing relies on and
the curves it shares with graph/drawing.py (so the page, the SVG and `hipknee draw` draw the same
lines); and Back and Forward (visits.js) as a student walks them."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import pytest

from graph.drawing import curve


@pytest.fixture
def geometry(browser: Any) -> Any:
    page = browser.new_page()
    page.set_content("<!doctype html><title>geometry</title>")
    for name in ("geometry.js", "visits.js"):
        page.add_script_tag(content=(files("graph.app.component") / name).read_text(encoding="utf-8"))
    yield page
    page.close()


@pytest.mark.parametrize("horizontal", [True, False])
def test_the_page_draws_the_same_curves_as_python(geometry: Any, horizontal: bool) -> None:
    for p, q in [((0.0, 0.0), (120.0, 40.0)), ((300.5, 80.0), (20.0, 400.0)), ((5.0, 5.0), (5.0, 90.0))]:
        page = geometry.evaluate(
            "([p, q, h]) => curvePoints({x: p[0], y: p[1]}, {x: q[0], y: q[1]}, h).map((c) => [c.x, c.y])",
            [p, q, horizontal],
        )
        python = curve(p, q, horizontal)
        assert len(page) == len(python)
        assert all(abs(a - c) < 1e-6 and abs(b - d) < 1e-6 for (a, b), (c, d) in zip(page, python, strict=True))


def test_a_label_takes_the_first_free_side_and_is_hidden_rather_than_shrunk(geometry: Any) -> None:
    place = "([node, placed, discs, sides]) => placeLabel(node, 80, 16, sides, placed, discs)"
    node = {"id": "a", "x": 100, "y": 100, "r": 14}
    right = geometry.evaluate(place, [node, [], [], ["right", "below", "above"]])
    assert right["x"] > node["x"] + node["r"] and right["w"] == 80 and right["h"] == 16  # beside, whole
    taken = [right]
    below = geometry.evaluate(place, [node, taken, [], ["right", "below", "above"]])
    assert below["y"] > node["y"] + node["r"]  # the right side is taken: under the marker
    # Another node's marker where the label would go counts as taken too.
    disc = [{"id": "b", "x": below["x"] + 40, "y": below["y"] + 8, "r": 10}]
    above = geometry.evaluate(place, [node, taken, disc, ["right", "below", "above"]])
    assert above["y"] + above["h"] < node["y"] - node["r"]
    # Its own marker does not block it; every side taken: no label (hidden, never drawn smaller).
    own = [{"id": "a", "x": 100, "y": 100, "r": 14}]
    assert geometry.evaluate(place, [node, [], own, ["right"]]) is not None
    assert geometry.evaluate(place, [node, [right, below, above], disc, ["right", "below", "above"]]) is None


def test_the_layout_is_the_one_that_shows_the_drawing_bigger(geometry: Any) -> None:
    choose = "([size, width, room]) => chooseLayout({size, nodes: [{nx: 0}]}, width, room)"
    wide, narrow = [900, 300], [250, 900]
    assert geometry.evaluate(choose, [{"wide": wide, "narrow": narrow}, 1200, 450]) == "wide"  # a laptop
    assert geometry.evaluate(choose, [{"wide": wide, "narrow": narrow}, 360, 1350]) == "narrow"  # a phone
    # A free-form view has no narrow drawing: always wide.
    assert geometry.evaluate("() => chooseLayout({nodes: [{}]}, 360, 1350)") == "wide"


WALK = """(steps) => steps.reduce((h, s) => (typeof s === "string" ? KGV.visit(h, s, s.toUpperCase())
  : KGV.move(h, s)), KGV.EMPTY)"""


def walk(page: Any, steps: list[str | int]) -> dict[str, Any]:
    h = page.evaluate(
        f"""(steps) => {{ const h = ({WALK})(steps); return {{ ids: h.list.map((v) => v.id), at: h.at,
        back: KGV.canBack(h), forward: KGV.canForward(h), crumbs: KGV.recent(h).map((v) => v.name) }}; }}""",
        steps,
    )
    h["current"] = h["ids"][h["at"]] if h["at"] >= 0 else None
    return h


def test_back_and_forward_walk_the_visits_and_stop_at_the_ends(geometry: Any) -> None:
    h = walk(geometry, ["a", "b", "c"])
    assert (h["current"], h["back"], h["forward"]) == ("c", True, False)
    assert walk(geometry, ["a", "b", "c", -1, -1])["current"] == "a"
    assert walk(geometry, ["a", "b", "c", -1, -1, -1])["current"] == "a"  # past the start: stays
    assert walk(geometry, ["a", "b", "c", -1, 1, 1]) == h  # past the end: stays
    assert walk(geometry, []) == {"ids": [], "at": -1, "back": False, "forward": False, "crumbs": [], "current": None}


def test_a_new_visit_after_going_back_drops_what_lay_ahead_and_a_repeat_is_one_visit(geometry: Any) -> None:
    h = walk(geometry, ["a", "b", "c", -2, "d", "d"])
    assert h["ids"] == ["a", "d"] and not h["forward"]


def test_the_crumbs_are_the_last_four_names_up_to_where_the_student_stands(geometry: Any) -> None:
    assert walk(geometry, ["a", "b", "c", "d", "e", "f", -1])["crumbs"] == ["B", "C", "D", "E"]


def test_only_the_last_fifty_visits_are_kept(geometry: Any) -> None:
    h = walk(geometry, [f"n{i}" for i in range(57)])
    assert len(h["ids"]) == 50 and h["ids"][0] == "n7" and h["current"] == "n56"


ANSWER = "([pending, id, picks]) => KGV.answer(pending, id, picks)"


def test_the_servers_answer_is_followed_only_when_the_page_is_not_ahead_of_it(geometry: Any) -> None:
    asked = geometry.evaluate(
        "() => KGV.requested(KGV.requested([], 'u1', 3), 'u2', 3)"
    )  # two steps back over nodes not drawn
    older = geometry.evaluate(ANSWER, [asked, "u1", 3])
    assert older == {"verdict": "drop", "pending": [{"id": "u2", "picks": 3}]}  # an older answer
    assert geometry.evaluate(ANSWER, [older["pending"], "u2", 3]) == {"verdict": "follow", "pending": []}
    # The student picked a node in the page after asking: the answer is dropped.
    assert geometry.evaluate(ANSWER, [[{"id": "u", "picks": 3}], "u", 4])["verdict"] == "drop"
    # Nobody asked (a search, the panel, a link): the server's own choice, older requests superseded.
    assert geometry.evaluate(ANSWER, [asked, "x", 3]) == {"verdict": "own", "pending": []}
