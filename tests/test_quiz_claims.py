"""1,000 quiz questions over 5 seeds, checked against the article's claims (tests/fixtures/article_claims.yaml).

No answer may be a claim the article does not make (a `never` claim, or a group's care handed to a
member), and no distractor may be something the article puts in the asked category.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.study import quiz

from .claims import load_claims

CLAIMS = load_claims()
SEEDS = range(5)
PER_SEED = 200
CARE_CATEGORIES = {"diagnosis", "treatment", "prevention", "posture_correction"}
PROBLEM_CATEGORIES = {"symptom", "cause", "mechanism"}
RELATION = {"treatment_of_cause": "treats", "diagnostic_of_cause": "diagnoses", "prevention_of_cause": "prevents"}


@pytest.fixture(scope="module")
def questions(G: nx.MultiDiGraph) -> list:
    found = [q for seed in SEEDS for q in quiz(G, PER_SEED, seed=seed)]
    assert len(found) == len(SEEDS) * PER_SEED
    return found


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node]["label"])


def _problems(G: nx.MultiDiGraph, q) -> list[str]:
    wrong: list[str] = []
    subject = _label(G, q.subject)
    if q.kind == "order_path":
        return wrong
    answer = q.option_nodes[q.options.index(q.answer)]
    others = [n for n in q.option_nodes if n != answer]
    a = _label(G, answer)
    if q.kind == "cause_of_symptom":
        if why := CLAIMS.is_never(a, "causes", subject):
            wrong.append(f"answer {a!r} causes {subject!r}: {why}")
        if CLAIMS.category_of(a) & CARE_CATEGORIES and "cause" not in CLAIMS.category_of(a):
            wrong.append(f"answer {a!r} is care in the article, not a cause")
        for o in others:
            if CLAIMS.category_of(_label(G, o)) & PROBLEM_CATEGORIES:
                wrong.append(f"distractor {_label(G, o)!r} is a cause/symptom in the article")
    elif q.kind == "not_cause_of_symptom":
        if "cause" in CLAIMS.category_of(a):
            wrong.append(f"'not a cause' answer {a!r} is a cause in the article")
        for o in others:
            label = _label(G, o)
            if why := CLAIMS.is_never(label, "causes", subject):
                wrong.append(f"option {label!r} offered as a cause of {subject!r}: {why}")
            if CLAIMS.category_of(label) & CARE_CATEGORIES and "cause" not in CLAIMS.category_of(label):
                wrong.append(f"option {label!r} offered as a cause, but the article names it care")
    elif q.kind == "group_of_cause":
        group = CLAIMS.group_of(subject)
        members = {m.name for g in CLAIMS.cause_groups for m in g.members}
        if group is not None and CLAIMS.canonical(a) in members | {g.name for g in CLAIMS.cause_groups}:
            named = CLAIMS.canonical(a)
            if named != group.name and not any(
                CLAIMS.canonical(subject) in {e.name for e in c.examples} and c.name == named for c in group.causes
            ):
                wrong.append(f"{subject!r} placed in {a!r}; the article puts it in {group.name!r}")
        for o in others:
            if group is not None and CLAIMS.canonical(_label(G, o)) == group.name:
                wrong.append(f"distractor {_label(G, o)!r} is the group the article names {subject!r} in")
    else:
        relation = RELATION[q.kind]
        if why := CLAIMS.is_never(a, relation, subject):
            wrong.append(f"answer {a!r} {relation} {subject!r}: {why}")
        for o in others:
            label = _label(G, o)
            if CLAIMS.category_of(label) & CARE_CATEGORIES:
                wrong.append(f"distractor {label!r} is care in the article (only 'not linked')")
    return wrong


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
        if q.kind != "not_cause_of_symptom":
            source, relation, target = q.claim
            assert G.edges[source, target, relation]["section"] in q.sections, q
