"""Study mode: every answer is right, no distractor is, and it all traces back to the article."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

from graph import QueryError
from graph.cli import main
from graph.study import KINDS, QuizRun, flashcards, quiz, sheet_html, sheet_markdown, study_sheet

from .conftest import TEST_DATA

SEEDS = range(8)


def roles(G: nx.MultiDiGraph, role: str) -> set[str]:
    return set(G.graph["schema"].edge_types_with_role(role))


def reaches(G: nx.MultiDiGraph) -> nx.DiGraph:
    """An independent reading of "X can cause S": causal edges, and a member is one of its group's
    causes (a claim about the group reaches the group's members only as the group's)."""
    D = nx.DiGraph()
    D.add_nodes_from(G)
    causal, grouping = roles(G, "causal"), roles(G, "grouping")
    for u, v, k in G.edges(keys=True):
        if k in causal or (k in grouping and G.nodes[u]["type"] == "cause"):
            D.add_edge(u, v)
    return D


def ancestors_by_grouping(G: nx.MultiDiGraph, node: str) -> set[str]:
    grouping = roles(G, "grouping")
    P = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k in grouping)
    return nx.descendants(P, node) if node in P else set()


def addressed(G: nx.MultiDiGraph, node: str, node_type: str) -> set[str]:
    """What the article ties to ``node`` itself (nothing inherited from its groups)."""
    addressing = roles(G, "addressing")
    return {m for _, m, k in G.out_edges(node, keys=True) if k in addressing and G.nodes[m]["type"] == node_type}


def node_of(q, label: str) -> str:
    return q.option_nodes[q.options.index(label)]


@pytest.fixture(scope="module")
def many(G) -> list:
    quizzes = [quiz(G, 35, seed=seed) for seed in SEEDS]
    for q in quizzes:
        assert len(q) == 35
        assert len({x.question for x in q}) == len(q), "a question repeats within a quiz"
    return [q for qs in quizzes for q in qs]


def test_every_kind_appears_and_options_are_well_formed(many) -> None:
    kinds = Counter(q.kind for q in many)
    assert set(kinds) == set(KINDS)
    for q in many:
        assert q.answer in q.options
        assert 3 <= len(q.options) <= 4, q
        assert len(set(q.options)) == len(q.options), q
        assert q.explanation.endswith(".") and q.sections


def test_answers_are_linked_and_distractors_are_of_the_same_kind_and_not_linked(G, many) -> None:
    D = reaches(G)
    C = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k in roles(G, "causal"))
    role = G.graph["schema"].role_of
    for q in many:
        if q.kind == "order_path":
            continue
        answer = node_of(q, q.answer)
        others = [node_of(q, o) for o in q.options if o != q.answer]
        s = q.subject
        # same kind as the key: a student cannot answer by kind alone
        assert all(role(G.nodes[o]["type"]) == role(G.nodes[answer]["type"]) for o in others), q
        if q.kind == "cause_of_symptom":
            assert nx.has_path(D, answer, s), q
            assert not any(o in ancestors_by_grouping(G, answer) for o in others), q
        elif q.kind == "mechanism_of_cause":
            assert nx.has_path(D, s, answer), q
            assert not any(nx.has_path(D, s, o) or nx.has_path(D, o, s) for o in others), q
        elif q.kind == "group_of_cause":
            groups = ancestors_by_grouping(G, s)
            assert answer in groups and not set(others) & groups, q
        elif q.kind == "odd_one_out":
            assert s not in ancestors_by_grouping(G, answer), q
            assert all(s in ancestors_by_grouping(G, o) for o in others), q
        elif q.kind == "symptom_link":
            assert G.has_edge(s, answer), q
            assert not any(G.has_edge(s, o) or G.has_edge(o, s) for o in others), q
        else:
            kind = {
                "treatment_of_cause": "treatment",
                "diagnostic_of_cause": "diagnostic",
                "prevention_of_cause": "prevention",
            }[q.kind]
            assert answer in addressed(G, s, kind), q
            # nothing the article ties to the subject's own kin (its groups below the condition as a
            # whole, its members, what leads to it or follows from it) is offered as wrong
            umbrella = {g for g in ancestors_by_grouping(G, s) if not ancestors_by_grouping(G, g)}
            kin = {s} | (ancestors_by_grouping(G, s) - umbrella)
            kin |= {m for m in G if s in ancestors_by_grouping(G, m)}
            near = kin | {r for n in kin if n in C for r in (*nx.ancestors(C, n), *nx.descendants(C, n))}
            assert not any(o in addressed(G, n, kind) for o in others for n in near), q
        assert q.claim and G.has_edge(q.claim[0], q.claim[2], q.claim[1]), q
        assert G.edges[q.claim[0], q.claim[2], q.claim[1]]["section"] in q.sections, q


def test_order_questions_read_from_the_cause_with_the_traces_arrow(G, many) -> None:
    from graph.grouped import grouped_trace

    def label(n: str) -> str:
        text = G.nodes[n]["label"]
        return text[:1].upper() + text[1:]

    orders = [q for q in many if q.kind == "order_path"]
    assert orders
    for q in orders:
        t = grouped_trace(G, q.subject)
        chains = {c for g in t.groups for x in g.causes for c in x.chains} | {c for x in t.whole for c in x.chains}
        right = [c for c in chains if " → ".join(label(n) for n in c) == q.answer]
        assert right, q  # a chain of the trace, in its direction: cause first, symptom last
        assert right[0][-1] == q.subject and "→ = leads to" in q.question
        for option in q.options:
            assert sorted(option.split(" → ")) == sorted(q.answer.split(" → "))
        assert len(set(q.options)) == len(q.options)


def test_same_seed_same_quiz(G) -> None:
    assert quiz(G, 25, seed=11) == quiz(G, 25, seed=11)
    assert quiz(G, 25, seed=11) != quiz(G, 25, seed=12)


def test_small_dataset_never_crashes_and_asks_only_what_it_can_ask_well(tiny) -> None:
    for seed in range(20):
        questions = quiz(tiny, 10, seed=seed)
        assert len({q.question for q in questions}) == len(questions)
        for q in questions:
            assert q.answer in q.options and len(q.options) >= 3


def test_quiz_arguments(G) -> None:
    with pytest.raises(QueryError, match="count must be"):
        quiz(G, 0)
    with pytest.raises(QueryError, match="unknown question kind"):
        quiz(G, 3, kinds={"riddle"})
    assert {q.kind for q in quiz(G, 6, seed=1, kinds={"group_of_cause"})} == {"group_of_cause"}


def test_missed_questions_come_back_sooner(G) -> None:
    review = QuizRun(quiz(G, 6, seed=2))
    first = review.current
    assert review.answer("certainly not an option") is False
    asked = [review.current]
    review.answer(review.current.answer)
    asked.append(review.current)
    review.answer(review.current.answer)
    assert review.current == first  # back after two others
    assert review.answer(first.answer) is True
    assert (review.right, review.answered) == (3, 4)
    assert review.mastery[first.kind] == [1, 2]
    while review.current:
        review.answer(review.current.answer)
    with pytest.raises(QueryError, match="finished"):
        review.answer("x")


def test_flashcards(G) -> None:
    cards = flashcards(G)
    assert len(cards) == G.number_of_nodes()
    card = next(c for c in cards if c.node == "weak_gluteal_muscles")
    assert card.front == "Weak gluteal muscles" and card.type == "Cause" and card.section == "Muscle Imbalances"
    assert any(r.startswith("Can be treated by: ") for r in card.relations)
    assert {c.type for c in flashcards(G, node_types={"treatment"})} == {"Treatment"}
    around = {c.node for c in flashcards(G, around="hip_pain")}
    assert {"hip_pain", "torn_hip_labrum", "hip_arthroscopy"} <= around and "kegel_exercises" not in around


def test_study_sheet(G) -> None:
    knee = study_sheet(G, "knee_pain")
    assert [name for name, _ in knee.groups][:3] == ["Muscle imbalances", "Alignment issues", "Injury or trauma"]
    assert "for muscle imbalances as a group" in sheet_markdown(G, knee)  # group-level care, labelled as such
    sheet = study_sheet(G, "hip_pain")
    # the article ties hip pain to hip alignment issues as a whole, and to a torn labrum in particular
    assert [name for name, _ in sheet.groups] == ["Injury or trauma"]
    labrum = next(c for c in sheet.trace.causes if c.id == "torn_hip_labrum")
    surgery = [i for i in labrum.care.treat if i.id == "hip_arthroscopy"]
    assert surgery and surgery[0].section == "Hip Arthroscopy" and surgery[0].when
    md = sheet_markdown(G, sheet)
    assert md.startswith("# Study sheet: hip pain")
    assert "Hip Arthroscopy" in md and "treat: " in md
    assert "Said of hip alignment issues as a whole" in md
    page = sheet_html(G, sheet)
    assert page.startswith("<!DOCTYPE html>") and "<h2>Injury or trauma <span" in page


def test_study_sheet_escapes_hostile_text() -> None:
    from graph import load_graph

    H = load_graph(TEST_DATA / "valid" / "hostile.yaml")
    page = sheet_html(H, study_sheet(H, "img"))
    assert "<svg onload" not in page and "&lt;svg onload=alert(1)&gt;" in page
    assert "\\<svg onload=alert\\(1\\)\\>" in sheet_markdown(H, study_sheet(H, "img"))


def test_cli_quiz_json(capsys) -> None:
    assert main(["quiz", "--count", "7", "--seed", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 7
    for q in data:
        assert {"kind", "question", "options", "answer", "explanation", "sections"} <= set(q)
        assert q["answer"] in q["options"]
    assert main(["quiz", "--count", "2", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ") and "   a) " in out and "Answer: " in out
