"""Which graph the session explores: the shipped article, ``--data PATH``, or an upload."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import streamlit as st

from graph import GraphDataError, load_graph, load_uploaded
from graph.load import DATA_DIR
from graph.yamlsafe import UPLOAD_LIMITS, size_problem

__all__ = ["DataSource", "current_graph", "forget_upload", "on_upload"]


@dataclass(frozen=True)
class DataSource:
    """The graph in use and where it came from."""

    graph: nx.MultiDiGraph
    name: str
    uploaded: bool


def _data_arg() -> Path:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", type=Path)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.data or DATA_DIR


def _fingerprint(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times: a changed file means a fresh load."""
    found = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    out = []
    for f in found:
        try:
            info = f.stat()
        except OSError:
            continue
        out.append((str(f), info.st_size, info.st_mtime_ns))
    return tuple(out)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, fingerprint: tuple[tuple[str, int, int], ...]) -> nx.MultiDiGraph:
    return load_graph(path)


def current_graph() -> DataSource:
    """The session's graph; raises GraphDataError when the data on disk is broken."""
    uploaded = st.session_state.get("uploaded_graph")
    if uploaded is not None:
        return DataSource(uploaded[1], uploaded[0], True)
    path = _data_arg()
    G = _load(os.fspath(path), _fingerprint(path))
    return DataSource(G, "the article" if path == DATA_DIR else path.name, False)


def on_upload() -> None:
    """Load the uploaded files as this session's graph; on errors keep the current one."""
    picked = st.session_state.get("w_upload")
    st.session_state.pop("upload_errors", None)
    st.session_state.pop("upload_note", None)
    if picked is None:
        return
    files = picked if isinstance(picked, list) else [picked]
    contents = {f.name: f.getvalue() for f in files}
    # Our limit, to the byte (Streamlit's own is set above it): one line, before any parsing.
    too_large = [
        f"{name}: {problem}" for name, data in contents.items() if (problem := size_problem(len(data), UPLOAD_LIMITS))
    ]
    if too_large:
        st.session_state["upload_errors"] = too_large
        return
    try:
        G = load_uploaded(contents, limits=UPLOAD_LIMITS)
    except GraphDataError as exc:
        st.session_state["upload_errors"] = [str(p) for p in exc.problems]
        return
    name = ", ".join(sorted(contents))
    before = st.session_state.get("uploaded_graph")
    previous = before[0] if before is not None else "the article"
    # One dataset at a time: the new file replaces the one before, nothing is merged.
    st.session_state["upload_note"] = f"Now exploring {name} ({G.number_of_nodes()} nodes); it replaced {previous}."
    st.session_state["uploaded_graph"] = (name, G)
    _new_dataset()


def forget_upload() -> None:
    """Go back to the shipped (or ``--data``) graph."""
    st.session_state.pop("uploaded_graph", None)
    st.session_state.pop("upload_errors", None)
    st.session_state.pop("upload_note", None)
    _new_dataset()


def _new_dataset() -> None:
    """Another dataset from the next run on: the view is read afresh, the page lets its visits go."""
    st.session_state["reset_view"] = True
    st.session_state["dataset_seq"] = dataset_seq() + 1


def dataset_seq() -> int:
    """How many times this session changed its dataset (the page keeps its visits per dataset)."""
    return int(st.session_state.get("dataset_seq", 0))
