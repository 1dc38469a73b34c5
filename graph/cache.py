"""One per-graph cache: values computed from a graph, remembered while the graph lives.

Every place that remembers something about a graph (name index, layouts, the
screens of the explorer, traces for study) goes through :func:`memo`, so there
is one policy: bounded (least recently used first out, per namespace),
thread-safe (Streamlit serves sessions from several threads), and keyed by the
graph's identity and version. A graph is never kept alive by its cache.

Graphs are treated as read-only once built. Code that changes a graph in place
calls :func:`touch` so nothing computed before the change is served after it.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

__all__ = ["clear", "memo", "touch", "version"]

T = TypeVar("T")
DEFAULT_SIZE = 128

_lock = threading.Lock()
_store: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, OrderedDict[Hashable, Any]]] = weakref.WeakKeyDictionary()


def version(G: nx.MultiDiGraph) -> tuple[int, int, int]:
    """What identifies the graph's current content: its version counter and its size."""
    return (int(G.graph.get("version", 0)), G.number_of_nodes(), G.number_of_edges())


def touch(G: nx.MultiDiGraph) -> None:
    """Mark ``G`` as changed: everything remembered for it is recomputed on next use."""
    with _lock:
        G.graph["version"] = int(G.graph.get("version", 0)) + 1
        _store.pop(G, None)


def clear() -> None:
    """Forget everything (tests and benchmarks use this to measure cold paths)."""
    with _lock:
        _store.clear()


def memo(G: nx.MultiDiGraph, namespace: str, key: Hashable, make: Callable[[], T], *, size: int = DEFAULT_SIZE) -> T:
    """``make()`` computed once per graph, namespace and key, then remembered.

    At most ``size`` values are kept per graph and namespace; the least recently
    used goes first. ``make`` runs outside the lock (two sessions asking at
    once may both compute; the first result is kept and returned to both).

    >>> G = nx.MultiDiGraph()
    >>> calls = []
    >>> memo(G, "demo", 1, lambda: calls.append(1) or "one"), memo(G, "demo", 1, lambda: "other")
    ('one', 'one')
    >>> len(calls)
    1
    """
    full = (version(G), key)
    with _lock:
        store = _store.setdefault(G, {}).setdefault(namespace, OrderedDict())
        if full in store:
            store.move_to_end(full)
            return store[full]  # type: ignore[no-any-return]
    value = make()
    with _lock:
        store = _store.setdefault(G, {}).setdefault(namespace, OrderedDict())
        if full in store:  # another thread got there first: serve one answer to both
            store.move_to_end(full)
            return store[full]  # type: ignore[no-any-return]
        store[full] = value
        while len(store) > size:
            store.popitem(last=False)
    return value
