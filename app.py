"""Hip–Knee Explorer: click through how hip alignment causes knee pain, then study it.

A thin Streamlit layer: it reads widgets and the URL, calls ``graph`` and lays
out the panels in ``ui``. Run: ``streamlit run app.py [-- --data PATH]``.
"""

from __future__ import annotations

import logging

import streamlit as st

from graph import GraphDataError
from ui import data
from ui import state as session
from ui.explorer import explorer
from ui.sidebar import sidebar
from ui.study import study_page
from ui.text import md

log = logging.getLogger("hipknee")


def broken_data_page(exc: GraphDataError) -> None:
    st.title("Hip–Knee Explorer")
    st.error(
        f"The dataset has {len(exc.problems)} problem(s). Fix the file(s) and save; this page picks up the change."
    )
    st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
    st.button("Reload")


def explore() -> None:
    source = data.current_graph()
    G = source.graph
    for notice in session.init(G):
        st.info(md(notice))
    state = session.get()
    session.sync_widgets(G, state)
    sidebar(G, source, state)
    explorer(G, "hip-knee" if not source.uploaded else "dataset")


def study() -> None:
    G = data.current_graph().graph
    session.init(G)
    study_page(G)
    if st.session_state.pop("go_explore", False):
        st.switch_page(PAGES[0])


PAGES = [
    st.Page(explore, title="Explore", icon=":material/hub:", default=True),
    st.Page(study, title="Study", icon=":material/school:", url_path="study"),
]


def main() -> None:
    st.set_page_config(page_title="Hip–Knee Explorer", page_icon="🦵", layout="wide")
    try:
        data.current_graph()
    except GraphDataError as exc:
        broken_data_page(exc)
        return
    st.navigation(PAGES, position="top").run()


try:
    main()
except Exception:  # the last line of defence: a message, never a traceback
    log.exception("unexpected error")
    st.error(
        "Something went wrong while drawing this page. Try the default view: remove everything after '?' in the address."
    )
