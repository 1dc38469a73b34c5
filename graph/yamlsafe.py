"""Bounded, safe YAML reading that keeps line numbers.

We read libyaml's parser events (C parser where installed) and build plain
dicts, lists and scalars from them ourselves; no YAML constructor ever runs, so
no tag can create an object. Building from events, without recursion, lets us

* refuse every tag outside YAML's plain types (``!!python/object`` and friends),
* count elements as aliases are expanded, so an alias bomb stops at a bound,
* refuse recursive aliases and absurd nesting (no stack overflow, in C or Python),
* remember the line of every mapping and sequence for error messages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import GraphDataError, Problem

__all__ = [
    "DEFAULT_LIMITS",
    "MIB",
    "UPLOAD_LIMITS",
    "Limits",
    "LineDict",
    "LineList",
    "line_of",
    "parse_yaml",
    "size_problem",
]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


@dataclass(frozen=True)
class Limits:
    """Bounds on what one dataset may cost to read."""

    max_bytes: int = 64 * 1024 * 1024
    max_elements: int = 5_000_000
    max_depth: int = 50
    max_nodes: int = 500_000
    max_edges: int = 2_000_000


MIB = 1024 * 1024
DEFAULT_LIMITS = Limits()
# An upload is a student's or teacher's file: small, and bounded in every way. 5 MiB is
# 5,242,880 bytes exactly; the README says so, and this number is the one checked
# (Streamlit's own uploader limit is set a little above it, in config.toml).
UPLOAD_LIMITS = Limits(max_bytes=5 * MIB, max_elements=2_000_000, max_nodes=20_000, max_edges=100_000)


def size_problem(size: int, limits: Limits) -> str | None:
    """The one-line complaint about a file of ``size`` bytes, or None when it is within ``limits.max_bytes``.

    >>> size_problem(5 * MIB, UPLOAD_LIMITS) is None
    True
    >>> size_problem(5 * MIB + 1, UPLOAD_LIMITS)
    'file is too large: 5,242,881 bytes; the limit is 5 MiB (5,242,880 bytes)'
    >>> size_problem(50_000_000, UPLOAD_LIMITS)
    'file is too large: 47.7 MiB; the limit is 5 MiB'
    """
    if size <= limits.max_bytes:
        return None
    limit = f"{limits.max_bytes / MIB:g} MiB"
    if round(size / MIB, 1) > limits.max_bytes / MIB:
        return f"file is too large: {size / MIB:.1f} MiB; the limit is {limit}"
    return f"file is too large: {size:,} bytes; the limit is {limit} ({limits.max_bytes:,} bytes)"


class LineDict(dict[str, Any]):
    """A mapping that remembers the (1-based) line it started on."""

    line: int = 0


class LineList(list[Any]):
    """A sequence that remembers the (1-based) line it started on."""

    line: int = 0


def line_of(value: object, default: int | None = None) -> int | None:
    """The line a parsed mapping or sequence started on, else ``default``."""
    return getattr(value, "line", default)


def _fail(name: str, line: int | None, message: str) -> GraphDataError:
    return GraphDataError([Problem(name, line, message)])


def _decode(data: bytes | str, name: str, limits: Limits) -> str:
    too_large = size_problem(len(data), limits)
    if too_large:
        raise _fail(name, None, too_large)
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data:
            raise _fail(name, None, "this is a binary file, not YAML text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _fail(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    if "\x00" in text:
        raise _fail(name, None, "this is a binary file, not YAML text")
    return text


def parse_yaml(data: bytes | str, name: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse one YAML document into plain Python values, safely and within ``limits``.

    Raises
    ------
    GraphDataError
        With one problem naming ``name`` and, where known, the line.

    Examples
    --------
    >>> doc = parse_yaml("nodes:\\n  - id: a\\n", "x.yaml")
    >>> doc["nodes"][0]["id"], line_of(doc["nodes"][0])
    ('a', 2)
    >>> parse_yaml("a: !!python/object:os.system x", "x.yaml")
    Traceback (most recent call last):
    graph.errors.GraphDataError: x.yaml:1: YAML tag '!!python/object:os.system' is not allowed (only plain mappings, lists, strings, numbers and booleans)
    """
    text = _decode(data, name, limits)
    # A document without aliases has fewer elements than characters, so this
    # bound only ever stops alias expansion, never an honest file.
    budget = min(limits.max_elements, len(text) + 64)
    builder = _Builder(name, budget, limits.max_depth)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        col = f" column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "syntax error"
        raise _fail(name, line, f"invalid YAML at{col}: {what}") from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise _fail(name, None, f"invalid YAML: {message}") from None
    return builder.root


_NO_KEY = object()
_resolver = yaml.resolver.Resolver()


class _Builder:
    """Builds Python values from parser events, with no recursion.

    Anchored values are shared, not copied; each alias adds the anchored value's
    element count to the running total, so expansion is bounded without doing it.
    """

    def __init__(self, name: str, budget: int, max_depth: int) -> None:
        self.name = name
        self.budget = budget
        self.max_depth = max_depth
        self.count = 0
        self.documents = 0
        self.root: Any = None
        # Each frame: [container, pending key, anchor, element count at start].
        self.stack: list[list[Any]] = []
        self.anchors: dict[str, tuple[Any, int]] = {}

    def feed(self, event: yaml.Event) -> None:
        """Take the parser's next event."""
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.ScalarEvent):
            self._on_scalar(event, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._on_start(event, line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._on_end()
        elif isinstance(event, yaml.AliasEvent):
            self._on_alias(event, line)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _fail(self.name, line, "more than one YAML document ('---'); put everything in one")

    def _on_scalar(self, event: yaml.ScalarEvent, line: int | None) -> None:
        self._grow(1, line)
        value = self._scalar(event, line)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._add(value, line)

    def _on_start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent, line: int | None) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _TAG + ("map" if is_map else "seq")):
            raise self._bad_tag(event.tag, line)
        self._grow(1, line)
        if len(self.stack) >= self.max_depth:
            raise _fail(self.name, line, f"nested more than {self.max_depth} levels deep")
        container: LineDict | LineList = LineDict() if is_map else LineList()
        container.line = line or 0
        self.stack.append([container, _NO_KEY, event.anchor, self.count])

    def _on_end(self) -> None:
        container, _key, anchor, start = self.stack.pop()
        if anchor:
            self.anchors[anchor] = (container, self.count - start + 1)
        self._add(container, container.line)

    def _on_alias(self, event: yaml.AliasEvent, line: int | None) -> None:
        if event.anchor not in self.anchors:
            if any(frame[2] == event.anchor for frame in self.stack):
                raise _fail(self.name, line, "an alias refers to itself (recursive YAML)")
            raise _fail(self.name, line, f"unknown alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self._grow(size, line)
        self._add(value, line)

    def _grow(self, size: int, line: int | None) -> None:
        self.count += size
        if self.count > self.budget:
            raise _fail(
                self.name,
                line,
                f"too many YAML elements once aliases are expanded (limit {self.budget:,})",
            )

    def _add(self, value: Any, line: int | None) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, LineList):
            container.append(value)
        elif frame[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _fail(self.name, line, "a mapping key must be plain text")
            key = value if isinstance(value, str) else str(value)
            if key in container:
                raise _fail(self.name, line, f"duplicate key {key!r}")
            frame[1] = key
        else:
            container[frame[1]] = value
            frame[1] = _NO_KEY

    def _bad_tag(self, tag: str, line: int | None) -> GraphDataError:
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        return _fail(
            self.name,
            line,
            f"YAML tag {shown!r} is not allowed (only plain mappings, lists, strings, numbers and booleans)",
        )

    def _scalar(self, event: yaml.ScalarEvent, line: int | None) -> Any:
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolver.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _BOOL.get(value.lower(), value)
        if tag == _TAG + "int":
            return _to_int(value)
        if tag == _TAG + "float":
            return _to_float(value)
        if tag == _TAG + "timestamp":
            return value
        if tag == _TAG + "merge":
            raise _fail(self.name, line, "YAML merge keys ('<<') are not supported")
        raise self._bad_tag(tag, line)


def _to_int(value: str) -> int | str:
    text = value.replace("_", "")
    try:
        if text.startswith(("0x", "-0x", "+0x")):
            return int(text, 16)
        if text.startswith(("0o", "-0o", "+0o")):
            return int(text, 8)
        if text.startswith(("0b", "-0b", "+0b")):
            return int(text, 2)
        return int(text, 10)
    except ValueError:
        return value


def _to_float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return math.inf
    if text == "-.inf":
        return -math.inf
    if text == ".nan":
        return math.nan
    try:
        return float(text)
    except ValueError:
        return value
