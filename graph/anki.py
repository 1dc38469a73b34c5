"""The flashcards as an Anki deck (``.apkg``), built with genanki.

One basic note per flashcard of :func:`graph.study.flashcards` (front, back, type,
article section; tagged by node type and section), plus one cloze note per distinct
chain of the grouped traces, read as the trace reads it (cause → mechanism →
symptom), with its conditions and the level the article says it at ("said of hip
alignment issues as a whole"), where a sentence with blanks reads better than a question.

Every id is fixed: the deck and the two note types have constant ids and each note's
GUID comes from stable node ids, so importing a newer export updates the student's
cards (and keeps their review history) instead of adding duplicates.

Every field is HTML: text from the data is escaped, and ``{``, ``}`` and ``:`` are
written as character references so nothing in a label can open a cloze or a template
field.
"""

from __future__ import annotations

import html
import itertools
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import genanki
import networkx as nx

from .atomic import atomic_path
from .explain import chain_sentence
from .grouped import grouped_trace
from .roles import nodes_with_role, role
from .schema import schema_of
from .study import Card, flashcards
from .text import capitalize

__all__ = ["CLOZE_MODEL_ID", "DECK_ID", "NOTE_MODEL_ID", "AnkiNote", "anki_notes", "to_apkg", "write_apkg"]

DECK_ID = 1_740_611_304  # fixed forever: a re-import lands in the same deck
NOTE_MODEL_ID = 1_740_611_305
CLOZE_MODEL_ID = 1_740_611_306
GUID_SPACE = "hipknee"

CSS = """.card { font: 20px/1.45 system-ui, sans-serif; text-align: left; color: #1d1d1f; background: #fff; }
.type { font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: #666; }
.section { font-size: 14px; color: #555; font-style: italic; margin-top: 1em; }
ul { padding-left: 1.2em; } .cloze { font-weight: bold; color: #0b63c5; }
"""

NOTE_MODEL = genanki.Model(
    NOTE_MODEL_ID,
    "Hip–Knee Explorer card",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Type"}, {"name": "Section"}],
    templates=[
        {
            "name": "Card",
            "qfmt": "<div class='type'>{{Type}}</div><h2>{{Front}}</h2>",
            "afmt": "{{FrontSide}}<hr id='answer'>{{Back}}<div class='section'>Article section: {{Section}}</div>",
        }
    ],
    css=CSS,
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Hip–Knee Explorer chain",
    fields=[{"name": "Text"}, {"name": "Section"}],
    templates=[
        {
            "name": "Chain",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<div class='section'>Article section: {{Section}}</div>",
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def field(text: str) -> str:
    """Text from data as an inert Anki field: HTML escaped, no cloze or template syntax left.

    >>> field("<b>{{c1::x}}</b>")
    '&lt;b&gt;&#123;&#123;c1&#58;&#58;x&#125;&#125;&lt;/b&gt;'
    """
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


def tag(text: str) -> str:
    """A single Anki tag (no spaces; letters, digits, ``-`` and ``_`` only).

    >>> tag("Pain in the Knee")
    'Pain_in_the_Knee'
    """
    return re.sub(r"[^\w-]+", "_", text, flags=re.ASCII).strip("_") or "none"


@dataclass(frozen=True)
class AnkiNote:
    """One note as it goes into the deck: its model, GUID, HTML fields and tags."""

    kind: str  # "card" or "chain"
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def _card_note(G: nx.MultiDiGraph, card: Card) -> AnkiNote:
    back = [f"<p>{field(card.description or 'The article gives no description.')}</p>"]
    if card.relations:
        back.append("<ul>" + "".join(f"<li>{field(r)}</li>" for r in card.relations) + "</ul>")
    return AnkiNote(
        "card",
        genanki.guid_for(GUID_SPACE, "card", card.node),
        (field(card.front), "".join(back), field(card.type), field(card.section)),
        ("hipknee", f"type::{tag(G.nodes[card.node]['type'])}", f"section::{tag(card.section)}"),
    )


def _cloze(sentence: str, labels: list[tuple[str, int]]) -> str | None:
    """``sentence`` as a cloze field, blanking each (label, number) with number > 0, or None if one is missing.

    Labels are found in order (a path's sentence names its nodes in path order), so a
    label that also occurs inside an earlier one is found in its own place.
    """
    spans: list[tuple[int, int, int]] = []
    at = 0
    for label, number in labels:
        match = re.compile(re.escape(label), re.IGNORECASE).search(sentence, at)
        if match is None:
            return None
        at = match.end()
        if number:
            spans.append((match.start(), match.end(), number))
    out, at = [], 0
    for start, end, number in spans:
        out.append(field(sentence[at:start]))
        out.append(f"{{{{c{number}::{field(sentence[start:end])}}}}}")
        at = end
    out.append(field(sentence[at:]))
    return "".join(out)


def _level(G: nx.MultiDiGraph, chain: tuple[str, ...], said_of: dict[tuple[str, ...], str]) -> str:
    how = said_of.get(chain)
    return f" (The article says this of {G.nodes[chain[0]]['label']} {how}.)" if how else ""


def _distinct_chains(G: nx.MultiDiGraph) -> dict[tuple[str, ...], str]:
    """Every distinct chain of every symptom's grouped trace -> the level it is said at ("" for a cause)."""
    found: dict[tuple[str, ...], str] = {}
    for symptom in nodes_with_role(G, "symptom"):
        t = grouped_trace(G, symptom)
        for c in t.whole:
            for chain in c.chains:
                found.setdefault(chain, "as a whole")
        for g in t.groups:
            for c in g.causes:
                how = "as a group" if c.id == g.id and g.kind == "group" else ""
                for chain in c.chains:
                    found.setdefault(chain, how)
    return found


def _chain_notes(G: nx.MultiDiGraph) -> list[AnkiNote]:
    """One cloze note per distinct chain: the cause blanked (c1), then its mechanisms, or the symptom (c2)."""
    notes: list[AnkiNote] = []
    said_of = _distinct_chains(G)
    for chain in sorted(said_of, key=lambda c: [G.nodes[n]["label"] for n in c]):
        if chain[:-1] in said_of and schema_of(G).chain_words(G[chain[-2]][chain[-1]]):
            continue  # a form of a symptom ("which can show as") another note already reaches: no new claim
        middle = [n for n in chain[1:-1] if role(G, n) != "cause"]
        second = middle or [chain[-1]]
        sentence = chain_sentence(G, chain)
        labels = [(G.nodes[n]["label"], 1 if i == 0 else (2 if n in second else 0)) for i, n in enumerate(chain)]
        text = _cloze(sentence, labels)
        if text is None or len(chain) > 6:
            continue
        sections = [G.edges[a, b, k]["section"] for a, b in itertools.pairwise(chain) for k in list(G[a][b])[:1]]
        notes.append(
            AnkiNote(
                "chain",
                genanki.guid_for(GUID_SPACE, "chain", *chain),
                (text + field(_level(G, chain, said_of)), field("; ".join(dict.fromkeys(sections)))),
                (
                    "hipknee",
                    "type::chain",
                    f"symptom::{tag(chain[-1])}",
                    *(f"section::{tag(s)}" for s in dict.fromkeys(sections)),
                ),
            )
        )
    return notes


def anki_notes(G: nx.MultiDiGraph) -> list[AnkiNote]:
    """Every note of the deck: one per flashcard, then the chain clozes.

    >>> from graph import load_graph
    >>> notes = anki_notes(load_graph())
    >>> sum(n.kind == "card" for n in notes) == len(flashcards(load_graph()))
    True
    """
    return [*(_card_note(G, c) for c in flashcards(G)), *_chain_notes(G)]


def _deck(G: nx.MultiDiGraph) -> genanki.Deck:
    title = G.graph.get("title") or "the article"
    deck = genanki.Deck(DECK_ID, "Hip–Knee Explorer", description=f"Flashcards from {html.escape(capitalize(title))}")
    for note in anki_notes(G):
        model = NOTE_MODEL if note.kind == "card" else CLOZE_MODEL
        deck.add_note(genanki.Note(model=model, fields=list(note.fields), guid=note.guid, tags=list(note.tags)))
    return deck


def write_apkg(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the deck to ``path`` (an ``.apkg`` file Anki imports)."""
    with atomic_path(path) as tmp:  # genanki writes to a name: a temporary one beside it, then a rename
        genanki.Package(_deck(G)).write_to_file(str(tmp))


def to_apkg(G: nx.MultiDiGraph) -> bytes:
    """The deck as ``.apkg`` bytes (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hip-knee.apkg"
        write_apkg(G, path)
        return path.read_bytes()
