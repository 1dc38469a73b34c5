"""The Obsidian vault: every node a note, 0 broken links, safe unique names, inert hostile text."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePosixPath

import networkx as nx
import pytest
import yaml

from graph import load_graph
from graph.query import relations
from graph.roles import nodes_with_role
from graph.text import capitalize
from graph.vault import MAX_NAME, RESERVED, to_vault_zip, wikilinks

from .conftest import TEST_DATA

DATASETS = {
    "article": None,
    "tiny": TEST_DATA / "valid" / "tiny.yaml",
    "hostile": TEST_DATA / "valid" / "hostile.yaml",
    "hostile_names": TEST_DATA / "valid" / "hostile_names.yaml",
}
FORBIDDEN = set('<>:"/\\|?*#^[]%') | {chr(i) for i in range(32)}
MERMAID_BLOCK = re.compile(r"```mermaid\n(.*?)```", re.S)


def unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}


@pytest.fixture(scope="module", params=list(DATASETS))
def vault(request: pytest.FixtureRequest) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    G = load_graph(DATASETS[request.param])
    return G, unzip(to_vault_zip(G))


def test_every_node_has_a_note_with_its_front_matter(vault: tuple[nx.MultiDiGraph, dict[str, str]]) -> None:
    G, files = vault
    notes = {front_matter(text).get("id"): text for name, text in files.items() if "/Traces/" not in name}
    notes.pop(None)  # the index
    assert set(notes) == set(G)
    for n, text in notes.items():
        meta, data = front_matter(text), G.nodes[n]
        assert meta["type"] == data["type"] and meta["section"] == data["section"]
        assert meta["aliases"] == [capitalize(data["label"]), *data["aliases"]]  # exact, even hostile ones


def test_zero_broken_links(vault: tuple[nx.MultiDiGraph, dict[str, str]]) -> None:
    G, files = vault
    names = {PurePosixPath(p).stem for p in files}
    links = [target for text in files.values() for target in wikilinks(text)]
    assert len(links) > len(G)
    broken = [t for t in links if t not in names]
    assert broken == []
    print(f"{len(links)} links checked in {len(files)} notes")


def test_file_names_are_safe_everywhere_and_unique_on_any_disk(vault: tuple[nx.MultiDiGraph, dict[str, str]]) -> None:
    _G, files = vault
    stems = [PurePosixPath(p).stem for p in files]
    assert len({unicodedata.normalize("NFC", s).casefold() for s in stems}) == len(stems)
    for path in files:
        assert not path.startswith("/") and ".." not in PurePosixPath(path).parts
        for part in PurePosixPath(path).parts:
            stem = part.removesuffix(".md")
            assert not FORBIDDEN & set(stem), part
            assert stem == stem.strip(" .") and stem, part
            assert stem.split(".")[0].upper() not in RESERVED, part
            assert len(stem) <= MAX_NAME + len(" (mechanism)"), part


def test_index_lists_every_note_by_type(vault: tuple[nx.MultiDiGraph, dict[str, str]]) -> None:
    G, files = vault
    index = files["Hip-Knee Explorer/Index.md"]
    node_notes = [p for p in files if p.count("/") == 2 and "/Traces/" not in p]
    assert len(set(wikilinks(index))) == len(node_notes) + len(nodes_with_role(G, "symptom"))
    for t, spec in G.graph["schema"].node_types.items():
        count = sum(1 for n in G if G.nodes[n]["type"] == t)
        if count:
            assert f"## {spec.label} ({count})" in index


def test_relations_are_wikilinks_grouped_by_phrase(G: nx.MultiDiGraph) -> None:
    files = unzip(to_vault_zip(G))
    note = files["Hip-Knee Explorer/Symptom/Knee pain.md"]
    for r in relations(G, "knee_pain"):
        heading = f"### {capitalize(r.phrase)}\n\n"
        block = note[note.index(heading) + len(heading) :].split("\n\n")[0]
        whens = r.when or (None,) * len(r.nodes)
        # each relation keeps the article's condition, as a clause after the link
        assert [line.removeprefix("- ") for line in block.splitlines()] == [
            f"[[{capitalize(G.nodes[m]['label'])}]]" + (f" ({w})" if w else "")
            for m, w in zip(r.nodes, whens, strict=False)
        ]


def test_a_trace_note_per_symptom_with_groups_chains_care_and_a_flowchart(G: nx.MultiDiGraph) -> None:
    files = unzip(to_vault_zip(G))
    traces = [p for p in files if "/Traces/" in p]
    assert len(traces) == len(nodes_with_role(G, "symptom"))
    note = files["Hip-Knee Explorer/Traces/Knee pain - trace.md"]
    assert "## [[Muscle imbalances]]" in note
    assert "- [[Tight hip flexors]] → [[Altered knee alignment and function]] → [[Knee pain]]" in note
    assert "## Said of hip alignment issues as a whole" in note and "For every cause" not in note
    assert "**Treated by:**" in note and "**Found by:**" in note
    (chart,) = MERMAID_BLOCK.findall(note)
    assert chart.startswith("flowchart LR\n") and '["Muscle imbalances"]' in chart and '-->|"leads to"|' in chart


def test_same_graph_same_zip(G: nx.MultiDiGraph) -> None:
    assert to_vault_zip(G) == to_vault_zip(load_graph())


def test_hostile_text_is_inert(vault: tuple[nx.MultiDiGraph, dict[str, str]]) -> None:
    _G, files = vault
    for text in files.values():
        body = MERMAID_BLOCK.sub("", text.split("\n---\n", 1)[1])
        without_links = re.sub(r"\[\[[^\[\]]*\]\]", "", body)
        assert not re.search(r"(?<!\\)[<>]", without_links), body  # no raw HTML
        assert not re.search(r"(?<!\\)(\[|\]\(|%%|\$|==)", without_links), body  # no stray link, comment, math
        for chart in MERMAID_BLOCK.findall(text):
            for line in chart.splitlines()[1:]:
                # every label is one quoted string of plain characters and #entity; codes
                assert re.fullmatch(r'  n\d+\["[^"<>&`]*"\]|  n\d+ (-->|-\.->)\|"[^"<>&`]*"\| n\d+', line), line
