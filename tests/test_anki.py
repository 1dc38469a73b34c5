"""The Anki deck: a real .apkg whose collection holds one note per flashcard, stable GUIDs, inert fields."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import load_graph
from graph.anki import CLOZE_MODEL_ID, DECK_ID, NOTE_MODEL_ID, write_apkg
from graph.study import flashcards
from graph.text import capitalize

from .conftest import TEST_DATA

HOSTILE = [TEST_DATA / "valid" / "hostile.yaml", TEST_DATA / "valid" / "hostile_names.yaml"]
CLOZE = re.compile(r"\{\{c(\d+)::([^{}]*)\}\}")


def open_deck(G: nx.MultiDiGraph, tmp: Path, name: str = "deck.apkg") -> dict[str, Any]:
    """Write the deck, open the package's collection read-only, and return its notes and decks."""
    path = tmp / name
    write_apkg(G, path)
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp / name.replace(".", "_"))
    db = tmp / name.replace(".", "_") / "collection.anki2"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        notes = [
            {"guid": g, "mid": m, "fields": f.split("\x1f"), "tags": t.split()}
            for g, m, f, t in con.execute("select guid, mid, flds, tags from notes order by id")
        ]
        decks = json.loads(con.execute("select decks from col").fetchone()[0])
        cards = con.execute("select count(*), count(distinct did) from cards").fetchone()
    finally:
        con.close()
    return {"notes": notes, "decks": decks, "cards": cards}


@pytest.fixture(scope="module")
def deck(G: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return open_deck(G, tmp_path_factory.mktemp("anki"))


def test_one_note_per_flashcard_with_front_back_section_and_tags(G: nx.MultiDiGraph, deck: dict[str, Any]) -> None:
    cards = flashcards(G)
    basic = [n for n in deck["notes"] if n["mid"] == NOTE_MODEL_ID]
    assert len(basic) == len(cards) == len(G)
    by_front = {html.unescape(n["fields"][0]): n for n in basic}
    assert set(by_front) == {c.front for c in cards}
    for card in cards:
        note = by_front[card.front]
        _front, back, kind, section = (html.unescape(f) for f in note["fields"])
        assert card.description in back and kind == card.type and section == card.section
        assert f"type::{G.nodes[card.node]['type']}" in note["tags"]
        assert f"section::{re.sub(r'[^A-Za-z0-9_-]+', '_', card.section)}" in note["tags"]


def test_no_field_is_empty_and_every_note_lands_in_the_fixed_deck(deck: dict[str, Any]) -> None:
    assert all(f.strip() for n in deck["notes"] for f in n["fields"])
    assert str(DECK_ID) in deck["decks"] and deck["decks"][str(DECK_ID)]["name"] == "Hip–Knee Explorer"
    count, decks = deck["cards"]
    assert count >= len(deck["notes"]) and decks == 1


def test_chains_become_cloze_notes_that_blank_the_cause_and_the_mechanism(G: nx.MultiDiGraph, deck: dict) -> None:
    chains = [n for n in deck["notes"] if n["mid"] == CLOZE_MODEL_ID]
    assert len(chains) >= 20
    knee = [html.unescape(n["fields"][0]) for n in chains if "symptom::knee_pain" in n["tags"]]
    # read as the trace reads: from the cause (blanked first), through the mechanism, to the symptom
    text = next(t for t in knee if "lead to {{c2::compensatory movements}}" in t)
    (blanked,) = re.findall(r"\{\{c1::([^}]*)\}\}", text)
    assert any(G.nodes[n]["label"].casefold() == blanked.casefold() and G.nodes[n]["type"] == "cause" for n in G)
    assert text.endswith("knee pain.")
    texts = [html.unescape(n["fields"][0]) for n in chains]
    assert len(texts) == len(set(texts)), "one note per distinct chain"
    for symptom in ("hip_pain", "limited_range_of_motion", "swelling_and_inflammation"):
        assert any(f"symptom::{symptom}" in n["tags"] for n in chains), symptom
    for note in chains:
        numbers = {m.group(1) for m in CLOZE.finditer(note["fields"][0])}
        assert numbers == {"1", "2"}, note["fields"][0]


def test_two_exports_give_identical_guids(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    first = open_deck(G, tmp_path, "a.apkg")
    second = open_deck(load_graph(), tmp_path, "b.apkg")
    guids = [n["guid"] for n in first["notes"]]
    assert guids == [n["guid"] for n in second["notes"]]
    assert len(set(guids)) == len(guids)


def test_a_card_keeps_its_guid_when_the_dataset_grows(tiny: nx.MultiDiGraph, tmp_path: Path) -> None:
    before = {html.unescape(n["fields"][0]): n["guid"] for n in open_deck(tiny, tmp_path, "a.apkg")["notes"]}
    grown = tiny.copy()
    grown.add_node("new", type="cause", label="new thing", description="Added later.", section="Causes", aliases=[])
    after = {html.unescape(n["fields"][0]): n["guid"] for n in open_deck(grown, tmp_path, "b.apkg")["notes"]}
    assert len(after) == len(before) + 1
    assert all(after[front] == guid for front, guid in before.items())


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_labels_stay_text_in_every_field(path: Path, tmp_path: Path) -> None:
    G = load_graph(path)
    notes = open_deck(G, tmp_path)["notes"]
    assert len([n for n in notes if n["mid"] == NOTE_MODEL_ID]) == len(G)
    for note in notes:
        for value in note["fields"]:
            parser = Tags()
            parser.feed(value)
            assert parser.tags <= {"p", "ul", "li"}, value  # only the deck's own markup
            rest = CLOZE.sub("", value) if note["mid"] == CLOZE_MODEL_ID else value
            assert "{{" not in rest and "}}" not in rest and "::" not in rest, value
        if note["mid"] == NOTE_MODEL_ID:
            assert html.unescape(note["fields"][0]) in {capitalize(G.nodes[n]["label"]) for n in G}
    fronts = {html.unescape(n["fields"][0]) for n in notes if n["mid"] == NOTE_MODEL_ID}
    assert "<img src=x onerror=alert(1)>" in fronts or "{{c1::cloze}} }} {{Front}}" in fronts
