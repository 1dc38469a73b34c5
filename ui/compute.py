"""What to draw for a state, computed once per graph and state and remembered."""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

from graph import NoPath
from graph.explain import Path
from graph.query import Trace, connect, trace
from graph.state import ExplorerState
from graph.view import View, connect_view, neighbourhood_view, payload, trace_view, whole_view

__all__ = ["Screen", "screen"]

T = TypeVar("T")
_MAX = 128
_lock = threading.Lock()
_memos: weakref.WeakKeyDictionary[nx.MultiDiGraph, OrderedDict[Any, Any]] = weakref.WeakKeyDictionary()


def memo(G: nx.MultiDiGraph, key: Any, make: Callable[[], T]) -> T:
    """``make()`` once per graph and key (least recently used entries are dropped)."""
    with _lock:
        store = _memos.setdefault(G, OrderedDict())
        if key in store:
            store.move_to_end(key)
            return store[key]  # type: ignore[no-any-return]
    value = make()
    with _lock:
        store[key] = value
        while len(store) > _MAX:
            store.popitem(last=False)
    return value


@dataclass(frozen=True)
class Screen:
    """What the main area shows for a state."""

    view: View
    payload: dict[str, Any]
    payload_json: bytes
    paths: tuple[Path, ...] = ()
    trace: Trace | None = None
    notice: str = ""


def _make(
    G: nx.MultiDiGraph, view: View, paths: tuple[Path, ...] = (), result: Trace | None = None, notice: str = ""
) -> Screen:
    data = payload(G, view)
    return Screen(view, data, json.dumps(data, separators=(",", ":")).encode(), paths, result, notice)


def _connect(G: nx.MultiDiGraph, a: str, b: str) -> tuple[Path, ...] | str:
    try:
        return tuple(connect(G, a, b, limit=5))
    except NoPath as exc:
        return str(exc)


def screen(G: nx.MultiDiGraph, state: ExplorerState) -> Screen:
    """The view, its drawing payload and any paths for ``state``.

    The selection only matters to a neighbourhood view, so for every other view
    it is left out of the key: clicking around reuses the same screen.
    """
    around = state.mode == "explore" and not state.whole and state.node is not None
    key = state if around else state.with_(node=None)
    return memo(G, ("screen", key), lambda: _screen(G, key))


def _screen(G: nx.MultiDiGraph, state: ExplorerState) -> Screen:
    types, rels = state.types, state.relations
    notice = ""
    if state.mode == "trace" and state.trace:
        result = memo(G, ("trace", state.trace), lambda: trace(G, state.trace))  # type: ignore[arg-type]
        view = trace_view(G, result, state.path)
        return _make(G, view, result.paths, result)
    if state.mode == "connect" and state.source and state.target:
        found = memo(G, ("connect", state.source, state.target), lambda: _connect(G, state.source, state.target))  # type: ignore[arg-type]
        if isinstance(found, tuple):
            view = connect_view(G, found, state.path)
            return _make(G, view, found)
        notice = found
    if state.node and not state.whole:
        view = neighbourhood_view(
            G, state.node, depth=state.depth, node_types=types, edge_types=rels, limit=state.shown
        )
    else:
        view = whole_view(G, node_types=types, edge_types=rels, limit=state.shown)
    return _make(G, view, notice=notice)
