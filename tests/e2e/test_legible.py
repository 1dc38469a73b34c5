"""Issue 12: a drawing a student can read and a page that behaves, checked as a user would notice."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.legibility import MEASURE_JS, wait_graph
from graph import load_graph
from graph.grouped import grouped_trace
from graph.tracelines import lines_of, trace_lines

from .conftest import SCREENSHOTS, Server

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}


def _open(browser: Any, server: Server, path: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server.url + path)
    wait_graph(page)
    return page


@pytest.mark.parametrize("screen", ["laptop", "phone"])
@pytest.mark.parametrize("path", ["/", "/?trace=knee_pain"])
def test_every_drawn_label_is_readable_and_none_overlap(browser: Any, server: Server, screen: str, path: str) -> None:
    page = _open(browser, server, path, LAPTOP if screen == "laptop" else PHONE)
    m = page.evaluate(MEASURE_JS)
    page.screenshot(path=str(SCREENSHOTS / f"legible-{screen}-{'trace' if 'trace' in path else 'landing'}.png"))
    page.context.close()
    assert m["smallest"] is not None and m["smallest"] >= 12, m
    assert m["overlaps"] == 0, m
    assert m["small"] == 0, m  # every node a finger can hit (24 px)
    assert m["labelled"] >= 0.9 * m["nodes"], m
    assert m["nodes"] <= 30, m  # an overview, not the whole graph


def test_typing_in_search_never_moves_the_graph_and_the_wheel_scrolls_the_page(server: Server, page: Any) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(server.url)
    wait_graph(page)
    before = page.evaluate("() => [window.kgNetwork.getScale(), window.kgNetwork.getViewPosition()]")
    box = page.locator(".kg-graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 100)
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.kgNetwork.getScale()") == before[0]  # no zoom
    page.get_by_placeholder("e.g. glutes").click()
    page.keyboard.type("glutes")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    page.wait_for_timeout(400)
    after = page.evaluate("() => [window.kgNetwork.getScale(), window.kgNetwork.getViewPosition()]")
    assert after == before


def test_fit_button_brings_the_view_back(server: Server, page: Any) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(server.url)
    wait_graph(page)
    start = page.evaluate("() => window.kgNetwork.getScale()")
    page.evaluate("() => window.kgNetwork.moveTo({scale: 0.3, position: {x: 3000, y: 3000}})")
    page.get_by_role("button", name="Fit").click()
    assert abs(page.evaluate("() => window.kgNetwork.getScale()") - start) < 0.01


def test_a_link_in_a_notice_is_inert_text(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?node=[click](http://evil.example)")
    wait_graph(page)
    page.get_by_text("The link names no node").wait_for(timeout=10_000)
    assert page.locator("a[href*='evil.example']").count() == 0


def test_an_alias_in_a_link_is_accepted(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?node=weak%20glutes")
    wait_graph(page)
    page.get_by_role("heading", name="Weak gluteal muscles").wait_for(timeout=10_000)
    assert page.get_by_text("names no node").count() == 0


def test_double_click_keeps_the_trace(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?trace=knee_pain")
    wait_graph(page)
    p = page.evaluate(
        """() => { const n = window.kgNetwork; const q = n.canvasToDOM(n.getPosition('knee_pain'));
        const r = n.body.container.getBoundingClientRect(); return {x: q.x + r.left, y: q.y + r.top}; }"""
    )
    page.mouse.dblclick(p["x"], p["y"])
    page.wait_for_timeout(1500)
    assert "trace=knee_pain" in page.url
    assert page.locator("h4").first.inner_text().startswith("Trace from knee pain")


def test_clicking_a_cause_unfolds_it_and_the_words_follow(server: Server, page: Any) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server.url}/?trace=knee_pain")
    wait_graph(page)
    p = page.evaluate(
        """() => { const n = window.kgNetwork; const q = n.canvasToDOM(n.getPosition('alignment_issues'));
        const r = n.body.container.getBoundingClientRect(); return {x: q.x + r.left, y: q.y + r.top}; }"""
    )
    page.mouse.click(p["x"], p["y"])
    page.wait_for_function("() => location.search.includes('open=alignment_issues')", timeout=15_000)
    page.get_by_text("Trace from knee pain: alignment issues").wait_for(timeout=15_000)
    wait_graph(page)
    # The graph draws exactly the care the words list for this cause, group care on the group.
    G = load_graph()
    t = grouped_trace(G, "knee_pain")
    lines = trace_lines(G, t)
    listed = lines_of(t, lines, "alignment_issues")
    drawn = set(page.evaluate("() => window.kgNetwork.body.nodeIndices"))
    group = next(g for g in t.groups if g.id == "alignment_issues")
    for item in (*group.care.find, *group.care.treat, *group.care.prevent):
        assert item.id in drawn
        edge = page.evaluate(
            "([a, b]) => Object.values(window.kgNetwork.body.edges).some(e => e.fromId === a && e.toId === b)",
            ["alignment_issues", item.id],
        )
        assert edge, item.id
    shown = [i for i in listed if lines[i].level != "general"]  # general care stays folded until chosen
    care = {n for i in shown for n in lines[i].nodes} - drawn
    assert not care, care  # nothing listed for the cause or its group is missing from the drawing
    # The words beside the graph are filtered to this group and count its lines in words.
    assert page.get_by_role("combobox", name="Show the causes").input_value().startswith("Alignment issues")
    page.get_by_text(f"{len(listed)} lines", exact=False).first.wait_for(timeout=10_000)
    assert page.get_by_text("path(s)").count() == 0 and page.get_by_text("line(s)").count() == 0


def test_browser_back_returns_to_the_previous_view(server: Server, page: Any) -> None:
    page.goto(server.url)
    wait_graph(page)
    page.goto(f"{server.url}/?trace=knee_pain")
    wait_graph(page)
    page.get_by_role("button", name="Show the whole graph").count()  # the trace shows no such button
    page.go_back()
    page.wait_for_timeout(2000)
    assert page.locator("h4").first.inner_text(timeout=10_000).startswith("Overview")
