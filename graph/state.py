"""What the explorer shows, and its round trip through the page URL (deep links).

Pure functions: parsing never raises on odd input; anything it cannot use is
dropped with a short notice for the user, and the default view is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

import networkx as nx

from .view import DEFAULT_SHOWN, MAX_DRAWN

__all__ = ["MODES", "ExplorerState", "clean_text", "fit", "from_params", "to_params"]

Mode = Literal["explore", "trace", "connect"]
MODES: tuple[Mode, ...] = ("explore", "trace", "connect")
PARAMS = ("node", "trace", "from", "to", "path", "depth", "view", "types", "rel", "shown")
MAX_PARAM = 300


@dataclass(frozen=True)
class ExplorerState:
    """Everything a deep link restores."""

    mode: Mode = "explore"
    node: str | None = None
    trace: str | None = None
    source: str | None = None
    target: str | None = None
    path: int | None = None
    depth: int = 1
    whole: bool = True
    types: tuple[str, ...] | None = None
    relations: tuple[str, ...] | None = None
    shown: int = DEFAULT_SHOWN

    def with_(self, **changes: object) -> ExplorerState:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def clean_text(value: object, limit: int = 80) -> str:
    """User-supplied text made safe to quote in a notice: printable, one line, short."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "�" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if not isinstance(value, str):
        return None
    return value[:MAX_PARAM]


def _int(raw: str, low: int, high: int) -> int | None:
    if not re.fullmatch(r"\d{1,6}", raw.strip()):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def from_params(G: nx.MultiDiGraph, params: Mapping[str, object]) -> tuple[ExplorerState, list[str]]:
    """The state a URL asks for, and notices about what was ignored (never raises).

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> state, notes = from_params(G, {"node": "knee_pain", "depth": "2", "view": "around"})
    >>> state.node, state.depth, state.whole, notes
    ('knee_pain', 2, False, [])
    >>> from_params(G, {"node": "<script>"})[1]
    ["The link names no node '<script>'; showing the whole graph."]
    """
    notes: list[str] = []
    state = ExplorerState()
    schema = G.graph["schema"]

    def node_param(name: str, kind: str | None = None) -> str | None:
        raw = _first(params.get(name))
        if raw is None:
            return None
        if raw not in G:
            notes.append(f"The link names no node '{clean_text(raw)}'; showing the whole graph.")
            return None
        if kind and G.nodes[raw]["type"] != kind:
            notes.append(f"'{clean_text(raw)}' is not a {kind}, so it cannot be traced.")
            return None
        return raw

    def list_param(name: str, known: Mapping[str, object], what: str) -> tuple[str, ...] | None:
        raw = _first(params.get(name))
        if raw is None:
            return None
        chosen = [p for p in raw.split(",") if p]
        good = tuple(p for p in chosen if p in known)
        bad = [p for p in chosen if p not in known]
        if bad:
            notes.append(f"Ignored unknown {what} in the link: {clean_text(', '.join(bad))}.")
        return good or None

    unknown = [k for k in params if k not in PARAMS]
    if unknown:
        notes.append(f"Ignored unknown link parameter(s): {clean_text(', '.join(map(str, unknown)))}.")

    node = node_param("node")
    if node:
        state = state.with_(node=node)
    trace = node_param("trace", "symptom")
    source, target = node_param("from"), node_param("to")
    if trace:
        state = state.with_(mode="trace", trace=trace)
    elif source and target and source != target:
        state = state.with_(mode="connect", source=source, target=target)
    elif source or target:
        notes.append("A connection needs two different nodes ('from' and 'to').")

    raw = _first(params.get("path"))
    if raw is not None:
        index = _int(raw, 1, 10_000)
        if index is None or state.mode == "explore":
            notes.append(f"Ignored path '{clean_text(raw)}' (a path number goes with a trace or a connection).")
        else:
            state = state.with_(path=index - 1)
    raw = _first(params.get("depth"))
    if raw is not None:
        depth = _int(raw, 1, 3)
        if depth is None:
            notes.append(f"Depth must be 1, 2 or 3, not '{clean_text(raw)}'.")
        else:
            state = state.with_(depth=depth)
    raw = _first(params.get("view"))
    if raw is not None:
        if raw in ("whole", "around"):
            if raw == "around" and not state.node:
                notes.append("'view=around' needs a selected node; showing the whole graph.")
            else:
                state = state.with_(whole=raw == "whole")
        else:
            notes.append(f"Ignored view '{clean_text(raw)}' (expected whole or around).")
    raw = _first(params.get("shown"))
    if raw is not None:
        shown = _int(raw, 1, MAX_DRAWN)
        if shown is None:
            notes.append(f"Ignored shown '{clean_text(raw)}' (expected 1 to {MAX_DRAWN}).")
        else:
            state = state.with_(shown=shown)
    types = list_param("types", schema.node_types, "node type(s)")
    relations = list_param("rel", schema.edge_types, "relation(s)")
    state = state.with_(types=types, relations=relations)
    return state, notes


def to_params(state: ExplorerState) -> dict[str, str]:
    """The URL parameters for ``state``; defaults are left out so links stay short.

    >>> to_params(ExplorerState(node="knee_pain", depth=2, whole=False))
    {'node': 'knee_pain', 'depth': '2', 'view': 'around'}
    """
    out: dict[str, str] = {}
    if state.node:
        out["node"] = state.node
    if state.mode == "trace" and state.trace:
        out["trace"] = state.trace
    if state.mode == "connect" and state.source and state.target:
        out["from"], out["to"] = state.source, state.target
    if state.path is not None and state.mode != "explore":
        out["path"] = str(state.path + 1)
    if state.depth != 1:
        out["depth"] = str(state.depth)
    if not state.whole:
        out["view"] = "around"
    if state.types:
        out["types"] = ",".join(state.types)
    if state.relations:
        out["rel"] = ",".join(state.relations)
    if state.shown != DEFAULT_SHOWN:
        out["shown"] = str(state.shown)
    return out


def fit(G: nx.MultiDiGraph, state: ExplorerState) -> ExplorerState:
    """``state`` with whatever no longer exists in ``G`` dropped (e.g. after the data changed)."""
    schema = G.graph["schema"]

    def node(n: str | None, kind: str | None = None) -> str | None:
        return n if n is not None and n in G and (kind is None or G.nodes[n]["type"] == kind) else None

    types = tuple(t for t in state.types or () if t in schema.node_types) or None
    relations = tuple(r for r in state.relations or () if r in schema.edge_types) or None
    return state.with_(
        node=node(state.node),
        trace=node(state.trace, "symptom"),
        source=node(state.source),
        target=node(state.target),
        types=types,
        relations=relations,
    )
