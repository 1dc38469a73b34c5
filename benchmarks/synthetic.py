"""A synthetic dataset of any size, valid against the shipped schema.

The graph is made of topics of about ``topic_size`` nodes, each with the
article's mix of node types and edges drawn from what the schema allows inside
the topic; a small share of non-causal edges (anatomy, specialists) joins
topics. That is the shape of a course-wide graph: many articles' worth of
small causal stories, sharing body parts.

    python -m benchmarks.synthetic --nodes 100000 --edges 500000 -o big.yaml
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

from graph.atomic import atomic_writer
from graph.load import default_schema

__all__ = ["generate", "main"]

# Roughly the article's mix of node types.
MIX = {
    "symptom": 9,
    "cause": 18,
    "mechanism": 8,
    "diagnostic": 11,
    "treatment": 33,
    "prevention": 8,
    "specialist": 2,
    "activity": 4,
    "anatomy": 16,
}
CROSS_TOPIC = 0.02


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def generate(nodes: int, edges: int, *, seed: int = 1, topic_size: int = 100) -> Iterator[str]:
    """YAML lines of a valid dataset with ``nodes`` nodes and about ``edges`` edges."""
    rng = random.Random(seed)
    schema = default_schema()
    sections = [s.heading for s in schema.sections]
    types = list(MIX)
    weights = [MIX[t] for t in types]
    kinds: list[str] = []
    yield "nodes:"
    for i in range(nodes):
        kind = types[i % len(types)] if i < len(types) else rng.choices(types, weights)[0]
        kinds.append(kind)
        label = f"{kind} {i}"
        yield (
            f"  - {{id: n{i}, type: {kind}, label: {_quote(label)}, section: {_quote(rng.choice(sections))}, "
            f"description: {_quote('Synthetic ' + label + '.')}, aliases: [{_quote('alias ' + str(i))}]}}"
        )
    by_topic_type: dict[tuple[int, str], list[int]] = {}
    for i, kind in enumerate(kinds):
        by_topic_type.setdefault((i // topic_size, kind), []).append(i)
    topics = (nodes + topic_size - 1) // topic_size
    rules = [(name, sorted(et.source_types), sorted(et.target_types), et) for name, et in schema.edge_types.items()]
    seen: set[tuple[int, str, int]] = set()
    links: list[tuple[int, str, int]] = []
    attempts = 0
    while len(links) < edges and attempts < edges * 20:
        attempts += 1
        name, sources, targets, et = rng.choice(rules)
        topic = rng.randrange(topics)
        s_type = rng.choice(sources)
        t_type = s_type if et.same_type else rng.choice(targets)
        if t_type not in et.target_types:
            continue
        other = topic
        if et.role not in ("causal", "addressing") and rng.random() < CROSS_TOPIC:
            other = rng.randrange(topics)
        src, dst = by_topic_type.get((topic, s_type)), by_topic_type.get((other, t_type))
        if not src or not dst:
            continue
        u, v = rng.choice(src), rng.choice(dst)
        if u == v or (u, name, v) in seen:
            continue
        seen.add((u, name, v))
        links.append((u, name, v))
    yield "edges:"
    for start in range(0, len(links), 1000):
        yield f"  - section: {_quote(rng.choice(sections))}"
        yield "    links:"
        for u, name, v in links[start : start + 1000]:
            yield f"      - [n{u}, {name}, n{v}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000, help="number of nodes (default 5000)")
    parser.add_argument("--edges", type=int, help="number of edges (default 5 per node)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="YAML file to write")
    args = parser.parse_args(argv)
    edges = args.edges if args.edges is not None else args.nodes * 5
    with atomic_writer(args.output) as out:
        for line in generate(args.nodes, edges, seed=args.seed):
            out.write(line + "\n")
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
