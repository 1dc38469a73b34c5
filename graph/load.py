"""Files -> records: read a dataset's YAML files into node, edge and schema records.

This module knows the file layout and the shape of each record; it does not
build a graph. Every shape problem is collected (not raised one at a time) so
that ``validate`` can report all of them at once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GraphDataError, Problem
from .schema import ID_PATTERN, NODE_ROLES, ROLES, EdgeType, NodeType, Schema, Section
from .yamlsafe import DEFAULT_LIMITS, Limits, line_of, parse_yaml

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
        size = path.stat().st_size
        if size > limits.max_bytes:
            mib = limits.max_bytes / (1024 * 1024)
            raise GraphDataError(
                [Problem(name, None, f"file is too large ({size / 1048576:.1f} MiB; the limit is {mib:g} MiB)")]
            )
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
                Problem(name, line_of(doc, 1), f"expected a mapping with 'nodes' and/or 'edges', got {_kind(doc)}")
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
        _parse_schema(*schema_doc, problems) if schema_doc else (dict(base.node_types), dict(base.edge_types))  # type: ignore[union-attr]
    )
    title, sections = _parse_source(*source_doc, problems) if source_doc else (base.title, base.sections)  # type: ignore[union-attr]
    schema = Schema(node_types, edge_types, sections, title)

    dataset = Dataset(schema, problems=problems, files=names)
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
        node_types, edge_types = _parse_schema(name, doc, problems)
        name, doc = _read_file(DATA_DIR / SOURCE_FILE, DEFAULT_LIMITS)
        title, sections = _parse_source(name, doc, problems)
        if problems:
            raise GraphDataError(problems)
        _DEFAULT_SCHEMA = Schema(node_types, edge_types, sections, title)
    return _DEFAULT_SCHEMA


# --- readable text -------------------------------------------------------
#
# Everything the loader takes is text a person can read, the same in every tool:
# * no control characters (C0, DEL, C1): they retitle or clear a terminal and make
#   GraphML ill-formed; a description may hold line breaks and tabs (they are folded
#   into spaces on load);
# * one-line fields (ids, labels, aliases, sections, headings, the title, schema labels
#   and phrases) hold no line break of any kind (a `Setext\r===` section made a Markdown
#   heading), no bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069:
#   they reorder what a terminal shows) and no zero-width or other invisible format
#   character (U+200B-U+200F, U+2060, U+FEFF, soft hyphen, ...: Unicode category Cf),
#   so two names that look the same are the same text. (This rules out emoji joined by
#   U+200D and Persian U+200C inside names; descriptions may hold them.)
# * no surrogates or noncharacters (U+FFFE, U+FFFF, ...): not characters at all;
# * everything is normalised to NFC, so a name typed either way finds the same node.

MAX_ONE_LINE = 200  # headings and the title, like labels and aliases (build.MAX_LABEL)

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_NOT_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Unicode's format characters (category Cf, Unicode 14), written out so importing stays fast;
# a test checks the list against the running Python's unicodedata.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_NOT_ONE_LINE = re.compile(f"[\t{FORMAT_CHARACTERS}]")


def _text_problem(value: str, one_line: bool) -> str | None:
    """Why ``value`` is not readable text for its field, or None."""
    if one_line and (m := _LINE_BREAK.search(value)):
        return f"holds a line break (U+{ord(m.group()):04X}; expected one line)"
    if m := _NOT_TEXT.search(value):
        cp = ord(m.group())
        if 0xD800 <= cp <= 0xDFFF or cp >= 0xFDD0:
            return f"holds U+{cp:04X}, which is not a character"
        allowed = "" if one_line else "; a description may hold line breaks and tabs"
        return f"holds control character U+{cp:04X} (expected readable text{allowed})"
    if one_line and (m := _NOT_ONE_LINE.search(value)):
        cp = ord(m.group())
        if cp == 0x09:
            return "holds a tab (expected one line of text; use a space)"
        return f"holds invisible format character U+{cp:04X} (expected visible text: no bidi or zero-width controls)"
    return None


def _check_text(
    value: str,
    what: str,
    where: tuple[str, int | None],
    problems: list[Problem],
    *,
    one_line: bool = True,
    limit: int | None = None,
) -> str:
    """``value`` in NFC; a problem ``what holds ...`` is added when it is not readable text.

    The value is returned even then, so one defect is reported once (the dataset is
    refused because of the problem).
    """
    why = _text_problem(value, one_line)
    if why is not None:
        problems.append(Problem(*where, f"{what} {why}"))
    elif limit is not None and len(value) > limit:
        problems.append(Problem(*where, f"{what} is longer than {limit} characters"))
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


# --- shapes ---------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(_text(v) for v in value)


def _check_type_name(name: str, line: int | None, kind: str, type_name: object, problems: list[Problem]) -> bool:
    """Type names become Cypher labels, relationship types and CSV cells: identifiers, never free text.

    Returns whether the name is text at all (a refused name that is text is kept, so the
    nodes and edges using it are not reported twice).
    """
    if not isinstance(type_name, str) or not ID_PATTERN.fullmatch(type_name):
        problems.append(
            Problem(
                name,
                line,
                f"{kind} type name {_short(type_name)} must be lowercase snake_case like a node id"
                " (letters, digits, _; at most 80)",
            )
        )
    return isinstance(type_name, str)


def _parse_schema(name: str, doc: Any, problems: list[Problem]) -> tuple[dict[str, NodeType], dict[str, EdgeType]]:
    node_types: dict[str, NodeType] = {}
    edge_types: dict[str, EdgeType] = {}
    if not isinstance(doc, dict):
        problems.append(Problem(name, line_of(doc, 1), f"schema must be a mapping, got {_kind(doc)}"))
        return node_types, edge_types
    raw_nodes = doc.get("node_types")
    if not isinstance(raw_nodes, dict) or not raw_nodes:
        problems.append(Problem(name, line_of(doc, 1), "schema needs 'node_types': a mapping of type name to label"))
        raw_nodes = {}
    for type_name, spec in raw_nodes.items():
        if not _check_type_name(name, line_of(spec, line_of(raw_nodes)), "node", type_name, problems):
            continue
        if not isinstance(spec, dict) or not _text(spec.get("label")):
            problems.append(
                Problem(name, line_of(spec, line_of(raw_nodes)), f"node type {type_name!r} needs a 'label'")
            )
            continue
        # A type named after a role plays it unless told otherwise, so older datasets keep working.
        role = spec.get("role", type_name if type_name in NODE_ROLES else "context")
        if role not in NODE_ROLES:
            problems.append(
                Problem(
                    name,
                    line_of(spec, line_of(raw_nodes)),
                    f"node type {type_name!r} has unknown role {role!r} (expected one of {', '.join(NODE_ROLES)})",
                )
            )
            role = "context"
        where = (name, line_of(spec, line_of(raw_nodes)))
        node_types[type_name] = NodeType(
            type_name,
            _check_text(spec["label"], f"node type {type_name!r}: label", where, problems, limit=MAX_ONE_LINE),
            _check_text(
                str(spec.get("description") or ""),
                f"node type {type_name!r}: description",
                where,
                problems,
                one_line=False,
            ),
            role,
        )
    raw_edges = doc.get("edge_types")
    if not isinstance(raw_edges, dict) or not raw_edges:
        problems.append(Problem(name, line_of(doc, 1), "schema needs 'edge_types': a mapping of type name to its rule"))
        raw_edges = {}
    for type_name, spec in raw_edges.items():
        line = line_of(spec, line_of(raw_edges))
        if not _check_type_name(name, line, "edge", type_name, problems):
            continue
        if not isinstance(spec, dict):
            problems.append(Problem(name, line, f"edge type {type_name!r} must be a mapping"))
            continue
        bad = [k for k in ("forward", "reverse") if not _text(spec.get(k))]
        bad += [k for k in ("source", "target") if not _str_list(spec.get(k)) or not spec.get(k)]
        if bad:
            problems.append(
                Problem(
                    name,
                    line,
                    f"edge type {type_name!r} needs {', '.join(bad)} (source/target: lists of node types; forward/reverse: phrases)",
                )
            )
            continue
        unknown = [t for t in (*spec["source"], *spec["target"]) if t not in node_types]
        if unknown and node_types:
            problems.append(
                Problem(name, line, f"edge type {type_name!r} names unknown node type(s): {', '.join(unknown)}")
            )
        role = spec.get("role", "other")
        if role not in ROLES:
            problems.append(
                Problem(
                    name,
                    line,
                    f"edge type {type_name!r} has unknown role {role!r} (expected one of {', '.join(ROLES)})",
                )
            )
            role = "other"
        weight = spec.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight < 1000:
            problems.append(Problem(name, line, f"edge type {type_name!r}: weight must be a number between 0 and 1000"))
            weight = 1
        edge_types[type_name] = EdgeType(
            type_name,
            frozenset(spec["source"]),
            frozenset(spec["target"]),
            _check_text(
                spec["forward"], f"edge type {type_name!r}: forward", (name, line), problems, limit=MAX_ONE_LINE
            ),
            _check_text(
                spec["reverse"], f"edge type {type_name!r}: reverse", (name, line), problems, limit=MAX_ONE_LINE
            ),
            role,
            bool(spec.get("same_type", False)),
            float(weight),
        )
    return node_types, edge_types


def _parse_source(name: str, doc: Any, problems: list[Problem]) -> tuple[str, tuple[Section, ...]]:
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), list):
        problems.append(Problem(name, line_of(doc, 1), "source needs 'sections': a list of the article's headings"))
        return "", ()
    sections: list[Section] = []
    default_line = line_of(doc["sections"])

    def heading(text: str, line: int | None) -> str:
        return _check_text(text, f"heading {_short(text)}", (name, line), problems, limit=MAX_ONE_LINE)

    for item in doc["sections"]:
        if _text(item):
            sections.append(Section(heading(item, default_line)))
        elif isinstance(item, dict) and _text(item.get("heading")):
            main = heading(item["heading"], line_of(item, default_line))
            sections.append(Section(main))
            subs = item.get("subsections", [])
            if not _str_list(subs):
                problems.append(Problem(name, line_of(item), "'subsections' must be a list of headings"))
                continue
            sections.extend(Section(heading(sub, line_of(item, default_line)), main) for sub in subs)
        else:
            problems.append(
                Problem(
                    name,
                    line_of(item, line_of(doc["sections"])),
                    "each section is a heading, or a mapping with 'heading' and 'subsections'",
                )
            )
    title = doc.get("title")
    if isinstance(title, str):
        title = _check_text(title, "title", (name, line_of(doc, 1)), problems, limit=MAX_ONE_LINE)
    return (title if isinstance(title, str) else ""), tuple(sections)


def _read_records(name: str, doc: Mapping[str, Any], dataset: Dataset) -> None:
    problems = dataset.problems
    nodes = doc.get("nodes", [])
    if not isinstance(nodes, list):
        problems.append(Problem(name, line_of(nodes, line_of(doc)), f"'nodes' must be a list, got {_kind(nodes)}"))
        nodes = []
    for raw in nodes:
        record = _node_record(name, raw, line_of(nodes), problems)
        if record is not None:
            dataset.nodes.append(record)
    groups = doc.get("edges", [])
    if not isinstance(groups, list):
        problems.append(Problem(name, line_of(groups, line_of(doc)), f"'edges' must be a list, got {_kind(groups)}"))
        groups = []
    for group in groups:
        _edge_group(name, group, line_of(groups), dataset)


def _node_record(name: str, raw: Any, default_line: int | None, problems: list[Problem]) -> NodeRecord | None:
    line = line_of(raw, default_line)
    if not isinstance(raw, dict):
        problems.append(
            Problem(name, line, f"a node must be a mapping with {', '.join(NODE_FIELDS)}; got {_kind(raw)}")
        )
        return None
    ok = True
    label = f"node {raw['id']!r}" if _text(raw.get("id")) else "node"
    for key in NODE_FIELDS:
        if key not in raw:
            problems.append(Problem(name, line, f"{label} is missing {key!r}"))
            ok = False
        elif not _text(raw[key]):
            problems.append(Problem(name, line, f"{label}: {key!r} must be non-empty text, got {_kind(raw[key])}"))
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
    if not _str_list(aliases):
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
    text = {key: _check_text(raw[key], f"{label}: {key}", where, problems) for key in ("label", "section")}
    description = _check_text(raw["description"], f"{label}: description", where, problems, one_line=False)
    aliases = [_check_text(a, f"{label}: alias {_short(a)}", where, problems) for a in aliases]
    return NodeRecord(
        raw["id"].strip(),
        raw["type"].strip(),
        " ".join(text["label"].split()),
        text["section"].strip(),
        " ".join(description.split()),
        tuple(" ".join(a.split()) for a in aliases),
        name,
        line,
        raw.get("number"),
        raw.get("article"),
    )


def _edge_group(name: str, group: Any, default_line: int | None, dataset: Dataset) -> None:
    problems = dataset.problems
    line = line_of(group, default_line)
    shape = "an edge group is a mapping with 'section' and 'links' (a list of [source, relation, target])"
    if not isinstance(group, dict):
        problems.append(Problem(name, line, f"{shape}; got {_kind(group)}"))
        return
    extra = [k for k in group if k not in ("section", "links")]
    if extra:
        problems.append(Problem(name, line, f"unknown field(s) {', '.join(map(repr, extra))} in edge group ({shape})"))
    section = group.get("section")
    if isinstance(section, str):
        section = _check_text(section, "edge group: section", (name, line), problems)
    if not _text(section):
        problems.append(
            Problem(
                name, line, f"edge group needs 'section': the article heading its links rest on, got {_kind(section)}"
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
        if not (isinstance(link, list) and len(link) in (3, 4) and all(_text(v) for v in link[:3])):
            problems.append(
                Problem(name, link_line, f"a link must be [source, relation, target] (three names), got {_short(link)}")
            )
            continue
        when = _when(name, link, link_line, problems)
        if when is False:
            continue
        source, edge_type, target = (v.strip() for v in link[:3])
        only = tuple(link[3].get("only_from") or ()) if len(link) == 4 else ()
        dataset.edges.append(EdgeRecord(source, edge_type, target, section.strip(), name, link_line, when, only))


MAX_WHEN = 300


def _when(name: str, link: list[Any], line: int | None, problems: list[Problem]) -> str | bool | None:
    """The condition of ``[source, relation, target, {when: ...}]``: None without one, False when malformed."""
    if len(link) == 3:
        return None
    extra = link[3]
    shape = "the fourth item of a link must be {when: condition} (one line of text) and/or {only_from: [ids]}"
    only = extra.get("only_from", []) if isinstance(extra, dict) else None
    if (
        not isinstance(extra, dict)
        or not extra
        or set(extra) - {"when", "only_from"}
        or ("when" in extra and not _text(extra["when"]))
        or not (isinstance(only, list) and all(_text(v) for v in only))
    ):
        problems.append(Problem(name, line_of(extra, line), f"{shape}, got {_short(extra)}"))
        return False
    if "when" not in extra:
        return None
    when = " ".join(extra["when"].split())
    if "\n" in extra["when"].strip() or len(when) > MAX_WHEN:
        problems.append(Problem(name, line_of(extra, line), f"{shape} of at most {MAX_WHEN} characters"))
        return False
    return when


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
