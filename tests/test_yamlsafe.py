"""The YAML reader: safe, bounded, and precise about where a problem is."""

from __future__ import annotations

import re
import time
import tracemalloc

import pytest

from graph import GraphDataError, Limits
from graph.yamlsafe import line_of, parse_yaml


def problem(text: str | bytes, limits: Limits | None = None) -> str:
    with pytest.raises(GraphDataError) as info:
        parse_yaml(text, "f.yaml", limits or Limits())
    assert len(info.value.problems) == 1
    return str(info.value)


def test_plain_values_and_lines_are_kept() -> None:
    doc = parse_yaml("nodes:\n  - id: a\n    aliases: [x, 'yes', 3]\n  - id: b\n", "f.yaml")
    assert [n["id"] for n in doc["nodes"]] == ["a", "b"]
    assert doc["nodes"][0]["aliases"] == ["x", "yes", 3]
    assert line_of(doc["nodes"][1]) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: !!python/object/apply:os.system [ls]",
            "f.yaml:1: YAML tag '!!python/object/apply:os.system' is not allowed",
        ),
        ("a: !!python/name:os.system ''", "YAML tag '!!python/name:os.system' is not allowed"),
        ("a: !custom x", "YAML tag '!custom' is not allowed"),
        ("a: !!set {x}", "YAML tag '!!set' is not allowed"),
        ("a: &x [*x]", "f.yaml:1: an alias refers to itself"),
        ("a: *nowhere", "unknown alias *nowhere"),
        ("k: 1\nk: 2", "f.yaml:2: duplicate key 'k'"),
        ("<<: {a: 1}", "merge keys"),
        ("--- a\n--- b", "f.yaml:2: more than one YAML document"),
        ("a: [1, 2", "f.yaml:2: invalid YAML"),
        ("a: b: c", "f.yaml:1: invalid YAML at column 5: mapping values are not allowed"),
        ("{[1]: 2}", "a mapping key must be plain text"),
        ("a: \x07", "invalid YAML"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused_with_a_located_message(text: str, expected: str) -> None:
    assert expected in problem(text)


def test_alias_bomb_stops_at_once() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ",".join(["*" + prev] * 9) + "]")
        prev = name
    start = time.perf_counter()
    message = problem("\n".join(lines))
    assert "too many YAML elements once aliases are expanded" in message
    assert time.perf_counter() - start < 1.0  # 9**10 elements if it expanded


def test_honest_aliases_still_work() -> None:
    doc = parse_yaml("base: &b [x, y]\ncopy: *b\n", "f.yaml")
    assert doc["copy"] == ["x", "y"]


@pytest.mark.parametrize("text", ["[" * 200_000, "- " * 200_000 + "x", "{a: " * 100_000])
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    """Our promise, whichever layer notices first (our 50-level cap or the YAML parser's own):
    one clean line naming the file and the line, quickly, without a memory blow-up."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        message = problem(text)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert re.fullmatch(r"f\.yaml:\d+: [^\n]+", message), message
    assert "Traceback" not in message and len(message) < 200
    assert time.perf_counter() - start < 10.0  # about 0.1 s normally; generous for a busy CI core
    assert peak < 64 * 1024 * 1024


def test_nesting_beyond_our_cap_is_refused_in_our_words() -> None:
    assert "f.yaml:1: nested more than 50 levels deep" in problem("[" * 60 + "]" * 60)


def test_binary_and_non_utf8_files() -> None:
    assert "binary file" in problem(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "f.yaml:2: not UTF-8 text (byte 0xe9)" in problem("a: 1\nb: caf\xe9\n".encode("latin-1"))


def test_size_limit() -> None:
    message = problem("a: " + "x" * 2000, Limits(max_bytes=1000))
    assert "file is too large" in message and "limit" in message


def test_empty_document_is_none() -> None:
    assert parse_yaml("", "f.yaml") is None
    assert parse_yaml("# only a comment\n", "f.yaml") is None
