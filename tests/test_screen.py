"""Structural guarantees behind cheap clicks (issue 5): the drawing does not depend on the selection."""

from __future__ import annotations

import json

from graph.deeplink import ExplorerState
from graph.screen import screen
from graph.view import MAX_DRAWN


def test_selection_alone_never_changes_the_drawing(G) -> None:
    base = ExplorerState()
    first = screen(G, base.with_(node="knee_pain"))
    for node in ("weak_gluteal_muscles", "hip_arthroscopy", None):
        again = screen(G, base.with_(node=node))
        assert again.payload_json is first.payload_json  # the very same bytes: nothing re-sent
    traced = ExplorerState(mode="trace", trace="knee_pain")
    assert screen(G, traced.with_(node="hip_fracture")).payload_json == screen(G, traced).payload_json


def test_a_neighbourhood_follows_its_centre(G) -> None:
    around = ExplorerState(whole=False)
    a = screen(G, around.with_(node="knee_pain"))
    b = screen(G, around.with_(node="hip_pain"))
    assert a.payload_json != b.payload_json


def test_payload_is_json_and_bounded(G) -> None:
    shown = screen(G, ExplorerState(shown=MAX_DRAWN))
    data = json.loads(shown.payload_json)
    assert data == shown.payload
    assert len(data["nodes"]) <= MAX_DRAWN
    assert len(shown.payload_json) < 50_000
