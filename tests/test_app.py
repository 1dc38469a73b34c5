"""The app's logic, driven without a browser (Streamlit's AppTest)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph import load_graph
from graph.text import capitalize
from graph.tracelines import lines_of

from .conftest import ROOT, TEST_DATA

APP = str(ROOT / "app.py")
UNESCAPED = re.compile(r"(?<!\\)[<\[]")  # a '<' or '[' that Markdown would act on


def start(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def heading(at: AppTest) -> str:
    return unescape(next(m.value for m in at.markdown if m.value.startswith("#### "))[5:])


def selected(at: AppTest) -> str | None:
    """The selected node's name: the details heading, or (a node the graph draws, whose card the page
    shows itself) the node the address bar names."""
    if at.subheader:
        return at.subheader[0].value
    node = at.query_params.get("node")
    node = node[0] if isinstance(node, list) else node
    G = load_graph()
    return capitalize(G.nodes[node]["label"]) if node in G else None


@pytest.fixture
def data_arg(monkeypatch: pytest.MonkeyPatch) -> Iterator[callable]:
    def use(path: Path) -> None:
        monkeypatch.setattr(sys, "argv", ["app.py", "--data", str(path)])

    yield use


OVERVIEW = "Overview: symptoms, causes and care"


def notices(at: AppTest) -> list[str]:
    return [t.value for t in at.text if t.value.startswith("Note: ")]


def test_default_view_is_the_overview_and_the_whole_graph_is_one_click_away() -> None:
    at = start()
    assert heading(at) == OVERVIEW
    assert selected(at) is None
    assert dict(at.query_params) == {}
    at.button(key="w_full_on").click().run()
    assert heading(at) == "Whole graph"
    assert at.query_params["full"] == "1"
    at.button(key="w_full_off").click().run()
    assert heading(at) == OVERVIEW


def test_deep_link_selects_a_node_and_shows_its_relations() -> None:
    at = start(node="weak_gluteal_muscles")
    assert selected(at) == "Weak gluteal muscles"
    related = {label: p.options for p in at.pills for label in [unescape(p.label)]}
    assert related["Can be treated by"] == ["Gluteal strengthening", "Strengthening exercises"]
    assert "Compensatory movements" in related["Leads to"]  # with the misalignment and stress all three cause
    assert any("Article section: **Muscle Imbalances**" in c.value for c in at.caption)


def test_clicking_a_related_node_moves_there() -> None:
    at = start(node="weak_gluteal_muscles")
    treated = next(p for p in at.pills if unescape(p.label) == "Can be treated by")
    treated.set_value("gluteal_strengthening").run()
    assert selected(at) == "Gluteal strengthening"
    assert at.query_params["node"] == "gluteal_strengthening"


def test_a_pick_the_page_answered_is_read_from_the_address() -> None:
    # The page shows a drawn node's card itself and writes only node= into the address (no rerun);
    # the server takes it on its next run, into the selection, the view unchanged.
    at = start(node="knee_pain")
    view = heading(at)
    at.query_params["node"] = "weak_gluteal_muscles"
    at.run()
    assert selected(at) == "Weak gluteal muscles" and heading(at) == view
    # From the browser, so untrusted: a node that does not exist is ignored, and the page says so.
    at.query_params["node"] = "no_such_node"
    at.run()
    assert not at.exception and selected(at) is None
    assert any("no_such_node" in e.value for e in [*at.text, *at.warning, *at.info, *at.caption, *at.markdown])


def test_search_is_typo_tolerant_and_jumps_to_the_node() -> None:
    at = start()
    at.text_input(key="w_search").input("kne pain").run()
    at.button(key="hit_knee_pain").click().run()
    assert selected(at) == "Knee pain"
    at.text_input(key="w_search").input("qqqqzzzz").run()
    assert any("Nothing matches" in c.value for c in at.caption)


def _knee_lines() -> tuple:
    from graph import load_graph
    from graph.grouped import grouped_trace
    from graph.tracelines import trace_lines

    G = load_graph()
    t = grouped_trace(G, "knee_pain")
    return G, t, trace_lines(G, t)


def test_trace_deep_link_lists_lines_and_picking_one_updates_the_link() -> None:
    _G, t, lines = _knee_lines()
    at = start(trace="knee_pain")
    assert heading(at) == "Trace from knee pain"
    radio = at.radio(key="w_path")
    assert len(lines) <= 100 and len(radio.options) == len(lines) + 1  # "highlight none" and every line, no pages
    assert not at.number_input
    assert [unescape(o).split(" — ")[0] for o in radio.options[1:]] == [
        f"{i + 1}. {ln.sentence}" for i, ln in enumerate(lines)
    ]
    radio.set_value(4).run()
    # The line's cause (or group) unfolds and leads the words; the link numbers the line as they do.
    assert at.query_params["trace"] == "knee_pain"
    assert at.query_params["open"] == lines[4].scope
    n = int(at.query_params["path"])
    assert at.radio(key="w_path").value == n - 1
    chosen = next(o for o in at.radio(key="w_path").options if o.startswith(f"{n}. "))
    assert unescape(chosen).split(" — ")[0] == f"{n}. {lines[4].sentence}"
    at.radio(key="w_path").set_value(-1).run()
    at.selectbox(key="w_cause").set_value("").run()
    # The grouped words beside the graph name every cause group, in the article's order.
    words = unescape("\n".join(m.value for m in at.markdown))
    places = [words.find(capitalize(g.label)) for g in t.groups]
    assert -1 not in places and places == sorted(places)


def test_deep_link_to_a_later_line_opens_its_cause_and_lists_it() -> None:
    _G, t, lines = _knee_lines()
    n = max(i for i, ln in enumerate(lines) if ln.kind == "how") + 1
    at = start(trace="knee_pain", path=str(n))
    assert at.selectbox(key="w_cause").value == lines[n - 1].scope  # filtered to the cause the line is about
    options = at.radio(key="w_path").options
    listed = lines_of(t, lines, lines[n - 1].scope)
    assert len(options) == len(listed) + 1
    assert any(f"· {len(listed)} lines" in unescape(m.value) for m in at.markdown)
    # The chosen line keeps its words under its new number, and the link says that number.
    k = at.radio(key="w_path").value
    assert unescape(options[k + 1]).split(" — ")[0] == f"{k + 1}. {lines[n - 1].sentence}"
    assert at.query_params["path"] == str(k + 1)
    # One numbering, 1..N; every listed line is about this cause, its group or the symptom in general.
    by_words = {ln.sentence: ln for ln in lines}
    numbers = [int(o.split(".")[0]) for o in options[1:]]
    assert numbers == list(range(1, len(listed) + 1))
    for o in options[1:]:
        words = unescape(o).split(" — ")[0].split(". ", 1)[1]
        assert by_words[words].scope in (None, lines[n - 1].scope, *(g.id for g in t.groups))


def test_trace_button_on_a_symptom_the_graph_does_not_draw() -> None:
    # A drawn node's actions are on its card in the page (browser test); one the view does not draw
    # gets its card, actions included, beside the graph.
    at = start(node="difficulty_squatting")
    assert selected(at) == "Difficulty squatting"
    at.pills(key="act_difficulty_squatting").set_value("trace").run()
    assert heading(at) == "Trace from difficulty squatting"
    assert at.query_params["trace"] == "difficulty_squatting"


def test_connect_two_nodes_from_the_sidebar() -> None:
    at = start()
    at.segmented_control(key="w_mode").set_value("connect").run()
    at.selectbox(key="w_from").set_value("tight_hip_flexors").run()
    at.selectbox(key="w_to").set_value("knee_pain").run()
    assert heading(at) == "How tight hip flexors relates to knee pain"
    assert at.query_params["from"] == "tight_hip_flexors"
    assert any("Tight hip flexors" in o for o in at.radio(key="w_path").options)


def test_filters_and_neighbourhood() -> None:
    at = start(node="knee_pain")
    at.toggle(key="w_whole").set_value(False).run()
    assert heading(at) == "Around knee pain (depth 1)"
    at.slider(key="w_depth").set_value(2).run()
    assert heading(at) == "Around knee pain (depth 2)"
    at.multiselect(key="w_types").set_value(["symptom", "cause"]).run()
    assert at.query_params["types"] == "symptom,cause"
    assert at.query_params["view"] == "around"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"node": "<img src=x onerror=alert(1)>"}, "The link names no node"),
        ({"trace": "physical_therapy"}, "not a symptom"),
        ({"depth": "999"}, "Depth must be 1, 2 or 3"),
        ({"path": "'; DROP TABLE"}, "Ignored path"),
        ({"node": "x" * 5000}, "The link names no node"),
    ],
)
def test_odd_links_get_a_friendly_notice_and_the_default_view(params: dict[str, str], notice: str) -> None:
    at = start(**params)
    assert heading(at) == OVERVIEW
    shown = notices(at)
    assert any(notice in n for n in shown), shown
    assert all(len(n) < 400 for n in shown)
    assert not any(notice in i.value for i in at.info)  # plain text (st.text), never Markdown


def test_broken_dataset_shows_a_readable_error_page(data_arg, tmp_path: Path) -> None:
    bad = tmp_path / "teacher.yaml"
    bad.write_text("nodes:\n  - {id: a, type: symptom, label: A, section: Hip Pain}\n", encoding="utf-8")
    data_arg(bad)
    at = start()
    assert "problem" in at.error[0].value
    assert "teacher.yaml:2: node 'a' is missing 'description'" in at.code[0].value
    # The teacher fixes the file; the next run recovers without a restart.
    bad.write_text(
        "nodes:\n  - {id: a, type: symptom, label: A, section: Hip Pain, description: Fixed.}\n", encoding="utf-8"
    )
    at.run()
    assert not at.error and heading(at) == "Whole graph"  # a one-node dataset is its own overview


def test_hostile_labels_are_escaped_everywhere_they_are_shown(data_arg) -> None:
    data_arg(TEST_DATA / "valid" / "hostile.yaml")
    at = start(node="img")
    assert at.query_params["node"] == "img"  # selected (its card is drawn by the page, as text)
    for element in [*at.markdown, *at.caption, *at.subheader, *at.info]:
        text = re.sub(r"^:\w+-badge\[(.*)\]$", r"\1", element.value)
        assert not UNESCAPED.search(text), element.value
