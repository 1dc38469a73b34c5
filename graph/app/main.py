"""The page: the Explore and Study pages, a page for broken data, and a last line of defence."""

from __future__ import annotations

import logging
import os

import streamlit as st

from graph import GraphDataError

from . import datasource, session
from .panels.explorer import explorer
from .panels.sidebar import sidebar
from .panels.study import study_page

__all__ = ["run_app"]

log = logging.getLogger("hipknee")


def broken_data_page(exc: GraphDataError) -> None:
    st.title("Hip–Knee Explorer")
    count = len(exc.problems)
    st.error(
        f"The dataset has {count} problem{'s' if count != 1 else ''}. "
        "Fix the file(s) and save; this page picks up the change."
    )
    st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
    st.button("Reload")


def notice_box(text: str) -> None:
    """A notice as plain text: nothing from a link becomes Markdown, a link or HTML."""
    st.container(border=True).text(f"Note: {text}")


def explore() -> None:
    source = datasource.current_graph()
    G = source.graph
    for notice in [*session.init(G), *session.adopt_url(G)]:
        notice_box(notice)
    state = session.get()
    session.sync_widgets(G, state)
    sidebar(G, source, state)
    explorer(G, "hip-knee" if not source.uploaded else "dataset")


def study() -> None:
    G = datasource.current_graph().graph
    session.init(G)
    study_page(G)
    if st.session_state.pop("go_explore", False):
        st.switch_page(pages()[0])


def ping() -> None:
    """A bare button and a count: the yardstick for one Streamlit round trip (``benchmarks.run --clicks``)."""
    n = int(st.session_state.get("ping", 0)) + int(st.button("Ping"))
    st.session_state["ping"] = n
    st.text(f"Pong {n}")


def pages() -> list[st.Page]:
    """The app's pages, made anew on each run (they belong to the run that draws them)."""
    found = [
        st.Page(explore, title="Explore", icon=":material/hub:", default=True),
        st.Page(study, title="Study", icon=":material/school:", url_path="study"),
    ]
    if os.environ.get("HIPKNEE_BENCH") == "1":  # only when the benchmark starts the server
        found.append(st.Page(ping, title="Ping", url_path="ping"))
    return found


# Streamlit leaves 6rem above the page for its header; the header is 3.75rem, so the graph and its
# controls fit a 1280×720 laptop screen with a little less. Static text, never data.
# Pill rows (the details' related nodes) wrap instead of scrolling sideways out of sight.
PAGE_CSS = (
    "<style>[data-testid='stMainBlockContainer'] { padding-top: 3.5rem; }"
    " .st-key-kg_view_title h4 { padding: 0.25rem 0 0; }"
    " [data-testid='stButtonGroup'] [role='radiogroup'] { flex-wrap: wrap; overflow: visible; }</style>"
)


def _run() -> None:
    st.set_page_config(
        page_title="Hip–Knee Explorer",
        page_icon="🦵",
        layout="wide",
        initial_sidebar_state="collapsed",  # search, mode and picker are in the main area; the drawing gets the width
    )
    st.html(PAGE_CSS)
    try:
        datasource.current_graph()
    except GraphDataError as exc:
        broken_data_page(exc)
        return
    st.navigation(pages(), position="top").run()


def run_app() -> None:
    """Draw the page for one script run; never shows a traceback."""
    try:
        _run()
    except Exception:  # the last line of defence: a message, never a traceback
        log.exception("unexpected error")
        st.error(
            "Something went wrong while drawing this page. "
            "Try the default view: remove everything after '?' in the address."
        )
