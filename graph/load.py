"""Files -> records: read a dataset's YAML files into node, edge and schema records.

This module knows the file layout and the shape of each node and edge record; the
schema and headings documents are read by :mod:`graph.schema`, the rules of
readable text live in :mod:`graph.textsafety`. It does not build a graph. Every shape problem is collected (not raised one at a time) so
that ``validate`` can report all of them at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GraphDataError, Problem
from .schema import Schema, parse_schema, parse_source
from .shapes import is_text, is_text_list, kind, short
from .textsafety import check_text
from .yamlsafe import DEFAULT_LIMITS, Limits, line_of, parse_yaml, size_problem

__all__ = [
    "DATA_DIR",
    "Dataset",
    "EdgeRecord",
    "NodeRecord",
    "display_name",
    "read_dataset",
    "read_documents",
]

SCHEMA_FILE = "schema.yaml"
SOURCE_FILE = "source.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def _shipped_data() -> Path:
    """The article's dataset: ``graph/data`` in an installed package (the wheel maps the
    checkout's ``data/`` there), ``data/`` beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if (installed / SCHEMA_FILE).is_file() else here.parent / "data"


DATA_DIR = _shipped_data()

NODE_FIELDS = ("id", "type", "label", "section", "description")
NODE_OPTIONAL = ("aliases", "number", "article")
# Grammar a label needs in a sentence: its number and the article it takes.
GRAMMAR = {"number": ("singular", "plural", "mass"), "article": ("a", "an", "the", "none")}
RECORD_KEYS = ("nodes", "edges")
SINGLE_FILE_KEYS = (*RECORD_KEYS, "schema", "source")


@dataclass(frozen=True)
class NodeRecord:
    """One node as written in a data file."""

    id: str
    type: str
    label: str
    section: str
    description: str
    aliases: tuple[str, ...]
    file: str
    line: int | None
    number: str | None = None  # singular, plural or mass: how a sentence agrees with the label
    article: str | None = None  # a, an, the or none: what goes before the label in a sentence


@dataclass(frozen=True)
class EdgeRecord:
    """One edge as written in a data file: ``source --type--> target``."""

    source: str
    type: str
    target: str
    section: str
    file: str
    line: int | None
    when: str | None = None  # the condition the article puts on this relation, in our words
    only_from: tuple[str, ...] = ()  # the link holds only in a chain that starts at (or inside) these nodes


@dataclass
class Dataset:
    """Everything read from a dataset, plus the problems met on the way."""

    schema: Schema
    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def display_name(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:
        return str(path)


def _read_file(path: Path, limits: Limits) -> tuple[str, Any]:
    name = display_name(path)
    try:
        too_large = size_problem(path.stat().st_size, limits)  # before a byte is read or parsed
        if too_large:
            raise GraphDataError([Problem(name, None, too_large)])
        data = path.read_bytes()
    except OSError as exc:
        raise GraphDataError([Problem(name, None, f"cannot read file: {exc.strerror or exc}")]) from None
    return name, parse_yaml(data, name, limits)


def read_documents(documents: Iterable[tuple[str, Any]], *, base: Schema | None = None) -> Dataset:
    """Records from already-parsed documents, each a ``(name, value)`` pair.

    A document may hold ``nodes`` and ``edges``; one named ``schema.yaml`` (or a
    ``schema`` key) replaces the schema, one named ``source.yaml`` (or a ``source``
    key) the article headings. Anything not given comes from ``base``, by default
    the shipped ``data/`` schema.
    """
    problems: list[Problem] = []
    record_docs: list[tuple[str, Mapping[str, Any]]] = []
    schema_doc: tuple[str, Any] | None = None
    source_doc: tuple[str, Any] | None = None
    names: list[str] = []
    for name, doc in documents:
        names.append(name)
        basename = Path(name).name
        if basename == SCHEMA_FILE:
            schema_doc = (name, doc)
            continue
        if basename == SOURCE_FILE:
            source_doc = (name, doc)
            continue
        if doc is None:
            problems.append(Problem(name, None, "the file is empty (expected a mapping with 'nodes' and/or 'edges')"))
            continue
        if not isinstance(doc, dict):
            problems.append(
                Problem(name, line_of(doc, 1), f"expected a mapping with 'nodes' and/or 'edges', got {kind(doc)}")
            )
            continue
        unknown = [k for k in doc if k not in SINGLE_FILE_KEYS]
        for key in unknown:
            problems.append(
                Problem(
                    name, line_of(doc, 1), f"unknown top-level key {key!r} (expected: {', '.join(SINGLE_FILE_KEYS)})"
                )
            )
        if "schema" in doc:
            schema_doc = (name, doc["schema"])
        if "source" in doc:
            source_doc = (name, doc["source"])
        if not any(k in doc for k in RECORD_KEYS) and not unknown and not {"schema", "source"} & doc.keys():
            problems.append(Problem(name, line_of(doc, 1), "no 'nodes' or 'edges' in this file"))
        record_docs.append((name, doc))

    if base is None and (schema_doc is None or source_doc is None):
        base = default_schema()
    node_types, edge_types = (
        parse_schema(*schema_doc, problems) if schema_doc else (dict(base.node_types), dict(base.edge_types))  # type: ignore[union-attr]
    )
    title, sections = parse_source(*source_doc, problems) if source_doc else (base.title, base.sections)  # type: ignore[union-attr]
    schema = Schema(node_types=node_types, edge_types=edge_types, sections=sections, title=title)

    dataset = Dataset(schema=schema, problems=problems, files=names)
    for name, doc in record_docs:
        _read_records(name, doc, dataset)
    return dataset


def _iter_paths(path: Path) -> Iterator[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
        if not files:
            raise GraphDataError([Problem(display_name(path), None, "no .yaml files in this directory")])
        yield from files
    elif path.exists():
        yield path
    else:
        raise GraphDataError([Problem(display_name(path), None, "no such file or directory")])


def read_dataset(path: str | os.PathLike[str] | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Dataset:
    """Read a dataset (a YAML file or a directory of them; default ``data/``).

    Files that cannot be parsed become problems in the returned dataset; the
    rest are still read, so every defect can be reported at once.
    """
    root = Path(path) if path is not None else DATA_DIR
    parsed: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    for file in _iter_paths(root):
        try:
            parsed.append(_read_file(file, limits))
        except GraphDataError as exc:
            problems.extend(exc.problems)
    dataset = read_documents(parsed)
    dataset.problems[:0] = problems
    return dataset


_DEFAULT_SCHEMA: Schema | None = None


def default_schema() -> Schema:
    """The schema and headings shipped in ``data/`` (read once)."""
    global _DEFAULT_SCHEMA
    if _DEFAULT_SCHEMA is None:
        problems: list[Problem] = []
        name, doc = _read_file(DATA_DIR / SCHEMA_FILE, DEFAULT_LIMITS)
        node_types, edge_types = parse_schema(name, doc, problems)
        name, doc = _read_file(DATA_DIR / SOURCE_FILE, DEFAULT_LIMITS)
        title, sections = parse_source(name, doc, problems)
        if problems:
            raise GraphDataError(problems)
        _DEFAULT_SCHEMA = Schema(node_types=node_types, edge_types=edge_types, sections=sections, title=title)
    return _DEFAULT_SCHEMA


def _read_records(name: str, doc: Mapping[str, Any], dataset: Dataset) -> None:
    problems = dataset.problems
    nodes = doc.get("nodes", [])
    if not isinstance(nodes, list):
        problems.append(Problem(name, line_of(nodes, line_of(doc)), f"'nodes' must be a list, got {kind(nodes)}"))
        nodes = []
    for raw in nodes:
        record = _node_record(name, raw, line_of(nodes), problems)
        if record is not None:
            dataset.nodes.append(record)
    groups = doc.get("edges", [])
    if not isinstance(groups, list):
        problems.append(Problem(name, line_of(groups, line_of(doc)), f"'edges' must be a list, got {kind(groups)}"))
        groups = []
    for group in groups:
        _edge_group(name, group, line_of(groups), dataset)


def _node_record(name: str, raw: Any, default_line: int | None, problems: list[Problem]) -> NodeRecord | None:
    line = line_of(raw, default_line)
    if not isinstance(raw, dict):
        problems.append(Problem(name, line, f"a node must be a mapping with {', '.join(NODE_FIELDS)}; got {kind(raw)}"))
        return None
    ok = True
    label = f"node {raw['id']!r}" if is_text(raw.get("id")) else "node"
    for key in NODE_FIELDS:
        if key not in raw:
            problems.append(Problem(name, line, f"{label} is missing {key!r}"))
            ok = False
        elif not is_text(raw[key]):
            problems.append(Problem(name, line, f"{label}: {key!r} must be non-empty text, got {kind(raw[key])}"))
            ok = False
    for key in raw:
        if key not in NODE_FIELDS and key not in NODE_OPTIONAL:
            problems.append(
                Problem(
                    name, line, f"{label}: unknown field {key!r} (expected: {', '.join(NODE_FIELDS + NODE_OPTIONAL)})"
                )
            )
            ok = False
    aliases = raw.get("aliases", [])
    if aliases is None:
        aliases = []
    if not is_text_list(aliases):
        problems.append(
            Problem(name, line, f"{label}: 'aliases' must be a list of text (quote values like yes or 123)")
        )
        ok = False
    for key, allowed in GRAMMAR.items():
        if key in raw and raw[key] not in allowed:
            problems.append(Problem(name, line, f"{label}: {key!r} must be one of {', '.join(allowed)}"))
            ok = False
    if not ok:
        return None
    where = (name, line)
    # id and type are identifiers, checked by the builder; these are the node's texts.
    text = {key: check_text(raw[key], f"{label}: {key}", where, problems) for key in ("label", "section")}
    description = check_text(raw["description"], f"{label}: description", where, problems, one_line=False)
    aliases = [check_text(a, f"{label}: alias {short(a)}", where, problems) for a in aliases]
    return NodeRecord(
        id=raw["id"].strip(),
        type=raw["type"].strip(),
        label=" ".join(text["label"].split()),
        section=text["section"].strip(),
        description=" ".join(description.split()),
        aliases=tuple(" ".join(a.split()) for a in aliases),
        file=name,
        line=line,
        number=raw.get("number"),
        article=raw.get("article"),
    )


def _edge_group(name: str, group: Any, default_line: int | None, dataset: Dataset) -> None:
    problems = dataset.problems
    line = line_of(group, default_line)
    shape = "an edge group is a mapping with 'section' and 'links' (a list of [source, relation, target])"
    if not isinstance(group, dict):
        problems.append(Problem(name, line, f"{shape}; got {kind(group)}"))
        return
    extra = [k for k in group if k not in ("section", "links")]
    if extra:
        problems.append(Problem(name, line, f"unknown field(s) {', '.join(map(repr, extra))} in edge group ({shape})"))
    section = group.get("section")
    if isinstance(section, str):
        section = check_text(section, "edge group: section", (name, line), problems)
    if not is_text(section):
        problems.append(
            Problem(
                name, line, f"edge group needs 'section': the article heading its links rest on, got {kind(section)}"
            )
        )
        return
    links = group.get("links")
    if not isinstance(links, list):
        problems.append(
            Problem(name, line, f"edge group {section!r} needs 'links': a list of [source, relation, target]")
        )
        return
    for link in links:
        link_line = line_of(link, line)
        if not (isinstance(link, list) and len(link) in (3, 4) and all(is_text(v) for v in link[:3])):
            problems.append(
                Problem(name, link_line, f"a link must be [source, relation, target] (three names), got {short(link)}")
            )
            continue
        when = _when(name, link, link_line, problems)
        if when is False:
            continue
        source, edge_type, target = (v.strip() for v in link[:3])
        only = tuple(link[3].get("only_from") or ()) if len(link) == 4 else ()
        dataset.edges.append(
            EdgeRecord(
                source=source,
                type=edge_type,
                target=target,
                section=section.strip(),
                file=name,
                line=link_line,
                when=when,
                only_from=only,
            )
        )


MAX_WHEN = 300


def _extra_shape_ok(extra: Any) -> bool:
    """A link's fourth item: a mapping with ``when`` (one line of text) and/or ``only_from`` (a list of ids)."""
    if not isinstance(extra, dict) or not extra or set(extra) - {"when", "only_from"}:
        return False
    if "when" in extra and not is_text(extra["when"]):
        return False
    only = extra.get("only_from", [])
    return isinstance(only, list) and all(is_text(v) for v in only)


def _when(name: str, link: list[Any], line: int | None, problems: list[Problem]) -> str | bool | None:
    """The condition of ``[source, relation, target, {when: ...}]``: None without one, False when malformed."""
    if len(link) == 3:
        return None
    extra = link[3]
    shape = "the fourth item of a link must be {when: condition} (one line of text) and/or {only_from: [ids]}"
    if not _extra_shape_ok(extra):
        problems.append(Problem(name, line_of(extra, line), f"{shape}, got {short(extra)}"))
        return False
    if "when" not in extra:
        return None
    when = " ".join(extra["when"].split())
    if "\n" in extra["when"].strip() or len(when) > MAX_WHEN:
        problems.append(Problem(name, line_of(extra, line), f"{shape} of at most {MAX_WHEN} characters"))
        return False
    return when
