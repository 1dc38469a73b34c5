"""Study mode: quizzes, flashcards and study sheets generated from the graph.

Every answer is traceable: a question carries the claim that makes its answer
right (as a sentence and as the stored edge), the article sections it rests on,
and a deep link that opens it in the explorer. Care is asked only where the
article gives it (a group's care is asked of the group, never of its members).
Distractors are of another category altogether (a treatment offered among
causes, a cause among treatments), so they are wrong by the article's own
categories, never merely "not linked in our graph".
"""

from __future__ import annotations

import html
import random
from collections import deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

import networkx as nx

from .cache import memo
from .errors import QueryError
from .explain import Step, TracePath, capitalize, make_path
from .export import escape_markdown
from .grouped import Care, GroupedTrace, grouped_trace
from .query import relations, trace
from .roles import role
from .schema import CARE_ROLES
from .text import agree, condition, is_plural
from .tracetext import chain_text, trace_markdown

__all__ = [
    "KINDS",
    "Card",
    "Question",
    "Review",
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

OPTIONS = 4
KINDS = (
    "cause_of_symptom",
    "treatment_of_cause",
    "diagnostic_of_cause",
    "prevention_of_cause",
    "group_of_cause",
    "not_cause_of_symptom",
    "order_path",
)
TOPICS = {
    "cause_of_symptom": "Causes of symptoms",
    "treatment_of_cause": "Treatments",
    "diagnostic_of_cause": "Diagnosis",
    "prevention_of_cause": "Prevention",
    "group_of_cause": "Groups of causes",
    "not_cause_of_symptom": "What is not a cause",
    "order_path": "Symptom → cause → treatment",
}
MEASURE_KIND = {  # question kind -> the care role it asks about
    "treatment_of_cause": "treatment",
    "diagnostic_of_cause": "diagnostic",
    "prevention_of_cause": "prevention",
}


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; ``answer`` is one of ``options``."""

    kind: str
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    sections: tuple[str, ...]
    subject: str
    link: dict[str, str] = field(default_factory=dict)
    note: str = ""
    option_nodes: tuple[str, ...] = ()  # node ids of the options, where the options are nodes
    claim: tuple[str, ...] = ()  # the stored edge (source, relation, target) the answer rests on

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``kind``, ``question``, ``options``, ``answer``, ``explanation``, ``sections``, …)."""
        data = asdict(self)
        data["options"] = list(self.options)
        data["option_nodes"] = list(self.option_nodes)
        data["sections"] = list(self.sections)
        data["claim"] = list(self.claim)
        return data


# --- what is linked to what -------------------------------------------------


def _roles(G: nx.MultiDiGraph, role: str) -> set[str]:
    return set(G.graph["schema"].edge_types_with_role(role))


def groups_of(G: nx.MultiDiGraph, node: str) -> dict[str, list[Step]]:
    """The groups ``node`` belongs to, at any level, each with the steps that climb there.

    Membership only: nothing the article says of a group is handed to its members here.
    """
    grouping = _roles(G, "grouping")
    found: dict[str, list[Step]] = {}
    frontier: list[tuple[str, list[Step]]] = [(node, [])]
    while frontier:
        member, steps = frontier.pop(0)
        for _, group, key in G.out_edges(member, keys=True):
            if key in grouping and group not in found and group != node:
                found[group] = [*steps, Step(member, group, key, True)]
                frontier.append((group, found[group]))
    return found


def measures_of(G: nx.MultiDiGraph, node: str, care: str) -> dict[str, list[Step]]:
    """Nodes playing the care role ``care`` that the article ties to ``node`` itself, each with its one step.

    A group's measures are the group's: they are not returned for its members.
    """
    addressing = _roles(G, "addressing")
    found: dict[str, list[Step]] = {}
    for _, m, key in G.out_edges(node, keys=True):
        if key in addressing and role(G, m) == care and m not in found:
            found[m] = [Step(node, m, key, True)]
    return found


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


# --- questions ----------------------------------------------------------------
# Every answer is a claim the article makes (named with its section); every
# distractor is of another kind altogether (a treatment among causes, a cause
# among treatments), so it is wrong by category, not merely "not linked here".


def _of_role(G: nx.MultiDiGraph, wanted: str) -> list[str]:
    return sorted(n for n in G if role(G, n) == wanted)


def _of_roles(G: nx.MultiDiGraph, wanted: Collection[str]) -> list[str]:
    return sorted(n for n in G if role(G, n) in wanted)


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return capitalize(G.nodes[node]["label"])


def _options(
    G: nx.MultiDiGraph, rng: random.Random, answer: str, pool: Iterable[str], exclude: Collection[str]
) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """The answer plus up to three distractors from ``pool`` (never in ``exclude``), shuffled, labels unique."""
    labels = {_label(G, answer)}
    wrong = [n for n in pool if n not in exclude and n != answer]
    rng.shuffle(wrong)
    picked: list[str] = []
    for n in wrong:
        if len(picked) == OPTIONS - 1:
            break
        if _label(G, n) not in labels:
            labels.add(_label(G, n))
            picked.append(n)
    nodes = [answer, *picked]
    rng.shuffle(nodes)
    note = "" if len(nodes) == OPTIONS else f"Only {len(nodes)} options: the graph has no more {{what}} to offer."
    return tuple(_label(G, n) for n in nodes), note, tuple(nodes)


def _claim_of(path: TracePath) -> tuple[str, str, str]:
    """The stored edge a path's last step rests on, as (source, relation, target)."""
    last = path.steps[-1]
    return (last.source, last.type, last.target)


def _ask_cause_of_symptom(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    chains = causes_of(G, symptom)
    if not chains:
        return None
    cause = rng.choice(sorted(chains))
    # distractors: things the article offers as care, never as a cause
    options, note, nodes = _options(G, rng, cause, _of_roles(G, CARE_ROLES), chains)
    path = chains[cause]
    return Question(
        "cause_of_symptom",
        f"Which of these can cause {G.nodes[symptom]['label']}?",
        options,
        _label(G, cause),
        f"{path.sentence} The other options are care the article offers, not causes.",
        path.sections,
        symptom,
        {"from": symptom, "to": cause},
        note.format(what="care measures"),
        nodes,
        _claim_of(path) if path.steps else (),
    )


def _ask_not_cause(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    chains = causes_of(G, symptom)
    care = _of_roles(G, CARE_ROLES)
    if len(chains) < OPTIONS - 1 or not care:
        return None
    odd = rng.choice(care)
    options, note, nodes = _options(G, rng, odd, sorted(chains), ())
    kind = G.graph["schema"].node_types[G.nodes[odd]["type"]].label.lower()
    example = chains[next(n for n in nodes if n != odd)]
    explanation = (
        f"{_label(G, odd)} is {_a(kind)} the article names ({G.nodes[odd]['section']}), not a cause. "
        f"The others are causes; for example: {example.sentence}"
    )
    return Question(
        "not_cause_of_symptom",
        f"Which of these is NOT a cause of {G.nodes[symptom]['label']}, but something the article offers as care?",
        options,
        _label(G, odd),
        explanation,
        (G.nodes[odd]["section"], *example.sections),
        symptom,
        {"trace": symptom},
        note.format(what="real causes"),
        nodes,
        (),
    )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _ask_measure(kind: str) -> Callable[[nx.MultiDiGraph, str, random.Random], Question | None]:
    care = MEASURE_KIND[kind]
    wording = {
        "treatment": "Which of these does the article offer to treat {x}?",
        "diagnostic": "Which test or step can reveal {x}?",
        "prevention": "Which of these helps prevent {x}?",
    }[care]

    def ask(G: nx.MultiDiGraph, cause: str, rng: random.Random) -> Question | None:
        linked = measures_of(G, cause, care)
        if not linked:
            return None
        answer = rng.choice(sorted(linked))
        # distractors: causes, mechanisms and symptoms, which the article never offers as care
        options, note, nodes = _options(G, rng, answer, _of_roles(G, ("cause", "mechanism", "symptom")), {cause})
        path = make_path(G, cause, linked[answer])
        level = " (the article says this of the group as a whole)" if _is_group(G, cause) else ""
        return Question(
            kind,
            wording.format(x=G.nodes[cause]["label"]),
            options,
            _label(G, answer),
            f"{path.sentence[:-1]}{level}. The other options are causes or symptoms, not {care} measures.",
            path.sections,
            cause,
            {"from": cause, "to": answer},
            note.format(what="causes and symptoms"),
            nodes,
            _claim_of(path),
        )

    return ask


def _is_group(G: nx.MultiDiGraph, node: str) -> bool:
    grouping = _roles(G, "grouping")
    return any(k in grouping for _, _, k in G.in_edges(node, keys=True))


def _ask_group(G: nx.MultiDiGraph, cause: str, rng: random.Random) -> Question | None:
    groups = groups_of(G, cause)
    if not groups:
        return None
    answer = next(iter(groups))  # the group the article names it in (the nearest)
    if not groups_of(G, answer):
        return None  # a top-level group (the umbrella) is not a group of causes to choose among
    # distractors: other cause groups, each of which the article gives other members
    all_groups = sorted({g for n in _of_role(G, "cause") for g in groups_of(G, n)} - set(groups) - {cause})
    all_groups = [g for g in all_groups if cause not in groups_of(G, g) and groups_of(G, g)]
    options, note, nodes = _options(G, rng, answer, all_groups, groups)
    path = make_path(G, cause, groups[answer][:1])
    return Question(
        "group_of_cause",
        f"In the article, which group of causes is {G.nodes[cause]['label']} named in?",
        options,
        _label(G, answer),
        f"{path.sentence} The article names each of the other groups with other members.",
        path.sections,
        cause,
        {"node": cause},
        note.format(what="groups"),
        nodes,
        _claim_of(path),
    )


def _ask_order(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    candidates = [
        (i, p)
        for i, p in enumerate(trace(G, symptom).paths)
        if role(G, p.nodes[-1]) == "treatment" and role(G, p.nodes[-2]) == "cause"
    ]
    if not candidates:
        return None
    index, path = rng.choice(candidates)
    cause = path.nodes[-2]
    chain = [symptom, cause, path.nodes[-1]]
    right = " → ".join(_label(G, n) for n in chain)
    orders = [(0, 2, 1), (1, 0, 2), (2, 1, 0), (1, 2, 0), (2, 0, 1)]
    rng.shuffle(orders)
    options = [right, *(" → ".join(_label(G, chain[i]) for i in o) for o in orders[: OPTIONS - 1])]
    rng.shuffle(options)
    return Question(
        "order_path",
        f"Put this chain in order, from the symptom to its cause to a treatment: "
        f"{', '.join(sorted(G.nodes[n]['label'] for n in chain))}.",
        tuple(options),
        right,
        path.sentence,
        path.sections,
        symptom,
        {"trace": symptom, "path": str(index + 1)},
        "",
        (),
        _claim_of(path),
    )


MAKERS: dict[str, tuple[str, Callable[[nx.MultiDiGraph, str, random.Random], Question | None]]] = {
    "cause_of_symptom": ("symptom", _ask_cause_of_symptom),
    "treatment_of_cause": ("cause", _ask_measure("treatment_of_cause")),
    "diagnostic_of_cause": ("cause", _ask_measure("diagnostic_of_cause")),
    "prevention_of_cause": ("cause", _ask_measure("prevention_of_cause")),
    "group_of_cause": ("cause", _ask_group),
    "not_cause_of_symptom": ("symptom", _ask_not_cause),
    "order_path": ("symptom", _ask_order),
}


def quiz(
    G: nx.MultiDiGraph, count: int = 10, seed: int | None = None, kinds: Collection[str] | None = None
) -> list[Question]:
    """``count`` questions, taking the kinds in turn; the same seed gives the same quiz.

    Kinds the graph cannot support (e.g. no groups in a small dataset) are skipped.

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
    ['cause_of_symptom', 'treatment_of_cause', 'diagnostic_of_cause']
    >>> all(x.answer in x.options and len(x.options) == 4 for x in q)
    True
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 10_000:
        raise QueryError(f"count must be a whole number from 1 to 10000, not {count!r}")
    chosen = list(KINDS) if kinds is None else [k for k in KINDS if k in kinds]
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise QueryError(f"unknown question kind(s): {', '.join(sorted(unknown))} (known: {', '.join(KINDS)})")
    rng = random.Random(seed)
    pools = {k: _of_role(G, MAKERS[k][0]) for k in chosen}
    questions: list[Question] = []
    seen: set[tuple[str, str, str]] = set()
    dead: set[str] = set()
    turn = 0
    while len(questions) < count and len(dead) < len(chosen):
        kind = chosen[turn % len(chosen)]
        turn += 1
        if kind in dead:
            continue
        made = None
        for _ in range(12):  # a few subjects, preferring a question not asked yet
            if not pools[kind]:
                break
            q = MAKERS[kind][1](G, rng.choice(pools[kind]), rng)
            if q is None or len(q.options) < 2:
                continue
            made = q
            if (q.kind, q.question, q.answer) not in seen:
                break
        if made is None:
            dead.add(kind)
            continue
        seen.add((made.kind, made.question, made.answer))
        questions.append(made)
    return questions


# --- spaced repetition within a session ----------------------------------------


@dataclass
class Review:
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
    schema = G.graph["schema"]
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
    """"Can be treated by (in severe cases …): a, b" — each condition kept, said once when all share it."""
    shown = r.nodes[:4]
    whens = list(r.when or (None,) * len(r.nodes))[: len(shown)]
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
