"""Quizzes over 5 seeds, checked against the article's claims (tests/fixtures/article_claims.yaml).

No answer may be a claim the article does not make (a `never` claim, or a group's care handed to a
member); a key said of one cause must be one the article states of it; a key said of a group or of
the condition as a whole is explained at that level; no distractor may be something the article
states for that very question.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.study import quiz

from .claims import load_claims

CLAIMS = load_claims()
SEEDS = range(5)
PER_SEED = 35
CARE_CATEGORIES = {"diagnosis", "treatment", "prevention", "posture_correction"}
PROBLEM_CATEGORIES = {"symptom", "cause", "mechanism"}
RELATION = {"treatment_of_cause": "treats", "diagnostic_of_cause": "diagnoses", "prevention_of_cause": "prevents"}


@pytest.fixture(scope="module")
def questions(G: nx.MultiDiGraph) -> list:
    found = [q for seed in SEEDS for q in quiz(G, PER_SEED, seed=seed)]  # never repeats within a quiz
    assert len(found) == len(SEEDS) * PER_SEED
    return found


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node]["label"])


def _stated(a: str, relation: str, b: str) -> bool:
    same = CLAIMS._same
    return any(c.relation == relation and same(c.source, a) and same(c.target, b) for c in CLAIMS.all_must())


def _problems(G: nx.MultiDiGraph, q) -> list[str]:
    wrong = _level_problems(q)
    if q.kind == "order_path":
        first, *rest = q.answer.split(" → ")
        return wrong + [f"order {q.answer!r}: {why}" for n in rest if (why := CLAIMS.is_never(first, "causes", n))]
    answer = q.option_nodes[q.options.index(q.answer)]
    others = [_label(G, n) for n in q.option_nodes if n != answer]
    check = CHECKS.get(q.kind, _care_problems if q.kind in RELATION else _no_problems)
    return wrong + check(q, _label(G, q.subject), _label(G, answer), others)


def _level_problems(q) -> list[str]:
    """A claim said of a group or of the condition as a whole is explained at that level."""
    at_level = f"as a {q.level}" in q.explanation or "as a whole" in q.explanation
    if q.level in ("group", "whole") and q.kind not in ("group_of_cause", "odd_one_out") and not at_level:
        return [f"a claim said of a {q.level} is not explained at that level: {q.explanation!r}"]
    return []


def _no_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    return []


def _cause_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    wrong: list[str] = []
    if why := CLAIMS.is_never(a, "causes", subject):
        wrong.append(f"answer {a!r} causes {subject!r}: {why}")
    if q.level == "cause" and not _stated(a, "causes", subject):
        wrong.append(f"answer {a!r}: the article does not tie it to {subject!r} in particular")
    for o in others:
        if _stated(o, "causes", subject):
            wrong.append(f"distractor {o!r} causes {subject!r} in the article")
        if "cause" not in CLAIMS.category_of(o):
            wrong.append(f"distractor {o!r} is not a cause in the article")
    return wrong


def _mechanism_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    wrong = [f"answer {a!r}: {why}"] if (why := CLAIMS.is_never(subject, "causes", a)) else []
    return wrong + [
        f"distractor {o!r} is a mechanism of {subject!r} in the article"
        for o in others
        if _stated(subject, "causes", o)
    ]


def _odd_one_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    home = CLAIMS.group_of(a)
    if home is not None and home.name == CLAIMS.canonical(subject):
        return [f"odd one {a!r} is one of {subject!r} in the article"]
    return []


def _group_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    group = CLAIMS.group_of(subject)
    if group is None:
        return []
    wrong: list[str] = []
    members = {m.name for g in CLAIMS.cause_groups for m in g.members}
    named = CLAIMS.canonical(a)
    if named in members | {g.name for g in CLAIMS.cause_groups} and named != group.name:
        example = any(
            CLAIMS.canonical(subject) in {e.name for e in c.examples} and c.name == named for c in group.causes
        )
        if not example:
            wrong.append(f"{subject!r} placed in {a!r}; the article puts it in {group.name!r}")
    return wrong + [
        f"distractor {o!r} is the group the article names {subject!r} in"
        for o in others
        if CLAIMS.canonical(o) == group.name
    ]


def _care_problems(q, subject: str, a: str, others: list[str]) -> list[str]:
    relation = RELATION[q.kind]
    wrong = [f"answer {a!r} {relation} {subject!r}: {why}"] if (why := CLAIMS.is_never(a, relation, subject)) else []
    for o in others:
        if _stated(o, relation, subject):
            wrong.append(f"distractor {o!r} {relation} {subject!r} in the article")
        if CLAIMS.category_of(a) and CLAIMS.category_of(o) and not (CLAIMS.category_of(a) & CLAIMS.category_of(o)):
            wrong.append(f"distractor {o!r} is of another kind than {a!r}: a student could answer by kind")
    return wrong


CHECKS = {
    "cause_of_symptom": _cause_problems,
    "mechanism_of_cause": _mechanism_problems,
    "odd_one_out": _odd_one_problems,
    "group_of_cause": _group_problems,
}


def test_no_quiz_answer_or_distractor_contradicts_the_article(G: nx.MultiDiGraph, questions: list) -> None:
    wrong = [f"{q.question} -> {problem}" for q in questions for problem in _problems(G, q)]
    assert not wrong, f"{len(wrong)} of {len(questions)} questions teach what the article does not say:\n" + "\n".join(
        wrong[:40]
    )


def test_every_question_names_its_claim_and_section(G: nx.MultiDiGraph, questions: list) -> None:
    headings = {s.heading for s in G.graph["schema"].sections}
    for q in questions:
        assert q.sections and set(q.sections) <= headings, q
        assert q.explanation.endswith("."), q
        if q.claim:
            source, relation, target = q.claim
            assert G.edges[source, target, relation]["section"] in q.sections, q
