"""The flashcards as an Anki deck (``.apkg``), built with genanki.

One basic note per flashcard of :func:`graph.study.flashcards` (front, back, type,
article section; tagged by node type and section), plus cloze notes for the causal
chains a trace walks through a mechanism (symptom ← mechanism ← cause), where a
sentence with blanks reads better than a question.

Every id is fixed: the deck and the two note types have constant ids and each note's
GUID comes from stable node ids, so importing a newer export updates the student's
cards (and keeps their review history) instead of adding duplicates.

Every field is HTML: text from the data is escaped, and ``{``, ``}`` and ``:`` are
written as character references so nothing in a label can open a cloze or a template
field.
"""

from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import genanki
import networkx as nx

from .atomic import atomic_path
from .explain import capitalize
from .roles import nodes_with_role, role
from .study import Card, causes_of, flashcards

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


def _chain_notes(G: nx.MultiDiGraph) -> list[AnkiNote]:
    """Cloze notes for causal chains that pass through at least one mechanism."""
    notes: dict[str, AnkiNote] = {}
    for symptom in nodes_with_role(G, "symptom"):
        for cause, path in sorted(causes_of(G, symptom).items()):
            blanks = {m: 2 for m in path.nodes[1:-1] if role(G, m) == "mechanism"}
            if not blanks or len(path.nodes) > 6:
                continue
            text = _cloze(
                path.sentence, [(G.nodes[n]["label"], 1 if n == cause else blanks.get(n, 0)) for n in path.nodes]
            )
            if text is None:
                continue
            guid = genanki.guid_for(GUID_SPACE, "chain", symptom, cause)
            notes.setdefault(
                guid,
                AnkiNote(
                    "chain",
                    guid,
                    (text, field("; ".join(path.sections))),
                    (
                        "hipknee",
                        "type::chain",
                        f"symptom::{tag(symptom)}",
                        *(f"section::{tag(s)}" for s in dict.fromkeys(path.sections)),
                    ),
                ),
            )
    return list(notes.values())


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
