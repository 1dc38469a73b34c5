"""One per-graph cache: bounded, thread-safe, keyed by the graph's identity and version."""

from __future__ import annotations

import gc
import threading
import weakref

import networkx as nx

from graph.cache import memo, touch


def test_a_value_is_made_once_per_graph_and_key() -> None:
    G, H = nx.MultiDiGraph(), nx.MultiDiGraph()
    made: list[str] = []
    for graph, name in ((G, "g"), (G, "g"), (H, "h")):
        memo(graph, "t", "k", lambda name=name: made.append(name) or name)
    assert made == ["g", "h"]
    assert memo(G, "t", "k", lambda: "other") == "g" and memo(H, "t", "k", lambda: "other") == "h"


def test_least_recently_used_values_go_first() -> None:
    G = nx.MultiDiGraph()
    for i in range(3):
        memo(G, "t", i, lambda i=i: i, size=2)
    memo(G, "t", 1, lambda: "kept")  # 1 was used last of the two kept, so it stays
    assert memo(G, "t", 0, lambda: "again") == "again"
    assert memo(G, "t", 1, lambda: "lost") == 1


def test_a_changed_graph_is_computed_afresh() -> None:
    G = nx.MultiDiGraph()
    assert memo(G, "t", "k", lambda: 0) == 0
    G.add_node("a")  # a different size never serves the old value
    assert memo(G, "t", "k", lambda: 1) == 1
    touch(G)  # nor does an explicit change mark
    assert memo(G, "t", "k", lambda: 2) == 2


def test_the_cache_does_not_keep_a_graph_alive() -> None:
    G = nx.MultiDiGraph()
    memo(G, "t", "k", lambda: [1] * 1000)
    ref = weakref.ref(G)
    del G
    gc.collect()
    assert ref() is None


def test_many_threads_get_one_answer() -> None:
    G = nx.MultiDiGraph()
    results: list[object] = []
    start = threading.Barrier(8)

    def ask(i: int) -> None:
        start.wait()
        for k in range(200):
            results.append(memo(G, "t", k % 50, lambda k=k: object(), size=20))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 1600
    assert memo(G, "t", 49, lambda: "new") is not None
