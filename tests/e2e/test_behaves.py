"""Issue 12, "a page that behaves": the rest of the new-user list, each as a user would notice it."""

from __future__ import annotations

import re
from typing import Any

from benchmarks.legibility import wait_graph
from graph import grouped_trace, load_graph, load_uploaded
from graph.query import relations
from graph.text import capitalize
from graph.tracelines import trace_lines
from graph.view import trace_view

from ..conftest import TEST_DATA
from .conftest import SCREENSHOTS, Server, open_dataset_panel

LAPTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
BOX = "() => { const r = window.kgNetwork.body.container.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }"


def notices(page: Any) -> list[str]:
    return [t for t in page.locator("[data-testid='stText']").all_inner_texts() if t.startswith("Note: ")]


def heading(page: Any) -> str:
    return page.locator("h4").first.inner_text(timeout=10_000)


def test_a_second_upload_replaces_the_first_and_says_so(server: Server, page: Any) -> None:
    first, second = TEST_DATA / "valid" / "tiny.yaml", TEST_DATA / "valid" / "renamed_types.yaml"
    n_second = load_uploaded({second.name: second.read_bytes()}).number_of_nodes()
    page.goto(server.url)
    wait_graph(page)
    open_dataset_panel(page)
    dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    dropzone.set_input_files(str(first))
    page.get_by_text(f"Now exploring {first.name}").wait_for(timeout=15_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(second))
    page.get_by_text(f"Now exploring {second.name} ({n_second} nodes); it replaced {first.name}.").wait_for(
        timeout=15_000
    )
    page.wait_for_function(f"() => window.kgNetwork.body.nodeIndices.length === {n_second}", timeout=15_000)
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert f"Exploring {second.name}: {n_second} nodes" in sidebar
    assert "duplicate" not in sidebar.lower() and "problem" not in sidebar.lower()
    assert page.get_by_text(first.name, exact=True).count() == 0  # one dataset, not a pile
    assert page.get_by_text(second.name, exact=True).count() == 1


def test_path_numbers_get_correct_words(server: Server, page: Any) -> None:
    G = load_graph()
    n = len(trace_lines(G, grouped_trace(G, "knee_pain")))
    page.goto(f"{server.url}/?trace=knee_pain&path=0")
    wait_graph(page)
    assert any("path=0" in t and "numbered from 1" in t for t in notices(page)), notices(page)
    page.goto(f"{server.url}/?trace=knee_pain&path={n + 5}")
    wait_graph(page)
    expected = f"Note: The trace from knee pain has {n} lines, so there is no line {n + 5}."
    assert expected in notices(page), notices(page)
    assert heading(page) == "Trace from knee pain"


def test_study_score_is_in_words(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/study")
    page.get_by_text("to go").first.wait_for(timeout=30_000)
    text = page.locator("[data-testid='stMain']").inner_text()
    assert re.search(r"Score: no answers yet · \d+ questions to go", text), text[:400]
    assert "(s)" not in text and " / " not in text


def test_the_page_fits_a_laptop_screen(server: Server, page: Any) -> None:
    page.set_viewport_size(LAPTOP)
    for path in ("/", "/?trace=knee_pain", "/?node=knee_pain"):
        page.goto(server.url + path)
        wait_graph(page)
        page.wait_for_timeout(500)
        box = page.evaluate(BOX)
        fit = page.get_by_role("button", name="Fit").bounding_box()
        legend = page.evaluate(
            "() => window.kgNetwork.body.container.parentElement.querySelector('.kg-legend').getBoundingClientRect().bottom"
        )
        assert fit is not None and fit["y"] >= 0 and box["top"] > 0, (path, fit, box)
        assert box["bottom"] <= LAPTOP["height"] and legend <= LAPTOP["height"], (path, box, legend)


def _tap_and_see_details(browser: Any, url: str, wanted: set[str] | None = None) -> None:
    """On a phone, tap a drawn node (one of ``wanted`` if given): its details heading ends up on screen."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(url)
    wait_graph(page)
    page.wait_for_timeout(800)
    target = page.evaluate(
        """(wanted) => { const n = window.kgNetwork; const r = n.body.container.getBoundingClientRect();
        const l = (window.kgLabels || []).find((l) => { const p = n.canvasToDOM(n.getPosition(l.id));
          return (!wanted || wanted.includes(l.id)) && l.onScreen
            && p.y > 30 && p.y < r.height - 30 && p.x > 30 && p.x < r.width - 30
            && p.y + r.top > 30 && p.y + r.top < innerHeight - 30; });  // on the screen, where a finger can tap
        if (!l) return null;
        const p = n.canvasToDOM(n.getPosition(l.id));
        return {id: l.id, label: l.full, x: p.x + r.left, y: p.y + r.top}; }""",
        sorted(wanted) if wanted else None,
    )
    assert target is not None, "no wanted node is drawn on the phone's first screen"
    page.mouse.click(target["x"], target["y"])
    title = page.get_by_role("heading", level=3, name=target["label"].split(" (")[0], exact=True)
    title.wait_for(timeout=15_000)
    page.wait_for_timeout(800)
    box = title.bounding_box()
    page.screenshot(path=str(SCREENSHOTS / "phone-tap-details.png"))
    context.close()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


def test_a_tap_on_a_phone_brings_the_details_into_view(browser: Any, server: Server) -> None:
    _tap_and_see_details(browser, f"{server.url}/?full=1")


def test_a_tap_in_a_phone_trace_shows_the_details_not_the_words(browser: Any, server: Server) -> None:
    # Beside a trace the words are the first tab; tapping a node that does not unfold
    # (a mechanism, a care item) asks "what is this?", so its details must come into view.
    G = load_graph()
    t = grouped_trace(G, "knee_pain")
    cause = t.groups[0].causes[0].id
    view = trace_view(G, t, open_=cause)
    plain = set(view.nodes) - set(view.unfoldable) - set(view.faded) - {"knee_pain"}
    assert plain, "an unfolded cause shows how it reaches the knee"
    _tap_and_see_details(browser, f"{server.url}/?trace=knee_pain&open={cause}", plain)


def test_a_pill_row_wraps_so_every_related_node_shows(server: Server, page: Any) -> None:
    G = load_graph()
    node = max(G, key=lambda n: max((len(r.nodes) for r in relations(G, n)), default=0))
    widest = max(relations(G, node), key=lambda r: len(r.nodes))
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server.url}/?node={node}")
    wait_graph(page)
    page.get_by_role("heading", level=3).first.wait_for(timeout=15_000)
    for other in widest.nodes:
        name = capitalize(G.nodes[other]["label"])
        pill = page.get_by_role("radio", name=name, exact=True).first
        box = pill.bounding_box()
        group = pill.locator("xpath=ancestor::*[@data-testid='stButtonGroup'][1]").bounding_box()
        assert box is not None and group is not None and box["width"] > 0, name
        assert group["x"] <= box["x"] and box["x"] + box["width"] <= group["x"] + group["width"] + 1, name
        assert box["x"] + box["width"] <= LAPTOP["width"], name


def test_notices_name_nodes_by_label_not_id(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?trace=physical_therapy")
    wait_graph(page)
    shown = notices(page)
    assert any("'Physical therapy' is a treatment, not a symptom" in t for t in shown), shown
    assert not any("physical_therapy" in t for t in shown), shown


def test_a_repeated_parameter_takes_its_last_value(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?node=knee_pain&node=hip_pain")
    wait_graph(page)
    assert page.get_by_role("heading", level=3).first.inner_text(timeout=15_000) == "Hip pain"
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('node').join() === 'hip_pain'")


def test_escape_in_the_symptom_box_keeps_the_trace(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?trace=knee_pain")
    wait_graph(page)
    box = page.get_by_label("Symptom to trace")
    box.click()
    page.keyboard.type("hip")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1500)
    assert heading(page) == "Trace from knee pain"
    assert "trace=knee_pain" in page.url
    assert page.evaluate("() => window.kgNetwork.body.nodeIndices.includes('knee_pain')")
