"""Command line: ``python -m graph`` (or ``hipknee``). Parses arguments, calls the library, prints.

Library errors become one-line messages and an exit status; no traceback for a
user's mistake.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from . import export as exporting
from .atomic import write_atomic
from .build import load_graph, validate
from .errors import GraphDataError, GraphError, NodeNotFound, NoPath, OutputError, QueryError
from .explain import TracePath
from .grouped import CARE_KEYS, grouped_trace
from .load import read_dataset
from .lookup import resolve
from .query import connect, relations, stats, trace
from .schema import CARE_ROLES, schema_of
from .text import capitalize
from .tracetext import trace_text_lines
from .yamlsafe import DEFAULT_LIMITS, MIB, UPLOAD_LIMITS

__all__ = ["build_parser", "main"]

EXIT_NOT_FOUND = 1
EXIT_BAD_DATA = 2
PROGRESS_FROM = 5_000  # rows (nodes + edges) from which `push` shows its progress


def _graph(args: argparse.Namespace) -> nx.MultiDiGraph:
    return load_graph(args.data)


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return f"{G.nodes[node]['label']} ({G.nodes[node]['type']})"


def _print_paths(G: nx.MultiDiGraph, paths: Sequence[TracePath], out: Any) -> None:
    width = len(str(len(paths)))
    for i, p in enumerate(paths, 1):
        print(f"{i:>{width}}. {p.sentence}", file=out)
        print(f"{'':>{width}}  [{'; '.join(p.sections)}]", file=out)


def cmd_validate(args: argparse.Namespace) -> int:
    if args.max_size <= 0:
        raise GraphError(f"--max-size must be a positive number of MiB, not {args.max_size:g}")
    # Each file's size is checked before it is read: a too-big file is one line, not minutes of parsing.
    limits = dataclasses.replace(DEFAULT_LIMITS, max_bytes=int(args.max_size * MIB))
    dataset = read_dataset(args.path or args.data, limits=limits)
    problems = validate(dataset)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_BAD_DATA
    edge_types = {e.type for e in dataset.edges}
    print(
        f"ok: {len(dataset.nodes)} nodes, {len(dataset.edges)} edges "
        f"({len(edge_types)} relation types) in {len(dataset.files)} file(s)"
    )
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    G = _graph(args)
    schema = schema_of(G)
    symptom = resolve(G, args.symptom, node_types=schema.types_with_role("symptom"))
    kinds = {t for r in args.only for t in schema.types_with_role(r)} if args.only else None
    result = trace(G, symptom, node_types=kinds)
    grouped = grouped_trace(G, symptom)
    if args.json:
        data = grouped.to_dict(G)
        keep = {k for k, r in CARE_KEYS if not args.only or r in args.only}
        for care in [
            data["general"],
            *(g["care"] for g in data["groups"]),
            *(c["care"] for g in data["groups"] for c in g["causes"]),
        ]:
            for key in list(care):
                if key not in keep:
                    care[key] = []
        out = {
            "symptom": data["symptom"],
            "paths": [p.to_dict(G) for p in result.paths],
            "causes": data["groups"],
            "general": data["general"],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if args.paths:
        data = G.nodes[symptom]
        print(f"Trace from {capitalize(data['label'])} [{data['section']}]")
        print(f"{len(result.causes)} causes, {len(result.paths)} paths\n")
        _print_paths(G, result.paths, sys.stdout)
        return 0
    for line in trace_text_lines(G, grouped, care=args.only):
        print(line)
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    G = _graph(args)
    a, b = resolve(G, args.source), resolve(G, args.target)
    paths = connect(G, a, b, limit=args.limit, cutoff=args.cutoff)
    if args.json:
        out = {"source": a, "target": b, "paths": [p.to_dict(G) for p in paths]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"How {_name(G, a)} relates to {_name(G, b)}:\n")
    _print_paths(G, paths, sys.stdout)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    G = _graph(args)
    node = resolve(G, args.node)
    data = G.nodes[node]
    schema = schema_of(G)
    print(f"{capitalize(data['label'])}  ({schema.node_types[data['type']].label.lower()}; id: {node})")
    print(f"Section: {data['section']}")
    if data["aliases"]:
        print(f"Also called: {', '.join(data['aliases'])}")
    print(f"\n{data['description']}\n")
    for rel in relations(G, node):
        names = ", ".join(G.nodes[n]["label"] for n in rel.nodes)
        print(f"  {rel.phrase}: {names}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    G = _graph(args)
    s = stats(G)
    if args.json:
        json.dump(s, sys.stdout, indent=1)
        print()
        return 0
    print(f"{s['title']}: {s['nodes']} nodes, {s['edges']} edges")
    print(f"sections cited: {s['sections_cited']} of {s['sections_total']}")
    print("nodes by type:")
    for name, n in sorted(s["node_types"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {n:>5}")
    print("edges by type:")
    for name, n in sorted(s["edge_types"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {n:>5}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .lookup import find

    G = _graph(args)
    matches = find(G, args.text, limit=args.limit)
    if not matches:
        print(f"nothing matches {args.text!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    for m in matches:
        print(f"{m.score:5.1f}  {m.node:<36} {m.label} ({m.type})")
    return 0


STUDY_FORMATS = ("anki", "obsidian")  # binary study exports: an .apkg deck and a zipped vault


def _study_export(G: nx.MultiDiGraph, fmt: str) -> bytes:
    if fmt == "anki":
        from .anki import to_apkg

        return to_apkg(G)
    from .vault import to_vault_zip

    return to_vault_zip(G)


def _write(path: Path, data: bytes | str) -> None:
    """Write an export whole or not at all: a full disk leaves an older file as it was."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or type(exc).__name__}") from None


def _stdout(data: bytes | str) -> None:
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    sys.stdout.flush()  # a full disk behind a redirect is reported here, not lost at exit


def cmd_export(args: argparse.Namespace) -> int:
    G = _graph(args)
    data: bytes | str
    if args.format in STUDY_FORMATS:
        if not args.output and sys.stdout.isatty():
            print(f"{args.format} export is binary: give a file with -o", file=sys.stderr)
            return EXIT_NOT_FOUND
        data = _study_export(G, args.format)
    elif args.output and args.format == "csv" and args.output.suffix == ".zip":
        data = exporting.to_csv_zip(G)
    else:
        data = exporting.export(G, args.format)
    if not args.output:
        _stdout(data)
        return 0
    _write(args.output, data)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .push import push

    G = _graph(args)
    rows = G.number_of_nodes() + G.number_of_edges()
    shown = rows >= PROGRESS_FROM

    def progress(done: int, total: int) -> None:
        if shown:
            end = "\n" if done == total else ""
            print(f"\rpushing: {done:,} of {total:,} rows ({100 * done // max(total, 1)}%)", end=end, file=sys.stderr)

    result = push(G, args.url, batch_size=args.batch_size, progress=progress)
    print(f"pushed {result.nodes:,} nodes and {result.edges:,} edges to {result.target} (replacing what was there)")
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from .study import quiz

    G = _graph(args)
    questions = quiz(G, args.count, seed=args.seed, kinds=args.kind)
    if args.json:
        json.dump([q.to_dict() for q in questions], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for i, q in enumerate(questions, 1):
        print(f"{i}. {q.question}")
        for letter, option in zip("abcd", q.options, strict=False):
            print(f"   {letter}) {option}")
        if q.note:
            print(f"   ({q.note})")
        print(f"   Answer: {q.answer}. {q.explanation} [{'; '.join(q.sections)}]\n")
    return 0


def _draw_view(G: nx.MultiDiGraph, args: argparse.Namespace) -> Any:
    """The view `draw` pictures: a trace (optionally opened at a cause), a connection, or the overview."""
    from .tracelines import trace_scopes
    from .view import connect_view, overview_view, trace_view

    if args.trace:
        symptom = resolve(G, args.trace, node_types=schema_of(G).types_with_role("symptom"))
        t = grouped_trace(G, symptom)
        opened = None
        if args.open:
            opened = resolve(G, args.open)
            if opened not in trace_scopes(t):
                raise QueryError(
                    f"{G.nodes[opened]['label']} is not a cause in the trace from {G.nodes[symptom]['label']}"
                )
        return trace_view(G, t, open_=opened)
    if args.source or args.target:
        if not (args.source and args.target):
            raise QueryError("--from and --to go together")
        return connect_view(G, connect(G, resolve(G, args.source), resolve(G, args.target), limit=5))
    return overview_view(G)


def cmd_draw(args: argparse.Namespace) -> int:
    from .svg import svg

    G = _graph(args)
    text = svg(G, _draw_view(G, args), horizontal=not args.narrow)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    _write(args.output, text)  # whole or not at all, like every export
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from .app.launch import run  # Streamlit is imported only to serve the page

    return run(list(args.streamlit_args), args.data)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every command has help text."""
    parser = argparse.ArgumentParser(
        prog="python -m graph" if Path(sys.argv[0]).name == "__main__.py" else "hipknee",
        description="Query the hip–knee knowledge graph built from the article.",
    )
    data_help = "dataset: a YAML file or a directory (default: the article's, shipped with the package)"
    parser.add_argument("--data", type=Path, metavar="PATH", help=data_help)
    # --data may also follow the command; SUPPRESS keeps a command from resetting one given before it.
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=data_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "validate",
        parents=[data_option],
        help="check a dataset and list every problem",
        description="Check a dataset; exit 2 listing every problem as file:line: message.",
    )
    p.add_argument("path", nargs="?", type=Path, help="YAML file or directory (default: data/)")
    upload_mib = UPLOAD_LIMITS.max_bytes / MIB
    p.add_argument(
        "--max-size",
        type=float,
        default=upload_mib,
        metavar="MIB",
        help=f"largest file to read, in MiB (default {upload_mib:g}, as for an upload in the app)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "trace",
        parents=[data_option],
        help="trace a symptom to its causes and what addresses them",
        description="Trace a symptom back to its causes, grouped as in the article, and on to what finds, "
        "treats and prevents each; group-level care is labelled, surgery comes last with its condition.",
    )
    p.add_argument("symptom", help="symptom id, label or alias (typos are forgiven)")
    p.add_argument(
        "--only",
        action="append",
        choices=CARE_ROLES,
        help="keep only measures of this kind (repeatable)",
    )
    p.add_argument(
        "--paths", action="store_true", help="print every path as a numbered sentence instead of the grouped view"
    )
    p.add_argument("--json", action="store_true", help="print JSON: the paths and the causes grouped as in the article")
    p.set_defaults(func=cmd_trace)

    p = sub.add_parser(
        "path",
        parents=[data_option],
        help="show how two nodes are connected",
        description="Show the shortest connections between two nodes, in words.",
    )
    p.add_argument("source", help="first node: id, label or alias")
    p.add_argument("target", help="second node: id, label or alias")
    p.add_argument("--limit", type=int, default=3, help="how many paths (default 3)")
    p.add_argument("--cutoff", type=int, default=6, help="longest path in edges (default 6)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_path)

    p = sub.add_parser(
        "show",
        parents=[data_option],
        help="describe one node and its relations",
        description="Describe one node: type, section, description and relations.",
    )
    p.add_argument("node", help="node id, label or alias")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "search",
        parents=[data_option],
        help="find nodes by name, typo-tolerant",
        description="Find nodes whose id, label or alias resembles the text.",
    )
    p.add_argument("text", help="what to look for")
    p.add_argument("--limit", type=int, default=10, help="most results (default 10)")
    p.set_defaults(func=cmd_search)

    from .study import KINDS

    p = sub.add_parser(
        "quiz",
        parents=[data_option],
        help="print multiple-choice questions made from the graph",
        description="Print quiz questions; the same --seed gives the same quiz.",
    )
    p.add_argument("--count", type=int, default=10, help="how many questions (default 10)")
    p.add_argument("--seed", type=int, help="seed for a reproducible quiz")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind of question (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON: a list of questions")
    p.set_defaults(func=cmd_quiz)

    p = sub.add_parser(
        "app",
        parents=[data_option],
        help="start the explorer in the browser (options after 'app' go to Streamlit)",
        description="Start the explorer (a Streamlit app). Streamlit options may follow, e.g. --server.port 8600.",
    )
    p.set_defaults(func=cmd_app, streamlit_args=[])

    p = sub.add_parser(
        "draw",
        parents=[data_option],
        help="write a view as an SVG picture (the explorer's drawing, with title and legend)",
        description="Write a view as SVG: the overview by default, a trace (--trace, optionally --open a cause) "
        "or the connection of two nodes (--from, --to). The same layered drawing as the explorer.",
    )
    p.add_argument("--trace", metavar="SYMPTOM", help="trace this symptom (id, label or alias)")
    p.add_argument("--open", metavar="CAUSE", help="with --trace: open this cause or group")
    p.add_argument("--from", dest="source", metavar="NODE", help="connect this node ...")
    p.add_argument("--to", dest="target", metavar="NODE", help="... to this one")
    p.add_argument("--narrow", action="store_true", help="top to bottom (the phone's drawing) instead of left to right")
    p.add_argument("-o", "--output", type=Path, help="SVG file to write (default: standard output)")
    p.set_defaults(func=cmd_draw)

    p = sub.add_parser(
        "stats",
        parents=[data_option],
        help="count nodes and edges by type",
        description="Count nodes and edges by type.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "export",
        parents=[data_option],
        help="write the graph as GraphML, JSON, CSV, Cypher, an Anki deck or an Obsidian vault",
        description="Write the graph for other tools. CSV prints the node table, a blank line, then the edge table; with -o NAME.zip it writes both as files in a zip. anki writes an .apkg deck (one note per flashcard; re-importing updates the cards), obsidian a zip of linked Markdown notes.",
    )
    p.add_argument(
        "--format",
        choices=(*exporting.FORMATS, *STUDY_FORMATS),
        required=True,
        help="output format; anki writes an .apkg deck, obsidian a zipped vault of linked notes",
    )
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "push",
        parents=[data_option],
        help="load the graph into a running FalkorDB or Neo4j (replacing it there)",
        description="Load the graph into a running graph database with batched, parameterised queries: "
        "falkor://HOST:PORT/GRAPH (needs the falkordb extra) or neo4j://USER:PASSWORD@HOST:PORT[/DATABASE] "
        "or bolt://… (needs the neo4j extra). What was there is replaced, so pushing twice leaves one copy.",
    )
    p.add_argument("url", help="falkor://host:port/graph, neo4j://user:password@host:port or bolt://…")
    p.add_argument("--batch-size", type=int, default=1000, help="rows per statement, at most 1000 (default 1000)")
    p.set_defaults(func=cmd_push)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    # Only `app` takes options we do not know (Streamlit's, e.g. --server.port 8600).
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        if getattr(args, "func", None) is not cmd_app:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        args.streamlit_args = unknown
    try:
        return int(args.func(args))
    except GraphDataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_DATA
    except (NodeNotFound, NoPath, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_DATA
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_NOT_FOUND
    except KeyboardInterrupt:
        return 130
