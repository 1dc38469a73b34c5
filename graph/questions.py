"""Quiz questions that make a student think: every option is of the kind the question asks for.

Each question asks one claim the article makes, at the level it makes it (a claim
of a group is asked of the group, a claim of the condition as a whole is not handed
to its causes). Distractors are of the same kind as the key (a cause among causes,
a treatment among treatments) and false for *that* question by the article: another
cause it does not tie to the symptom, a treatment it gives for something else, a
test that looks for something else. Nothing related to the subject is offered as
wrong: not the subject's groups or members, nor what leads to it or follows from
it, nor the parts or wholes of the key. Where the article offers no such
distractor, the question is not asked. Order questions read as the trace reads:
from the cause, ``→`` = leads to.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from .explain import Step, chain_sentence, clause, make_path
from .grouped import GroupedTrace, grouped_trace
from .hierarchy import members_of
from .roles import role
from .schema import schema_of
from .text import capitalize, join_words, noun

__all__ = ["KINDS", "MAKERS", "OPTIONS", "TOPICS", "Question", "groups_of", "measures_of"]

OPTIONS = 4
MIN_OPTIONS = 3  # fewer true distractors than this: the question is not asked
KINDS = (
    "cause_of_symptom",
    "mechanism_of_cause",
    "treatment_of_cause",
    "diagnostic_of_cause",
    "prevention_of_cause",
    "group_of_cause",
    "odd_one_out",
    "symptom_link",
    "order_path",
)
TOPICS = {
    "cause_of_symptom": "Causes of symptoms",
    "mechanism_of_cause": "How a cause reaches the knee",
    "treatment_of_cause": "Treatments",
    "diagnostic_of_cause": "Diagnosis",
    "prevention_of_cause": "Prevention",
    "group_of_cause": "Groups of causes",
    "odd_one_out": "Which is not in the group",
    "symptom_link": "How symptoms show and worsen",
    "order_path": "Cause → mechanism → symptom",
}
MEASURE_KIND = {  # question kind -> the care role it asks about
    "treatment_of_cause": "treatment",
    "diagnostic_of_cause": "diagnostic",
    "prevention_of_cause": "prevention",
}
_STOP = {"the", "and", "of", "in", "on", "or", "a", "an", "to", "for", "with", "from", "its"}


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
    level: str = "cause"  # the level the article says the claim at: "cause", "group" or "whole"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``kind``, ``question``, ``options``, ``answer``, ``explanation``, ``sections``, …)."""
        data = asdict(self)
        data["options"] = list(self.options)
        data["option_nodes"] = list(self.option_nodes)
        data["sections"] = list(self.sections)
        data["claim"] = list(self.claim)
        return data


# --- what is linked to what -------------------------------------------------


def _roles(G: nx.MultiDiGraph, role_name: str) -> set[str]:
    return set(schema_of(G).edge_types_with_role(role_name))


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


def _walk(G: nx.MultiDiGraph, node: str, forward: bool) -> set[str]:
    """Everything causal edges lead to from ``node`` (forward) or from which they lead to it."""
    causal = _roles(G, "causal")
    seen, todo = {node}, [node]
    while todo:
        v = todo.pop()
        edges = G.out_edges(v, keys=True) if forward else ((b, a, k) for a, b, k in G.in_edges(v, keys=True))
        for _, w, key in edges:
            if key in causal and w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


def _umbrellas(G: nx.MultiDiGraph) -> set[str]:
    """Top-level groups of causes (hip alignment issues): what is said of them holds for the condition."""
    return {n for n in G if role(G, n) == "cause" and members_of(G, n) and not groups_of(G, n)}


def _related(G: nx.MultiDiGraph, node: str) -> set[str]:
    """What a claim about ``node`` may also be true of: itself, its groups (below the condition as a
    whole) and members, and whatever leads to them or follows from them."""
    near = {node, *(set(groups_of(G, node)) - _umbrellas(G)), *members_of(G, node)}
    return {r for n in near for r in (*_walk(G, n, True), *_walk(G, n, False))} | near


def _family(G: nx.MultiDiGraph, node: str) -> set[str]:
    """``node``, its groups and its members (a part or a whole of the key is never a distractor)."""
    return {node, *groups_of(G, node), *members_of(G, node)}


# --- building a question ----------------------------------------------------------


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return capitalize(G.nodes[node]["label"])


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.casefold()) if w not in _STOP and len(w) > 3}


def _tautology(G: nx.MultiDiGraph, subject: str, answer: str) -> bool:
    """The key repeats the subject's words ("poor posture" — "maintaining good posture")."""
    return bool(_words(G.nodes[subject]["label"]) & _words(G.nodes[answer]["label"]))


def _options(
    G: nx.MultiDiGraph, rng: random.Random, answer: str, pool: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The key plus up to three distractors from ``pool``, shuffled, labels unique; None when too few."""
    labels = {_label(G, answer)}
    wrong = sorted(set(pool) - _family(G, answer))
    rng.shuffle(wrong)
    picked: list[str] = []
    for n in wrong:
        if len(picked) == OPTIONS - 1:
            break
        if _label(G, n) not in labels:
            labels.add(_label(G, n))
            picked.append(n)
    if len(picked) + 1 < MIN_OPTIONS:
        return None
    nodes = [answer, *picked]
    rng.shuffle(nodes)
    return tuple(_label(G, n) for n in nodes), tuple(nodes)


def _choice(
    G: nx.MultiDiGraph,
    rng: random.Random,
    answer: str,
    pool: Iterable[str],
    *,
    explain: str | Callable[[tuple[str, ...]], str],
    kind: str,
    question: str,
    sections: tuple[str, ...],
    subject: str,
    link: dict[str, str],
    claim: tuple[str, ...],
    level: str = "cause",
) -> Question | None:
    """A multiple-choice question on node ``answer`` with distractors from ``pool`` (see
    :func:`_options`); None when the article offers too few. ``explain`` is the explanation,
    or makes it from the option nodes (when it speaks of the distractors)."""
    made = _options(G, rng, answer, pool)
    if made is None:
        return None
    options, nodes = made
    return Question(
        kind=kind,
        question=question,
        options=options,
        answer=_label(G, answer),
        explanation=explain(nodes) if callable(explain) else explain,
        sections=sections,
        subject=subject,
        link=link,
        option_nodes=nodes,
        claim=claim,
        level=level,
    )


def _of_role(G: nx.MultiDiGraph, wanted: str) -> list[str]:
    return sorted(n for n in G if role(G, n) == wanted)


def _article_groups(G: nx.MultiDiGraph) -> list[str]:
    """Cause groups with member causes that are themselves inside a larger group (not the umbrella)."""
    return [g for g in _of_role(G, "cause") if members_of(G, g) and groups_of(G, g)]


def _chain_steps_section(G: nx.MultiDiGraph, chain: tuple[str, ...]) -> tuple[str, ...]:
    sections: list[str] = []
    for a, b in itertools.pairwise(chain):
        sec = G.edges[a, b, next(iter(G[a][b]))]["section"]
        if sec not in sections:
            sections.append(sec)
    return tuple(sections)


def _first_claim(G: nx.MultiDiGraph, chain: tuple[str, ...]) -> tuple[str, ...]:
    """The stored edge (source, relation, target) of a chain's first step."""
    return (chain[0], next(iter(G[chain[0]][chain[1]])), chain[1])


def _level_note(G: nx.MultiDiGraph, node: str, level: str) -> str:
    if level == "whole":
        return f" The article says this of {G.nodes[node]['label']} as a whole, not of each cause."
    if level == "group":
        return f" The article says this of {G.nodes[node]['label']} as a group, not of each member."
    return ""


# --- the kinds of question ----------------------------------------------------------


def _specific(t: GroupedTrace) -> dict[str, tuple[tuple[str, ...], str]]:
    """Causes (and groups said of as a group) that reach the trace's symptom: id -> (first chain, level)."""
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    for g in t.article_groups:
        for c in g.causes:
            found[c.id] = (c.chains[0], "group" if g.said_of_group else "cause")
    return found


def _ask_cause_of_symptom(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    t = grouped_trace(G, symptom)
    tied = _specific(t)
    if not tied:
        return None
    answer = rng.choice(sorted(tied))
    chain, level = tied[answer]
    near = {r for n in tied for r in _family(G, n)}
    if level == "group":
        pool = [g for g in _article_groups(G) if g not in near and not groups_of(G, g).keys() & set(tied)]
        stem = f"Which cause group does the article tie {G.nodes[symptom]['label']} to, as a group?"
    else:
        members = {m for g in _article_groups(G) for m in members_of(G, g)}
        pool = [c for c in members if c not in near and role(G, c) == "cause"]
        whole = f" (not only through {G.nodes[t.whole[0].id]['label']} as a whole)" if t.whole else ""
        stem = f"Which of these does the article tie to {G.nodes[symptom]['label']} by a chain of its own{whole}?"
    return _choice(
        G,
        rng,
        answer,
        pool,
        kind="cause_of_symptom",
        question=stem,
        explain=chain_sentence(G, chain)
        + _level_note(G, answer, level)
        + " The article ties none of the others to it.",
        sections=_chain_steps_section(G, chain),
        subject=symptom,
        link={"from": symptom, "to": answer},
        claim=_first_claim(G, chain),
        level=level,
    )


def _ask_mechanism(G: nx.MultiDiGraph, cause: str, rng: random.Random) -> Question | None:
    chains = [
        c.chains[0]
        for s in _main_symptoms(G)
        for g in grouped_trace(G, s).article_groups
        for c in g.causes
        if c.id == cause and not g.said_of_group and len(c.chains[0]) > 2
    ]
    if not chains:
        return None
    chain = rng.choice(sorted(chains))
    answer = chain[1]
    if role(G, answer) != "mechanism":
        return None
    pool = [m for m in _of_role(G, "mechanism") if m not in _related(G, cause)]
    return _choice(
        G,
        rng,
        answer,
        pool,
        kind="mechanism_of_cause",
        question=f"Through which of these can {noun(G, cause)} lead to {G.nodes[chain[-1]]['label']}, in the article?",
        explain=chain_sentence(G, chain) + " The article does not tie the others to it.",
        sections=_chain_steps_section(G, chain),
        subject=cause,
        link={"from": chain[-1], "to": cause},
        claim=_first_claim(G, chain),
    )


def _ask_measure(kind: str) -> Callable[[nx.MultiDiGraph, str, random.Random], Question | None]:
    care = MEASURE_KIND[kind]
    wording = {
        "treatment": "Which of these does the article offer to treat {x} in particular?",
        "diagnostic": "Which test or step does the article name for finding {x} in particular?",
        "prevention": "Which of these does the article name for preventing {x} in particular?",
    }[care]

    def ask(G: nx.MultiDiGraph, subject: str, rng: random.Random) -> Question | None:
        linked = {m: s for m, s in measures_of(G, subject, care).items() if not _tautology(G, subject, m)}
        if not linked:
            return None
        answer = rng.choice(sorted(linked))
        related = _related(G, subject)
        whole = _umbrellas(G)  # the condition's care is said of it as a whole: never "for something else"
        addressing = _roles(G, "addressing")
        pool: dict[str, str] = {}  # distractor -> a problem the article gives it for instead
        for u, m, key in G.edges(keys=True):
            if key in addressing and role(G, m) == care and u not in related | whole and m not in pool:
                pool[m] = u
        for u, m, key in G.edges(keys=True):  # never one the article also gives for the subject's kin
            if key in addressing and u in related:
                pool.pop(m, None)
        path = make_path(G, subject, linked[answer])
        level = "group" if members_of(G, subject) and groups_of(G, subject) else "cause"
        level = "whole" if members_of(G, subject) and not groups_of(G, subject) else level

        def explain(nodes: tuple[str, ...]) -> str:
            for_others = [
                clause(G, pool[n], [Step(pool[n], n, next(iter(G[pool[n]][n])), True)]) for n in nodes if n != answer
            ]
            return (
                f"{path.sentence}{_level_note(G, subject, level)} The others are for something else: "
                f"{'; '.join(for_others)}."
            )

        return _choice(
            G,
            rng,
            answer,
            pool,
            kind=kind,
            question=wording.format(x=noun(G, subject)),
            explain=explain,
            sections=path.sections,
            subject=subject,
            link={"from": subject, "to": answer},
            claim=(subject, linked[answer][0].type, answer),
            level=level,
        )

    return ask


def _ask_group(G: nx.MultiDiGraph, cause: str, rng: random.Random) -> Question | None:
    groups = groups_of(G, cause)
    if not groups:
        return None
    answer = next(iter(groups))  # the group the article names it in (the nearest)
    if not groups_of(G, answer):
        return None  # a top-level group (the umbrella) is not a group of causes to choose among
    pool = [g for g in _article_groups(G) if g not in groups and g != cause and cause not in members_of(G, g)]
    pool += [g for g in _of_role(G, "cause") if g not in groups and members_of(G, g) and groups_of(G, g)]
    path = make_path(G, cause, groups[answer][:1])
    return _choice(
        G,
        rng,
        answer,
        [g for g in pool if g not in _family(G, cause)],
        kind="group_of_cause",
        question=f"In the article, which group of causes is {noun(G, cause)} named in?",
        explain=f"{path.sentence} The article names each of the other groups with other members.",
        sections=path.sections,
        subject=cause,
        link={"node": cause},
        claim=(cause, groups[answer][0].type, answer),
        level="group",
    )


def _ask_odd_one_out(G: nx.MultiDiGraph, group: str, rng: random.Random) -> Question | None:
    if group not in _article_groups(G):
        return None
    inside = [m for m in members_of(G, group) if groups_of(G, m).get(group) and len(groups_of(G, m)[group]) == 1]
    if len(inside) < OPTIONS - 1:
        return None
    others = [
        m
        for g in _article_groups(G)
        if g != group and group not in groups_of(G, g) and g not in groups_of(G, group)
        for m in members_of(G, g)
        if m not in members_of(G, group) and len(groups_of(G, m).get(g, [1, 1])) == 1
    ]
    if not others:
        return None
    odd = rng.choice(sorted(set(others)))
    home = next(iter(groups_of(G, odd)))
    picked = rng.sample(sorted(inside), OPTIONS - 1)
    nodes = [odd, *picked]
    rng.shuffle(nodes)
    return Question(
        kind="odd_one_out",
        question=f"Three of these are {_as_kinds(G, group)} in the article. Which one is not?",
        options=tuple(_label(G, n) for n in nodes),
        answer=_label(G, odd),
        explanation=f"{make_path(G, odd, groups_of(G, odd)[home][:1]).sentence} The others the article names under "
        f"{G.nodes[group]['label']}: {join_words([G.nodes[n]['label'] for n in picked])}.",
        sections=(G.edges[odd, home, "part_of"]["section"], G.nodes[group]["section"]),
        subject=group,
        link={"node": group},
        option_nodes=tuple(nodes),
        claim=(odd, "part_of", home),
        level="group",
    )


def _as_kinds(G: nx.MultiDiGraph, group: str) -> str:
    label = G.nodes[group]["label"]
    return label if G.nodes[group].get("number") == "plural" else f"kinds of {label}"


LINK_STEMS = {
    "shows_as": "In the article, {s} can show as which of these?",
    "worsens": "Which of these does the article say {s} can further worsen?",
    "accompanied_by": "Which of these does the article say {s} may come with?",
}


def _ask_symptom_link(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    links = [
        (key, t) for _, t, key in G.out_edges(symptom, keys=True) if key in LINK_STEMS and not _tautology(G, symptom, t)
    ]
    if not links:
        return None
    key, answer = rng.choice(sorted(links))
    related = _related(G, symptom) | {t for _, t, _ in G.out_edges(symptom, keys=True)}
    pool = [s for s in _of_role(G, "symptom") if s not in related and not _tautology(G, symptom, s)]
    path = make_path(G, symptom, [Step(symptom, answer, key, True)])
    label = G.nodes[symptom]["label"]
    return _choice(
        G,
        rng,
        answer,
        pool,
        kind="symptom_link",
        question=LINK_STEMS[key].format(s=label),
        explain=f"{path.sentence} The article does not tie the others to {label}.",
        sections=path.sections,
        subject=symptom,
        link={"node": symptom},
        claim=(symptom, key, answer),
    )


def _all_arrows(G: nx.MultiDiGraph, chain: tuple[str, ...]) -> bool:
    """Every step of ``chain`` reads as an arrow (→ = leads to): none is a symptom's form."""
    schema = schema_of(G)
    return not any(schema.chain_words(G[a].get(b, {})) for a, b in itertools.pairwise(chain))


def _ask_order(G: nx.MultiDiGraph, symptom: str, rng: random.Random) -> Question | None:
    t = grouped_trace(G, symptom)
    chains = sorted(
        chain
        for chain in {chain for g in t.article_groups for c in g.causes for chain in c.chains}
        | {chain for c in t.whole for chain in c.chains}
        if len(chain) in (3, 4) and _all_arrows(G, chain)
    )
    if not chains:
        return None
    chain = rng.choice(chains)
    if len({_label(G, n) for n in chain}) < len(chain):
        return None
    right = " → ".join(_label(G, n) for n in chain)
    orders = [o for o in _permutations(len(chain)) if list(o) != list(range(len(chain)))]
    rng.shuffle(orders)
    options = [right, *(" → ".join(_label(G, chain[i]) for i in o) for o in orders[: OPTIONS - 1])]
    rng.shuffle(options)
    level = "whole" if any(chain in c.chains for c in t.whole) else "cause"
    return Question(
        kind="order_path",
        question="Put these in the order the trace reads them, from the cause to the symptom (→ = leads to): "
        f"{join_words(sorted(G.nodes[n]['label'] for n in chain))}.",
        options=tuple(options),
        answer=right,
        explanation=chain_sentence(G, chain) + _level_note(G, chain[0], level),
        sections=_chain_steps_section(G, chain),
        subject=symptom,
        link={"trace": symptom},
        claim=_first_claim(G, chain),
        level=level,
    )


def _permutations(n: int) -> list[tuple[int, ...]]:
    from itertools import permutations

    return list(permutations(range(n)))


MAKERS: dict[str, tuple[str, Callable[[nx.MultiDiGraph, str, random.Random], Question | None]]] = {
    "cause_of_symptom": ("symptom", _ask_cause_of_symptom),
    "mechanism_of_cause": ("cause", _ask_mechanism),
    "treatment_of_cause": ("cause", _ask_measure("treatment_of_cause")),
    "diagnostic_of_cause": ("cause", _ask_measure("diagnostic_of_cause")),
    "prevention_of_cause": ("cause", _ask_measure("prevention_of_cause")),
    "group_of_cause": ("cause", _ask_group),
    "odd_one_out": ("cause", _ask_odd_one_out),
    "symptom_link": ("symptom", _ask_symptom_link),
    "order_path": ("symptom", _ask_order),
}


def _main_symptoms(G: nx.MultiDiGraph) -> list[str]:
    """Symptoms that are not a form of another (knee pain, not "knee pain from mild to severe")."""
    return [s for s in _of_role(G, "symptom") if not any(k == "shows_as" for _, _, k in G.in_edges(s, keys=True))]


def subjects(G: nx.MultiDiGraph, kind: str) -> list[str]:
    """The nodes a kind of question may be asked about (care is also asked of mechanisms and symptoms)."""
    if kind in MEASURE_KIND:
        return sorted(n for n in G if role(G, n) in ("cause", "mechanism", "symptom"))
    if kind in ("cause_of_symptom", "order_path"):
        return _main_symptoms(G)
    return _of_role(G, MAKERS[kind][0])
