"""Every place text from data or users reaches the page shows it as text.

The app is driven with a dataset whose labels, descriptions, aliases and section
names are HTML, Markdown links and script, through every view; every element that
Streamlit would render as Markdown is checked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT, TEST_DATA

# A '<', a link or image opener, or a backtick that Markdown would act on.
ACTIVE = re.compile(r"(?<!\\)(<[a-zA-Z/!]|\]\(|`)")
MARKDOWN_ELEMENTS = ("markdown", "caption", "subheader", "header", "title", "info", "error", "success", "warning")
LABELLED = (
    "button",
    "pills",
    "radio",
    "toggle",
    "text_input",
    "number_input",
    "selectbox",
    "multiselect",
    "segmented_control",
    "slider",
)


def rendered_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    for name in MARKDOWN_ELEMENTS:
        for element in getattr(at, name):
            yield name, element.value
    for name in LABELLED:
        for widget in getattr(at, name):
            yield f"{name} label", widget.label
            if name in ("pills", "radio", "segmented_control"):
                for option in widget.options:
                    yield f"{name} option", option


def assert_inert(at: AppTest) -> int:
    assert not at.exception, at.exception
    checked = 0
    for where, text in rendered_texts(at):
        assert not ACTIVE.search(text), f"{where}: {text!r}"
        checked += 1
    return checked


@pytest.fixture
def hostile_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["app.py", "--data", str(TEST_DATA / "valid" / "hostile.yaml")])


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"node": "img"},
        {"node": "svg"},
        {"trace": "img", "path": "1", "node": "svg"},
        {"from": "svg", "to": "img"},
        {"node": "img", "view": "around", "depth": "2"},
        {"node": "<script>alert(1)</script>", "types": "<b>x</b>", "view": "](javascript:x)"},
    ],
)
def test_explorer_shows_hostile_text_literally(hostile_app, params: dict[str, str]) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert assert_inert(at) > 5
    at.text_input(key="w_search").input("<img src=x onerror=alert(1)>").run()
    assert_inert(at)
    at.toggle(key="w_text").set_value(True).run()
    assert_inert(at)


def study_on_hostile_data() -> None:
    import streamlit as st

    from graph import load_graph
    from graph.app.panels.study import study_page
    from tests.conftest import TEST_DATA

    st.session_state.setdefault("q_seed", 1)
    study_page(load_graph(TEST_DATA / "valid" / "hostile.yaml"))


def test_study_page_shows_hostile_text_literally() -> None:
    at = AppTest.from_function(study_on_hostile_data, default_timeout=60)
    at.run()
    assert_inert(at)
    at.selectbox(key="sheet_symptom").set_value("img").run()
    assert_inert(at)
    next(t for t in at.toggle if t.key.startswith("fc_flip_")).set_value(True).run()
    assert_inert(at)


def test_upload_errors_are_shown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.app import datasource

    class Upload:
        name = "<img src=x onerror=alert(1)>.yaml"

        def getvalue(self) -> bytes:
            return b"nodes: [{id: '<b>', type: '<script>'}]"

    def script() -> None:

        from graph import load_graph
        from graph.app import datasource
        from graph.app.panels.sidebar import dataset_ui

        dataset_ui(datasource.DataSource(load_graph(), "the article", False))

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    monkeypatch.setattr(datasource.st, "session_state", {"w_upload": [Upload()]})
    datasource.on_upload()
    errors = datasource.st.session_state["upload_errors"]
    assert errors and all("<img src=x onerror=alert(1)>.yaml" in e for e in errors)
    at.session_state["upload_errors"] = errors
    at.run()
    assert_inert(at)  # the list itself is in a code block, which never renders markup
    assert "<img src=x" in at.code[0].value
