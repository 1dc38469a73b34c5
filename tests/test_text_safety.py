"""Text the loader takes is text a person can read (issue 15).

Control characters are refused with ``file:line``; one-line fields take no line
breaks and no invisible format characters; everything is NFC; a name shared by two
nodes is reported by ``validate`` and never resolved silently.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Any

import networkx as nx
import pytest

from graph.build import build_graph, validate
from graph.cli import main
from graph.errors import AmbiguousName, NodeNotFound
from graph.explain import Step, make_path
from graph.export import paths_markdown
from graph.load import read_documents
from graph.lookup import resolve
from graph.text import escape_markdown
from graph.textsafety import FORMAT_CHARACTERS

from .conftest import TEST_DATA


def dataset(**node: Any) -> list[tuple[str, Any]]:
    """One file with its own headings and one node; ``node`` overrides its fields."""
    base = {"id": "ache", "type": "symptom", "label": "ache", "section": "Causes", "description": "It hurts."}
    return [("mine.yaml", {"source": {"title": "T", "sections": ["Causes"]}, "nodes": [{**base, **node}]})]


def problems_of(docs: list[tuple[str, Any]]) -> list[str]:
    return [str(p) for p in validate(read_documents(docs))]


ONE_LINE_FIELDS = ["label", "section"]
REFUSED_EVERYWHERE = {
    "ESC (terminal escape)": "\x1b[2J",
    "BEL": "\x07",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 CSI": "\x9b31m",
    "noncharacter": "\ufffe",
    "lone surrogate": "\ud800",
}
REFUSED_IN_ONE_LINE = {
    "newline": "a\nb",
    "carriage return": "Setext\r===",
    "line separator": "a\u2028b",
    "tab": "a\tb",
    "right-to-left override": "\u202eeenk",
    "left-to-right isolate": "a\u2066b",
    "zero-width space": "kn\u200bee",
    "zero-width joiner": "a\u200db",
    "byte order mark": "\ufeffknee",
    "word joiner": "a\u2060b",
}


@pytest.mark.parametrize("field", ONE_LINE_FIELDS)
@pytest.mark.parametrize("text", list({**REFUSED_EVERYWHERE, **REFUSED_IN_ONE_LINE}.values()),
                         ids=list({**REFUSED_EVERYWHERE, **REFUSED_IN_ONE_LINE}))  # fmt: skip
def test_one_line_fields_refuse_unreadable_text_with_file_and_line(field: str, text: str) -> None:
    value = f"x{text}y"
    problems = problems_of(dataset(**{field: value}))
    mine = [p for p in problems if f"node 'ache': {field} holds" in p]
    assert len(mine) == 1, problems
    assert mine[0].startswith("mine.yaml:")  # in-memory documents have no line; files do (see tests/data/invalid)
    assert "\n" not in mine[0] and "\r" not in mine[0] and "\x1b" not in mine[0]


@pytest.mark.parametrize("text", list(REFUSED_EVERYWHERE.values()), ids=list(REFUSED_EVERYWHERE))
def test_descriptions_and_aliases_refuse_control_characters(text: str) -> None:
    assert any("description holds" in p for p in problems_of(dataset(description=f"a{text}b")))
    assert any("alias 'a" in p and "holds" in p for p in problems_of(dataset(aliases=[f"a{text}b"])))


@pytest.mark.parametrize(
    "text", ["line one\nline two", "col\tcol", "\u202bעברית\u202c", "emoji \U0001f469\u200d\U0001f4bb"]
)
def test_descriptions_may_hold_line_breaks_tabs_and_format_characters(text: str) -> None:
    assert problems_of(dataset(description=text)) == []
    G = build_graph(read_documents(dataset(description=text)))
    assert G.nodes["ache"]["description"] == " ".join(text.split())


def test_headings_title_schema_texts_and_edge_sections_are_checked() -> None:
    docs = [
        (
            "mine.yaml",
            {
                "source": {"title": "T\x1b]0;x\x07", "sections": ["Causes", {"heading": "Care", "subsections": ["a\u202eb"]}]},
                "schema": {
                    "node_types": {"symptom": {"label": "Sym\nptom", "role": "symptom"}},
                    "edge_types": {
                        "like": {"source": ["symptom"], "target": ["symptom"], "forward": "is\u200blike", "reverse": "ok"}
                    },
                },
                "nodes": [
                    {"id": "a", "type": "symptom", "label": "a", "section": "Causes", "description": "A."},
                    {"id": "b", "type": "symptom", "label": "b", "section": "Causes", "description": "B."},
                ],
                "edges": [{"section": "Causes\r", "links": [["a", "like", "b"]]}],
            },
        )
    ]  # fmt: skip
    problems = problems_of(docs)
    for expected in (
        "title holds control character U+001B",
        "heading 'a\\u202eb' holds invisible format character U+202E",
        "node type 'symptom': label holds a line break (U+000A",
        "edge type 'like': forward holds invisible format character U+200B",
        "edge group: section holds a line break (U+000D",
    ):
        assert sum(expected in p for p in problems) == 1, (expected, problems)


@pytest.mark.parametrize("where", ["title", "heading"])
def test_headings_and_title_are_capped_like_labels(where: str) -> None:
    long = "x" * 201
    source = (
        {"title": long, "sections": ["Causes"]} if where == "title" else {"title": "T", "sections": ["Causes", long]}
    )
    docs = [("mine.yaml", {"source": source, "nodes": dataset()[0][1]["nodes"]})]
    assert [p for p in problems_of(docs) if "is longer than 200 characters" in p]
    source[where if where == "title" else "sections"] = "x" * 200 if where == "title" else ["Causes", "x" * 200]
    assert problems_of(docs) == []


def test_format_character_list_is_unicode_category_cf() -> None:
    """The loader writes Unicode's Cf list out (fast import); this says when Python's Unicode grows."""
    listed = {ch for ch in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(f"[{FORMAT_CHARACTERS}]", ch)}
    cf = {ch for ch in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(ch) == "Cf"}
    assert listed == cf, f"Unicode {unicodedata.unidata_version}: update FORMAT_CHARACTERS in graph/load.py"


def test_text_is_nfc_so_either_spelling_finds_the_node() -> None:
    nfd, nfc = unicodedata.normalize("NFD", "café knee"), "café knee"
    assert nfd != nfc
    G = build_graph(read_documents(dataset(label=nfd, aliases=[unicodedata.normalize("NFD", "genou brûlé")])))
    assert G.nodes["ache"]["label"] == nfc
    assert G.nodes["ache"]["aliases"] == ("genou brûlé",)
    assert resolve(G, nfd) == resolve(G, nfc) == "ache"
    assert resolve(G, unicodedata.normalize("NFD", "Genou Brûlé")) == "ache"


def test_two_spellings_of_one_label_are_one_name() -> None:
    """Labels that differ only in normalisation were two identical-looking nodes."""
    docs = dataset(label=unicodedata.normalize("NFD", "café"))
    docs[0][1]["nodes"].append(
        {"id": "other", "type": "symptom", "label": "café", "section": "Causes", "description": "Same name."}
    )
    problems = problems_of(docs)
    assert len(problems) == 1 and "label 'café' also names node 'ache'" in problems[0], problems


def test_shipped_data_has_no_shared_names_and_no_unreadable_text() -> None:
    from graph.load import read_dataset

    assert validate(read_dataset()) == []


def test_a_label_that_is_another_nodes_id_is_reported_with_both_places() -> None:
    docs = dataset(id="knee_pain", label="knee pain")
    docs[0][1]["nodes"].append(
        {"id": "sore", "type": "symptom", "label": "Knee-Pain", "section": "Causes", "description": "Same name."}
    )
    assert [p.message for p in validate(read_documents(docs))] == [
        "node 'sore': label 'Knee-Pain' also names node 'knee_pain' at mine.yaml:None"
        " (expected each label and alias to name one node)"
    ]


@pytest.fixture
def shared(tiny: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A graph made in code (validate refuses such data) where two nodes share an alias."""
    H = tiny.copy()
    H.nodes["slump"]["aliases"] = ("sore back",)
    H.nodes["lean"]["aliases"] = ("Sore back",)
    H.nodes["strain"]["aliases"] = ("slump",)  # another node's label
    return H


def test_resolve_never_picks_a_shared_name_silently(shared: nx.MultiDiGraph) -> None:
    with pytest.raises(AmbiguousName) as info:
        resolve(shared, "sore back")
    assert str(info.value) == "'sore back' names lean and slump: which one?"
    assert set(info.value.suggestions) == {"slump", "lean"}
    assert isinstance(info.value, NodeNotFound)  # callers that catch lookups catch this too
    with pytest.raises(AmbiguousName, match=r"^'Slump' names slump and strain: which one\?$"):
        resolve(shared, "Slump")
    assert resolve(shared, "slump") == "slump"  # an exact id is never ambiguous


def test_ambiguous_labels_are_told_apart_by_id(shared: nx.MultiDiGraph) -> None:
    shared.nodes["lean"]["label"] = "slump"
    with pytest.raises(AmbiguousName, match=r"names slump \(slump\), slump \(lean\) and strain: which one\?$"):
        resolve(shared, "SLUMP")


def test_cli_asks_which_one_on_one_line(shared: nx.MultiDiGraph, capsys, monkeypatch) -> None:
    import graph.cli

    monkeypatch.setattr(graph.cli, "load_graph", lambda path: shared)
    assert main(["show", "sore back"]) == 1
    err = capsys.readouterr().err
    assert err == "error: 'sore back' names lean and slump: which one?\n"


def test_cli_refuses_a_terminal_escape_with_file_and_line(capsys) -> None:
    code = main(["show", "knee ache", "--data", str(TEST_DATA / "invalid" / "control_character.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "\x1b" not in err
    assert err.startswith("tests/data/invalid/control_character.yaml:4: node 'knee_ache': label holds control")


def test_markdown_keeps_every_field_on_its_own_line_and_escapes_ampersands(tiny: nx.MultiDiGraph) -> None:
    H = tiny.copy()  # made in code: the loader refuses these texts, the exporter must not trust that
    H.nodes["slump"]["label"] = "Setext\r===\rR&amp;D"
    H.edges["slump", "strain", "leads_to"]["section"] = "a\nb\u2028# c"
    path = make_path(H, "slump", [Step("slump", "strain", "leads_to", True)])
    text = paths_markdown(H, "T&amp;", [path], source="S\r\n===")
    lines = text.splitlines()
    assert len(lines) == 6, lines  # title, blank, source, blank, one sentence, its sections
    assert "&amp;" not in text.replace("\\&amp;", "")
    assert not any(re.fullmatch(r"\s*[=-]{3,}\s*|\s*#.*", line) for line in lines[1:]), lines
    assert escape_markdown("a\r\nb") == "a  b"
