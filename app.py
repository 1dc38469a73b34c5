"""Hip–Knee Explorer (placeholder until the explorer lands): shows what the graph holds."""

from __future__ import annotations

import streamlit as st

from graph import GraphDataError, load_graph
from graph.query import stats


def main() -> None:
    st.set_page_config(page_title="Hip–Knee Explorer", layout="wide")
    st.title("Hip–Knee Explorer")
    try:
        G = load_graph()
    except GraphDataError as exc:
        st.error("The dataset has problems:")
        st.code(str(exc), language=None)
        return
    s = stats(G)
    st.write(f"{s['nodes']} nodes and {s['edges']} edges from the article *{s['title']}*.")


main()
