"""Queries: trace, connect, neighbourhood, name lookup."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import NodeNotFound, NoPath, QueryError
from graph.grouped import grouped_trace
from graph.lookup import find, resolve
from graph.query import connect, neighbourhood, relations, stats, trace
from graph.roles import nodes_with_role
from graph.schema import schema_of

MEASURES = {"diagnostic", "treatment", "prevention"}


def specific_causes(G: nx.MultiDiGraph) -> list[str]:
    """Causes with no members of their own: the most specific ones the article names."""
    return [
        n
        for n, t in G.nodes(data="type")
        if t == "cause" and not any(k == "part_of" for _, _, k in G.in_edges(n, keys=True))
    ]


def test_trace_from_knee_pain_reaches_every_specific_cause_with_care_at_some_level(G) -> None:
    result = trace(G, "knee_pain")
    leaves = specific_causes(G)
    assert len(leaves) >= 13
    assert set(leaves) <= set(result.causes)
    grouped = grouped_trace(G, "knee_pain")
    for group in grouped.groups:
        for cause in group.causes:
            # care is shown where the article gives it: on the cause or its group (general care,
            # given for every cause, is not enough on its own)
            assert cause.care or group.care, cause.id


def test_trace_paths_are_walks_that_read_as_sentences(G) -> None:
    result = trace(G, "knee_pain")
    for p in result.paths:
        assert p.nodes[0] == "knee_pain"
        assert len(set(p.nodes)) == len(p.nodes), "a path never visits a node twice"
        for step, (a, b) in zip(p.steps, zip(p.nodes, p.nodes[1:], strict=False), strict=True):
            assert (step.start, step.end) == (a, b)
            assert G.has_edge(step.source, step.target, step.type)
        assert p.sentence.startswith("Knee pain ") and p.sentence.endswith(".")
        sections = [G.edges[s.source, s.target, s.type]["section"] for s in p.steps]
        assert set(p.sections) == set(sections)


def test_trace_explains_weak_glutes_through_every_mechanism_the_article_gives(G) -> None:
    paths = [p for p in trace(G, "knee_pain").paths if p.nodes[-1] == "gluteal_strengthening"]
    assert len(paths) == 1 and paths[0].nodes[0] == "knee_pain" and paths[0].nodes[-2] == "weak_gluteal_muscles"
    assert paths[0].sections[-1] == "Strengthening Exercises"
    glutes = next(c for c in grouped_trace(G, "knee_pain").causes if c.id == "weak_gluteal_muscles")
    # the article: weak glutes -> compensatory movements -> strain on the knee; and, said of
    # all three muscle imbalances, misalignment and excessive stress on the knee
    assert ("weak_gluteal_muscles", "compensatory_movements", "knee_joint_stress", "knee_pain") in glutes.chains
    assert ("weak_gluteal_muscles", "knee_joint_stress", "knee_pain") in glutes.chains
    assert all(c[0] == "weak_gluteal_muscles" and c[-1] == "knee_pain" for c in glutes.chains)


def test_trace_never_hands_a_groups_care_to_its_members(G) -> None:
    grouping = set(schema_of(G).edge_types_with_role("grouping"))
    addressing = set(schema_of(G).edge_types_with_role("addressing"))
    for symptom in nodes_with_role(G, "symptom"):
        for p in trace(G, symptom).paths:
            climbs = [s for s in p.steps if s.type in grouping and s.forward]
            assert not (climbs and p.steps[-1].type in addressing), p.sentence
            assert len(p.nodes) == len(set(p.nodes))
        assert len({p.steps for p in trace(G, symptom).paths}) == len(trace(G, symptom).paths), "no duplicate path"


def test_trace_filters_measure_types(G) -> None:
    result = trace(G, "knee_pain", node_types={"diagnostic"})
    ends = {G.nodes[p.nodes[-1]]["type"] for p in result.paths}
    assert ends <= {"diagnostic", "cause"}
    assert "diagnostic" in ends


def test_trace_from_a_sign_reaches_the_symptom_it_shows(G) -> None:
    result = trace(G, "difficulty_kneeling")
    assert result.paths[0].nodes[:2] == ("difficulty_kneeling", "limited_range_of_motion")
    assert result.paths[0].sentence.startswith("Difficulty kneeling is a form of limited range of motion")  # issue 19
    assert "hip_alignment_issues" in result.reached
    assert set(specific_causes(G)) - {"structural_abnormalities", "hip_joint_degeneration"} <= set(result.causes)


def test_trace_on_tiny_dataset(tiny) -> None:
    result = trace(tiny, "ache")
    assert set(result.causes) == {"bad_habits", "slump", "lean"}
    sentences = [p.sentence for p in result.paths]
    assert "Ache is caused by strain, which results from slump, which is detected by look." in sentences
    # the group's prevention stays on the group: slump and lean do not inherit it
    assert "Ache is caused by bad habits, which is prevented by sitting up." in sentences
    assert not any("slump" in p.nodes and "sit_up" in p.nodes for p in result.paths)
    assert "Ache is caused by bad habits, which includes lean." in sentences


@pytest.mark.parametrize(
    ("node", "error", "message"),
    [
        ("nope", NodeNotFound, "no node matches 'nope'"),
        ("knee_pian", NodeNotFound, "did you mean knee_pain"),
        ("physical_therapy", QueryError, "'physical therapy' is a treatment, not a symptom"),
    ],
)
def test_trace_checks_its_input(G, node: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        trace(G, node)


def test_trace_rejects_bad_arguments(G) -> None:
    with pytest.raises(QueryError, match="cutoff must be a positive whole number"):
        trace(G, "knee_pain", cutoff=0)
    with pytest.raises(QueryError, match="unknown node type"):
        trace(G, "knee_pain", node_types={"potion"})


def test_trace_cutoff_shortens_chains(G) -> None:
    full = trace(G, "knee_pain")
    short = trace(G, "knee_pain", cutoff=1)
    assert set(short.reached) < set(full.reached)
    assert all(len(p.steps) <= 1 + 1 + 3 for p in short.paths)


def test_connect_reads_both_directions(G) -> None:
    paths = connect(G, "hip_flexor_stretching", "tight_hip_flexors")
    assert paths[0].sentence == "Hip flexor stretching can treat tight hip flexors."
    paths = connect(G, "weak_gluteal_muscles", "knee_pain", limit=3)
    assert 1 <= len(paths) <= 3
    assert all(p.nodes[0] == "weak_gluteal_muscles" and p.nodes[-1] == "knee_pain" for p in paths)
    assert len({p.nodes for p in paths}) == len(paths)
    assert [len(p.steps) for p in paths] == sorted(len(p.steps) for p in paths)


def test_connect_prefers_causal_stories_to_shared_anatomy(G) -> None:
    path = connect(G, "torn_hip_labrum", "knee_pain")[0]
    assert "affects" not in {s.type for s in path.steps}


def test_connect_errors(G, tiny) -> None:
    with pytest.raises(QueryError, match="same node on both ends"):
        connect(G, "knee_pain", "knee_pain")
    with pytest.raises(NodeNotFound):
        connect(G, "knee_pain", "unicorn")
    with pytest.raises(NoPath, match="not connected within 1 steps"):
        connect(G, "kegel_exercises", "knee_pain", cutoff=1)
    lonely = tiny.copy()
    lonely.add_node("island", type="symptom", label="island", description="", section="Care", aliases=())
    with pytest.raises(NoPath):
        connect(lonely, "island", "ache")


def test_neighbourhood_depth_and_filters(G) -> None:
    one = neighbourhood(G, "weak_gluteal_muscles", depth=1)
    two = neighbourhood(G, "weak_gluteal_muscles", depth=2)
    assert set(one) < set(two)
    assert set(one) == {
        "weak_gluteal_muscles",
        *G.successors("weak_gluteal_muscles"),
        *G.predecessors("weak_gluteal_muscles"),
    }
    treat = neighbourhood(G, "weak_gluteal_muscles", depth=2, node_types={"treatment"})
    assert {G.nodes[n]["type"] for n in treat} == {"cause", "treatment"}
    only = neighbourhood(G, "weak_gluteal_muscles", depth=3, edge_types={"treated_by"})
    assert {k for _, _, k in only.edges(keys=True)} == {"treated_by"}
    assert neighbourhood(G, "knee_pain", depth=0).number_of_nodes() == 1


@pytest.mark.parametrize("depth", [-1, 11, 1.5, True, "2"])
def test_neighbourhood_rejects_bad_depth(G, depth) -> None:
    with pytest.raises(QueryError, match="depth must be a whole number"):
        neighbourhood(G, "knee_pain", depth=depth)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("knee_pain", "knee_pain"),
        ("Knee Pain", "knee_pain"),
        ("kne pain", "knee_pain"),
        ("weak glutes", "weak_gluteal_muscles"),
        ("NSAIDs", "anti_inflammatory_drugs"),
        ("hip socket", "hip_socket"),
        ("x-rays", "x_ray"),
        ("Kegels", "kegel_exercises"),
        ("arthroscope", "arthroscope"),
        ("artificial hip", "prosthesis"),
        ("keyhole hip surgery", "hip_arthroscopy"),
        ("orthopaedic surgeon", "orthopedic_surgeon"),
    ],
)
def test_resolve_by_id_label_alias_and_typo(G, text: str, expected: str) -> None:
    assert resolve(G, text) == expected


def test_find_is_ranked_and_typo_tolerant(G) -> None:
    matches = find(G, "glutes")
    ids = [m.node for m in matches]
    assert ids[0] == "gluteal_muscles"
    assert "weak_gluteal_muscles" in ids[:4]
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert find(G, "   ") == []
    assert find(G, "qwxz") == []
    assert all(m.type == "cause" for m in find(G, "hip", node_types={"cause"}))


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "x" * 10_000, "\x00\x1b[2J", "🦵🦴", "'; DROP TABLE"])
def test_find_survives_hostile_text(G, text: str) -> None:
    assert isinstance(find(G, text), list)
    with pytest.raises(NodeNotFound):
        resolve(G, text)


def test_resolve_ambiguous_name_suggests(G) -> None:
    with pytest.raises(NodeNotFound) as info:
        resolve(G, "pain")
    assert {"knee_pain", "hip_pain"} <= set(info.value.suggestions)


def test_relations_group_by_phrase(G) -> None:
    rels = {r.phrase: r.nodes for r in relations(G, "weak_gluteal_muscles")}
    assert rels["is part of"] == ("muscle_imbalances",)
    assert set(rels["can be treated by"]) == {"gluteal_strengthening", "strengthening_exercises"}
    assert rels["can be detected by"] == ("muscle_strength_and_tightness_testing",)


def test_stats_counts(G) -> None:
    s = stats(G)
    assert s["nodes"] == G.number_of_nodes()
    assert sum(s["node_types"].values()) == s["nodes"]
    assert sum(s["edge_types"].values()) == s["edges"]
    assert s["sections_cited"] <= s["sections_total"]
