"""The explorer in a real browser, offline: painted, clickable, deep-linkable, inert to hostile data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph import grouped_trace, load_graph
from graph.tracelines import display_order, trace_lines
from graph.view import overview_view

from ..conftest import ROOT, TEST_DATA
from .conftest import SCREENSHOTS, Server, node_point, open_dataset_panel, wait_for_graph

NODES = load_graph().number_of_nodes()  # the whole graph
OVERVIEW = len(overview_view(load_graph()).nodes)  # what the landing view draws


def painted_pixels(page: Any) -> int:
    """How many canvas pixels are not blank: proof the graph was drawn."""
    return page.evaluate(
        """() => {
            const c = window.kgNetwork.canvas.frame.canvas;
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
        }"""
    )


def details_heading(page: Any) -> str:
    """The details card's heading: the page's own card for a drawn node, else the panel's."""
    return page.locator(".kg-card:not([hidden]) h3, [data-testid='stHeading'] h3").first.inner_text(timeout=10_000)


def test_graph_is_painted_and_a_click_shows_details(server: Server, page: Any) -> None:
    page.goto(server.url)
    wait_for_graph(page)
    assert page.evaluate("() => window.kgNetwork.body.nodeIndices.length") == OVERVIEW  # the overview
    assert painted_pixels(page) > 5_000
    point = node_point(page, "knee_pain")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => location.search.includes('node=knee_pain')", timeout=10_000)
    page.get_by_role("heading", name="Knee pain").wait_for(timeout=10_000)
    assert details_heading(page) == "Knee pain"
    assert page.get_by_text("Article section:").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "explorer.png"))


def test_deep_link_restores_a_trace_with_a_highlighted_path(server: Server, page: Any) -> None:
    G = load_graph()
    lines = trace_lines(G, grouped_trace(G, "knee_pain"))
    t = grouped_trace(G, "knee_pain")
    shown = display_order(t, lines, "weak_gluteal_muscles")  # the cause's lines lead, numbered from 1
    n = next(k for k, i in enumerate(shown) if lines[i].kind == "how") + 1
    line = lines[shown[n - 1]]
    page.goto(f"{server.url}/?node=weak_gluteal_muscles&trace=knee_pain&open=weak_gluteal_muscles&path={n}")
    wait_for_graph(page)
    page.get_by_role("heading", name="Trace from knee pain: weak gluteal muscles").wait_for(timeout=10_000)
    chosen = page.locator("[data-testid='stRadioOption'][data-selected='true']")
    chosen.wait_for(timeout=10_000)
    assert chosen.count() == 1
    assert chosen.inner_text().startswith(f"{n}. {line.sentence}")
    selected = page.evaluate("() => window.kgNetwork.getSelectedNodes()")
    assert selected == ["weak_gluteal_muscles"]
    drawn = set(page.evaluate("() => window.kgNetwork.body.nodeIndices"))
    assert set(line.nodes) <= drawn  # the highlighted line is drawn
    assert details_heading(page) == "Weak gluteal muscles"  # its card, beside the words
    page.screenshot(path=str(SCREENSHOTS / "explorer-trace.png"))


def _data_digest() -> str:
    import hashlib

    h = hashlib.sha256()
    for f in sorted((ROOT / "data").iterdir()):
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


def test_bad_upload_is_listed_and_the_graph_stays(server: Server, page: Any, tmp_path: Path) -> None:
    before = _data_digest()
    page.goto(server.url)
    wait_for_graph(page)
    open_dataset_panel(page)
    bad = tmp_path / "broken.yaml"
    bad.write_text("nodes:\n  - {id: x, type: symptom}\n", encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    page.get_by_text("That dataset has 3 problems").wait_for(timeout=15_000)
    assert "broken.yaml:2: node 'x' is missing 'label'" in page.locator("[data-testid='stCode']").inner_text()
    assert page.evaluate("() => window.kgNetwork.body.nodeIndices.length") == OVERVIEW  # the overview stays
    # A fresh session uploads a good dataset: it replaces the graph for that session only.
    page.goto(server.url)
    wait_for_graph(page)
    open_dataset_panel(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(TEST_DATA / "valid" / "tiny.yaml"))
    page.wait_for_function("() => window.kgNetwork.body.nodeIndices.length === 8", timeout=15_000)
    assert page.get_by_text("Exploring tiny.yaml: 8 nodes").count() == 1
    assert _data_digest() == before, "an upload must never write into data/"


def test_html_in_data_executes_nothing(hostile_server: Server, page: Any) -> None:
    page.goto(f"{hostile_server.url}/?node=img")
    wait_for_graph(page)
    heading = "<img src=x onerror=alert(1)>"
    page.get_by_role("heading", name=heading).wait_for(timeout=10_000)
    assert details_heading(page) == heading
    assert page.get_by_text("<script>window.__pwned = 1</script>", exact=False).count() >= 1
    point = node_point(page, "svg")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(600)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("svg[onload]").count() == 0


def test_study_quiz_answer_then_open_the_path_in_the_explorer(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/study")
    page.get_by_role("heading", name="Study").wait_for(timeout=30_000)
    options = page.locator("[data-testid='stRadioOption']")
    options.first.wait_for(timeout=10_000)
    options.first.click()
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Open this in the explorer").click()
    wait_for_graph(page)
    heading = page.locator("h4").first.inner_text(timeout=10_000)
    assert heading.startswith(("How ", "Trace from ", "Whole graph"))
    page.screenshot(path=str(SCREENSHOTS / "study-jump.png"))


def test_offline_html_export_draws_with_no_network(browser: Any, tmp_path: Path, watch: Any) -> None:
    from graph import load_graph
    from graph.payload import payload, standalone_html
    from graph.view import whole_view

    G = load_graph()
    page_file = tmp_path / "view.html"
    page_file.write_text(standalone_html(payload(G, whole_view(G))), encoding="utf-8")
    context = browser.new_context(offline=True)
    offline = context.new_page()
    offline.on("pageerror", lambda e: watch.errors.append(str(e)))
    offline.goto(page_file.as_uri())
    offline.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.nodeIndices.length === " + str(NODES), timeout=30_000
    )
    assert offline.get_by_role("heading", name="Whole graph").count() == 1
    context.close()
    assert watch.errors == []
