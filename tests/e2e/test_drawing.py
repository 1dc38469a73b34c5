"""Issue 18: the explorer draws the graph. Measured in Chromium from window.kgNetwork, kgEdges and kgLabels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.legibility import MEASURE_JS, wait_graph
from graph import load_graph
from graph.drawing import drawing
from graph.grouped import grouped_trace
from graph.view import trace_view

from .conftest import SCREENSHOTS, Server, block_requests

SCREENS = {"laptop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
VIEWS = {
    "landing": "/",
    "trace": "/?trace=knee_pain",
    "open": "/?trace=knee_pain&open=weak_gluteal_muscles",
    "connect": "/?from=leg_length_discrepancy&to=knee_pain",
}


def _open(browser: Any, server: Server, path: str, screen: str) -> Any:
    page = browser.new_context(viewport=SCREENS[screen], accept_downloads=True).new_page()
    page.goto(server.url + path)
    wait_graph(page)
    page.wait_for_function("() => Array.isArray(window.kgEdges) && Array.isArray(window.kgLabels)")
    return page


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_view_is_drawn_whole_with_arrows_and_readable_labels(
    browser: Any, server: Server, view: str, screen: str
) -> None:
    page = _open(browser, server, VIEWS[view], screen)
    m = page.evaluate(MEASURE_JS)
    wanted = page.evaluate("() => window.kgNetwork.body.data.edges.get().length")
    page.screenshot(path=str(SCREENSHOTS / f"drawing-{screen}-{view}.png"), full_page=True)
    page.context.close()
    # Whatever the scale, every edge of the view is an arrow and none runs through another node.
    assert m["edges"] == wanted and m["arrows"] == m["edges"], m
    assert m["inside"] == m["nodes"], m  # every node with its label inside the box
    assert m["smallest"] is not None and m["smallest"] >= 12, m
    assert m["overlaps"] == 0, m
    assert m["labelled"] >= 0.9 * m["nodes"], m
    assert m["cut"] <= 0.1 * m["nodes"], m
    assert m["small"] == 0, m
    assert m["through"] == 0, m
    if screen == "laptop":
        assert m["top"] + m["height"] <= SCREENS["laptop"]["height"], m  # on the first screen
    else:
        assert m["height"] <= 1.6 * SCREENS["phone"]["height"], m


def test_fit_brings_every_node_back_after_a_pan(browser: Any, server: Server) -> None:
    page = _open(browser, server, VIEWS["trace"], "laptop")
    before = page.evaluate(MEASURE_JS)
    page.evaluate("() => window.kgNetwork.moveTo({position: {x: 2500, y: -1800}, scale: 2})")
    page.wait_for_timeout(200)
    assert page.evaluate(MEASURE_JS)["inside"] == 0
    page.get_by_role("button", name="Fit").click()
    page.wait_for_timeout(300)
    after = page.evaluate(MEASURE_JS)
    page.context.close()
    assert after["inside"] == after["nodes"] == before["nodes"], after
    assert abs(after["scale"] - before["scale"]) < 0.02


def test_save_picture_downloads_a_png_and_an_svg(browser: Any, server: Server, tmp_path: Path) -> None:
    page = _open(browser, server, VIEWS["open"], "laptop")
    with page.expect_download() as got:
        page.get_by_role("button", name="Save picture (PNG)").click()
    png = tmp_path / got.value.suggested_filename
    got.value.save_as(png)
    with page.expect_download() as got:
        page.get_by_role("button", name="SVG").click()
    svg = tmp_path / got.value.suggested_filename
    got.value.save_as(svg)
    page.context.close()
    assert png.suffix == ".png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    text = svg.read_text(encoding="utf-8")
    assert svg.suffix == ".svg" and text.startswith("<svg") and "Weak gluteal muscles" in text


def test_the_cli_svg_shows_every_label_offline(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "trace.svg"
    cmd = [sys.executable, "-m", "graph", "draw", "--trace", "knee pain", "--open", "weak glutes", "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    G = load_graph()
    view = trace_view(G, grouped_trace(G, "knee_pain"), open_="weak_gluteal_muscles")
    lines = drawing(G, view).lines
    context = browser.new_context()
    requests: list[str] = []
    block_requests(context, lambda url: url.startswith("file://"), requests)
    page = context.new_page()
    page.goto(out.as_uri())
    shown = page.evaluate("() => [...document.querySelectorAll('tspan')].map((t) => t.textContent)")
    context.close()
    assert requests == []
    for n in view.nodes:
        assert all(line in shown for line in lines[n]), n
