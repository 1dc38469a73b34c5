"""Property-based tests: whatever the input, the loader and the link/search handling either
work or say what is wrong in one line, in bounded time, and never raise anything else."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import GraphDataError, NodeNotFound, QueryError, load_graph, load_uploaded
from graph.deeplink import from_params
from graph.load import DATA_DIR
from graph.lookup import find, resolve
from graph.text import md
from graph.yamlsafe import UPLOAD_LIMITS

# Time is bounded by our own check in load_or_refuse (generous: CI shares two cores with a browser).
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAX_SECONDS = 10
ARTICLE = {p.name: p.read_bytes() for p in sorted(DATA_DIR.glob("*.yaml"))}
UNESCAPED = re.compile(r"(?<!\\)[<>\[\]()`*_#!|]")


def load_or_refuse(files: dict[str, bytes]) -> None:
    start = time.perf_counter()
    try:
        load_uploaded(files, limits=UPLOAD_LIMITS)
    except GraphDataError as exc:
        assert exc.problems
        for problem in exc.problems:
            text = str(problem)
            assert "\n" not in text and "Traceback" not in text
            assert len(text) < 2000
    assert time.perf_counter() - start < MAX_SECONDS


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
    max_leaves=30,
)


@FAST
@given(st.text(max_size=400))
def test_any_text_loads_or_is_refused(text: str) -> None:
    load_or_refuse({"x.yaml": text.encode("utf-8", "surrogatepass")})


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_load_or_are_refused(data: bytes) -> None:
    load_or_refuse({"x.yaml": data})


@FAST
@given(documents)
def test_any_yaml_document_loads_or_is_refused(doc: object) -> None:
    load_or_refuse({"x.yaml": yaml.safe_dump(doc, allow_unicode=True).encode()})


@FAST
@given(
    st.sampled_from(sorted(n for n in ARTICLE if n not in ("schema.yaml", "source.yaml"))),
    st.lists(
        st.tuples(
            st.sampled_from(["drop", "dup", "swap", "insert", "cut"]), st.integers(0, 10**6), st.text(max_size=8)
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutations_of_the_real_data_load_or_are_refused(name: str, edits: list[tuple[str, int, str]]) -> None:
    lines = ARTICLE[name].decode().splitlines(keepends=True)
    for op, where, junk in edits:
        i = where % max(len(lines), 1)
        if op == "drop" and lines:
            del lines[i]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, junk + "\n")
        elif op == "cut" and lines:
            lines[i] = lines[i][: where % (len(lines[i]) + 1)]
    files = dict(ARTICLE)
    files[name] = "".join(lines).encode()
    load_or_refuse(files)


hostile = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "![x](http://example.invalid/a.png)",
            "x" * 5000,
            "\x00\x1b[2J\u202e",
            "knee_pain",
            "3",
            "-1",
            "99999999999",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["node", "trace", "from", "to", "path", "depth", "view", "types", "rel", "shown", "x"]),
        hostile,
        max_size=6,
    )
)
def test_any_link_gives_a_state_and_safe_notices(params: dict[str, str]) -> None:
    G = _graph()
    state, notes = from_params(G, params)
    for n in (state.node, state.trace, state.source, state.target):
        assert n is None or n in G
    assert 1 <= state.depth <= 3
    for note in notes:
        assert len(note) < 400 and "\n" not in note
        assert not UNESCAPED.search(md(note))


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_any_search_text_is_answered_and_shown_as_text(text: str) -> None:
    G = _graph()
    for match in find(G, text):
        assert match.node in G
    try:
        assert resolve(G, text) in G
    except (NodeNotFound, QueryError) as exc:
        assert "\n" not in str(exc)
    assert not UNESCAPED.search(md(text))


_G = None


def _graph():
    global _G
    if _G is None:
        _G = load_graph()
    return _G


def test_upload_limits_say_which_limit() -> None:
    big = b"nodes:\n" + b"  - {id: a, type: symptom}\n" * 300_000
    with pytest.raises(GraphDataError, match=r"^big\.yaml: file is too large: 7\.7 MiB; the limit is 5 MiB$"):
        load_uploaded({"big.yaml": big}, limits=UPLOAD_LIMITS)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    with pytest.raises(GraphDataError, match="too many YAML elements once aliases are expanded"):
        load_uploaded({"bomb.yaml": bomb.encode()}, limits=UPLOAD_LIMITS)
    many = "nodes:\n" + "".join(
        f"  - {{id: n{i}, type: symptom, label: n, section: Hip Pain, description: d}}\n" for i in range(20_001)
    )
    with pytest.raises(GraphDataError, match=r"too many nodes \(20,001; the limit is 20,000\)"):
        load_uploaded({"many.yaml": many.encode()}, limits=UPLOAD_LIMITS)
