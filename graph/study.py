"""Study mode: quizzes, flashcards and study sheets generated from the graph.

Every answer is traceable: a question carries the claim that makes its answer
right (as a sentence and as the stored edge), the article sections it rests on,
and a deep link that opens it in the explorer. Care is asked only where the
article gives it (a group's care is asked of the group, never of its members).
The questions themselves live in :mod:`graph.questions`: distractors of the
key's own kind, false for that question by the article.
"""

from __future__ import annotations

import html
import random
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import networkx as nx

from .cache import memo
from .errors import QueryError
from .explain import Step, TracePath, make_path, standing_condition
from .grouped import Care, GroupedTrace, grouped_trace
from .query import relations, trace
from .questions import KINDS, MAKERS, OPTIONS, TOPICS, Question, groups_of, measures_of, subjects
from .schema import schema_of
from .text import agree, capitalize, condition, escape_markdown, is_plural
from .tracetext import chain_text, trace_markdown

__all__ = [
    "KINDS",
    "OPTIONS",
    "TOPICS",
    "Card",
    "Question",
    "QuizRun",
    "Sheet",
    "causes_of",
    "flashcards",
    "groups_of",
    "measures_of",
    "quiz",
    "sheet_html",
    "sheet_markdown",
    "study_sheet",
]


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return capitalize(G.nodes[node]["label"])


def causes_of(G: nx.MultiDiGraph, symptom: str) -> dict[str, TracePath]:
    """The causes (and cause groups) a trace from ``symptom`` reaches, each with its first chain as a path."""

    def make() -> dict[str, TracePath]:
        t = grouped_trace(G, symptom)
        chains: dict[str, TracePath] = {}
        for group in t.groups:
            for cause in group.causes:
                chains[cause.id] = _chain_path(G, cause.chains[0])
            if group.id not in chains and group.causes and group.causes[0].id != group.id:
                chain = next((c for c in group.causes[0].chains if group.id in c), None)
                if chain is not None:
                    chains[group.id] = _chain_path(G, chain[chain.index(group.id) :])
        return chains

    return memo(G, "causes_of", symptom, make)


def _chain_path(G: nx.MultiDiGraph, chain: tuple[str, ...]) -> TracePath:
    """A cause-to-symptom chain as a path read from the symptom ("Knee pain is caused by ...")."""
    steps = []
    for a, b in pairwise(chain):
        key = next(iter(G[a][b]))
        steps.append(Step(a, b, key, False))
    steps.reverse()
    return make_path(G, chain[-1], steps)


def quiz(
    G: nx.MultiDiGraph, count: int = 10, seed: int | None = None, kinds: Collection[str] | None = None
) -> list[Question]:
    """``count`` questions, taking the kinds in turn; the same seed gives the same quiz.

    Kinds the graph cannot support (e.g. no groups in a small dataset) are skipped, and
    no question is asked twice: a quiz may hold fewer than ``count`` questions.

    Raises
    ------
    QueryError
        ``count`` is not a whole number from 1 to 10,000, or a kind is unknown.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> q = quiz(G, 3, seed=1)
    >>> [x.kind for x in q]
    ['cause_of_symptom', 'mechanism_of_cause', 'treatment_of_cause']
    >>> all(x.answer in x.options and len(x.options) >= 3 for x in q)
    True
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 10_000:
        raise QueryError(f"count must be a whole number from 1 to 10000, not {count!r}")
    chosen = list(KINDS) if kinds is None else [k for k in KINDS if k in kinds]
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise QueryError(f"unknown question kind(s): {', '.join(sorted(unknown))} (known: {', '.join(KINDS)})")
    rng = random.Random(seed)
    pools = {k: subjects(G, k) for k in chosen}
    questions: list[Question] = []
    asked: set[str] = set()
    dead: set[str] = set()
    turn = 0
    while len(questions) < count and len(dead) < len(chosen):
        kind = chosen[turn % len(chosen)]
        turn += 1
        if kind in dead:
            continue
        made = _new_question(G, kind, pools[kind], rng, asked)
        if made is None:
            dead.add(kind)  # every subject tried: nothing new the article supports
            continue
        asked.add(made.question)
        questions.append(made)
    return questions


def _new_question(
    G: nx.MultiDiGraph, kind: str, pool: list[str], rng: random.Random, asked: set[str]
) -> Question | None:
    """A question of ``kind`` not asked yet (its wording never repeats in a quiz), or None."""
    order = list(pool)
    rng.shuffle(order)
    for subject in order:
        for _ in range(3):  # a subject may give another key on another try
            q = MAKERS[kind][1](G, subject, rng)
            if q is None:
                break
            if q.question not in asked:
                return q
    return None


# --- spaced repetition within a session ----------------------------------------


@dataclass
class QuizRun:
    """A quiz being taken: the order questions come in, the score, mastery per topic.

    A missed question comes back after ``gap`` others, until it is answered right.
    """

    questions: list[Question]
    gap: int = 2
    queue: deque[int] = field(default_factory=deque)
    right: int = 0
    answered: int = 0
    mastery: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.queue:
            self.queue = deque(range(len(self.questions)))

    @property
    def current(self) -> Question | None:
        """The question to ask now, or None when the quiz is done."""
        return self.questions[self.queue[0]] if self.queue else None

    def answer(self, choice: str) -> bool:
        """Mark the current question; returns whether ``choice`` was right."""
        if not self.queue:
            raise QueryError("the quiz is finished; start a new one")
        index = self.queue.popleft()
        q = self.questions[index]
        correct = choice == q.answer
        self.answered += 1
        self.right += correct
        topic = self.mastery.setdefault(q.kind, [0, 0])
        topic[0] += correct
        topic[1] += 1
        if not correct:
            self.queue.insert(min(self.gap, len(self.queue)), index)
        return correct


# --- flashcards and study sheets -------------------------------------------------


@dataclass(frozen=True)
class Card:
    """One flashcard: front (name and type), back (description, key relations, section)."""

    node: str
    front: str
    type: str
    description: str
    relations: tuple[str, ...]
    section: str


def flashcards(
    G: nx.MultiDiGraph, *, node_types: Collection[str] | None = None, around: str | None = None
) -> list[Card]:
    """One card per node (of ``node_types``; around a symptom: what its trace reaches)."""
    nodes: Iterable[str] = G
    if around is not None:
        result = trace(G, around)
        nodes = [around, *result.reached, *(p.nodes[-1] for p in result.paths)]
    cards: dict[str, Card] = {}
    schema = schema_of(G)
    for n in nodes:
        data = G.nodes[n]
        if n in cards or (node_types is not None and data["type"] not in node_types):
            continue
        rels = tuple(_relation_text(G, n, r) for r in relations(G, n)[:4])
        cards[n] = Card(
            n, _label(G, n), schema.node_types[data["type"]].label, data["description"], rels, data["section"]
        )
    return sorted(cards.values(), key=lambda c: (list(schema.node_types).index(G.nodes[c.node]["type"]), c.front))


def _relation_text(G: nx.MultiDiGraph, node: str, r: Any) -> str:
    """ "Can be treated by (in severe cases …): a, b" — each condition kept, said once when all share it.

    A node the article gives only under a condition (surgery) carries it even where the
    relation itself has none ("Is worked on by: hip arthroscopy (in severe cases …)").
    """
    shown = r.nodes[:4]
    whens = [w or standing_condition(G, m) for m, w in zip(shown, r.when or (None,) * len(r.nodes), strict=False)]
    head = capitalize(agree(r.phrase, is_plural(G, node)))
    more = " …" if len(r.nodes) > 4 else ""
    if len(set(whens)) == 1:
        return f"{head}{condition(whens[0])}: {', '.join(G.nodes[m]['label'] for m in shown)}{more}"
    items = [f"{G.nodes[m]['label']}{condition(w)}" for m, w in zip(shown, whens, strict=False)]
    return f"{head}: {'; '.join(items)}{more}"


@dataclass(frozen=True)
class Sheet:
    """A symptom's grouped trace, titled for revision: general care, cause groups, causes, chains, care."""

    symptom: str
    title: str
    trace: GroupedTrace

    @property
    def groups(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(group label, cause ids) in the article's order: the sheet's outline."""
        return tuple((capitalize(g.label), tuple(c.id for c in g.causes)) for g in self.trace.groups)


def study_sheet(G: nx.MultiDiGraph, symptom: str) -> Sheet:
    """Everything the article says around one symptom, organised as the trace is (see :func:`grouped_trace`)."""
    return Sheet(symptom, f"Study sheet: {G.nodes[symptom]['label']}", grouped_trace(G, symptom))


def sheet_markdown(G: nx.MultiDiGraph, sheet: Sheet) -> str:
    """The study sheet as Markdown (text from data escaped), laid out like the grouped trace."""
    body = trace_markdown(G, sheet.trace).splitlines()[1:]
    head = [
        f"# {escape_markdown(sheet.title)}",
        "",
        f"*From the article {escape_markdown(G.graph.get('title', ''))}.*",
        "",
    ]
    return "\n".join(head + body) + "\n"


def sheet_html(G: nx.MultiDiGraph, sheet: Sheet) -> str:
    """The study sheet as a printable, self-contained HTML page (text from data escaped)."""
    e = html.escape
    t = sheet.trace

    def care_list(care: Care, lead: str = "") -> list[str]:
        rows = []
        for key in ("find", "treat", "prevent"):
            items = getattr(care, key)
            if items:
                listed = "; ".join(
                    f"{e(i.label)}{' (' + e(i.when) + ')' if i.when else ''} <span class='src'>[{e(i.section)}]</span>"
                    for i in items
                )
                rows.append(f"<li><strong>{e(lead)}{key}:</strong> {listed}</li>")
        return rows

    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(sheet.title)}</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}"
        "h3{margin-bottom:.2em}.src{color:#555;font-style:italic}li{margin:.2em 0}</style></head><body>",
        f"<h1>{e(sheet.title)}</h1><p class='src'>From the article {e(G.graph.get('title', ''))}.</p>",
    ]
    general = care_list(t.general)
    if general:
        parts += ["<h2>In general</h2><ul>", *general, "</ul>"]
    for group in t.groups:
        parts.append(f"<h2>{e(capitalize(group.label))} <span class='src'>[{e(group.section)}]</span></h2>")
        said = care_list(group.care, f"for {group.label} in general, ")
        if said:
            parts += ["<ul>", *said, "</ul>"]
        for cause in group.causes:
            parts.append(f"<h3>{e(capitalize(cause.label))} <span class='src'>[{e(cause.section)}]</span></h3><ul>")
            parts += [f"<li>how: {e(chain_text(G, chain))}</li>" for chain in cause.chains]
            parts += care_list(cause.care)
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
