"""What the browser is asked to draw."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx
import pytest

from graph.grouped import grouped_trace
from graph.layout import positions
from graph.payload import label_rank, payload, standalone_html, view_rows
from graph.schema import schema_of
from graph.style import legend, node_style
from graph.tracelines import lines_of, members_in, trace_lines
from graph.view import LAYERED_MAX, MAX_DRAWN, neighbourhood_view, overview_view, trace_view, whole_view
from tests.claims import load_claims

if TYPE_CHECKING:  # names for the annotations only
    from graph.grouped import Care, CareItem, CauseTrace, GroupedTrace, GroupTrace
    from graph.tracelines import TraceLine
    from graph.view import View


def test_whole_view_payload_is_compact_and_complete(G) -> None:
    data = payload(G, whole_view(G))
    assert {n["id"] for n in data["nodes"]} == set(G)
    assert len(data["edges"]) == G.number_of_edges()
    cards = data.pop("details")["cards"]  # each drawn node's details card (issue 18), measured apart
    assert set(cards) == set(G)
    assert len(json.dumps(data)) < 50_000
    assert len(json.dumps(cards)) < 600 * G.number_of_nodes()
    assert data["options"]["physics"]["enabled"] is False
    node = next(n for n in data["nodes"] if n["id"] == "weak_gluteal_muscles")
    assert node["label"] == "Weak gluteal muscles" and node["group"] == "cause"
    assert data["options"]["groups"]["cause"]["shape"] == "diamond"
    assert "description" not in json.dumps(data["nodes"])


def test_every_type_has_its_own_colour_and_shape_pair(G) -> None:
    pairs = [(node_style(G, t).color, node_style(G, t).shape) for t in G.graph["schema"].node_types]
    assert len(set(pairs)) == len(pairs)
    assert [e["type"] for e in legend(G)] == [t for t in G.graph["schema"].node_types]


def test_layout_is_stable_and_shared_between_views(G) -> None:
    # Views too big to draw layered share one force layout: a node keeps its place from view to view.
    whole = positions(G, whole_view(G))
    around = neighbourhood_view(G, "knee_pain", depth=2)
    assert len(around.nodes) > LAYERED_MAX and around.levels is None
    assert all(p == whole[n] for n, p in positions(G, around).items())
    assert payload(G, whole_view(G)) == payload(G, whole_view(G))


def test_a_small_neighbourhood_or_whole_graph_is_drawn_layered_along_its_arrows(G, tiny) -> None:
    for graph, view in [(G, neighbourhood_view(G, "knee_pain", depth=1)), (tiny, whole_view(tiny))]:
        assert view.levels is not None and payload(graph, view)["layered"]
        assert payload(graph, view)["explorable"]  # a double-click still opens a node's neighbourhood
        pos = positions(graph, view)
        schema = schema_of(graph)
        for u, v, k in view.edges:  # causes left of what they lead to, care on the far side of its cause
            if schema.edge_types[k].role == "causal":
                assert pos[u][0] < pos[v][0], (u, v)
            elif schema.edge_types[k].role == "addressing":
                assert pos[v][0] < pos[u][0], (u, v)


def test_version_changes_only_with_the_drawing(G) -> None:
    a = payload(G, whole_view(G))["version"]
    b = payload(G, whole_view(G, node_types={"cause"}))["version"]
    assert a != b and a == payload(G, whole_view(G))["version"]


def test_neighbourhood_view_is_centred_and_highlighted(G) -> None:
    view = neighbourhood_view(G, "weak_gluteal_muscles", depth=2)
    assert view.nodes[0] == "weak_gluteal_muscles"
    assert view.highlight_nodes == {"weak_gluteal_muscles"}
    drawn = next(n for n in payload(G, view)["nodes"] if n["id"] == "weak_gluteal_muscles")
    assert drawn["borderWidth"] == 4


def test_views_are_bounded_and_say_so() -> None:
    big = nx.MultiDiGraph()
    from graph.load import default_schema

    big.graph["schema"] = default_schema()
    for i in range(MAX_DRAWN + 200):
        big.add_node(f"n{i}", type="cause", label=f"n{i}", description="", section="Alignment Issues", aliases=())
    for i in range(1, MAX_DRAWN + 200):
        big.add_edge(f"n{i}", "n0", "part_of", type="part_of", section="Alignment Issues")
    view = whole_view(big, limit=10_000)
    assert len(view.nodes) == MAX_DRAWN and view.total == MAX_DRAWN + 200 and view.cut
    assert view.nodes[0] == "n0"  # the best-connected node is kept first
    around = neighbourhood_view(big, "n0", depth=1, limit=50)
    assert len(around.nodes) == 50 and around.cut


def _x(pos: dict[str, tuple[float, float]], n: str) -> float:
    return pos[n][0]


def test_trace_unfolds_symptom_then_cause_groups_then_causes(G) -> None:
    t = grouped_trace(G, "knee_pain")
    view = trace_view(G, t)
    pos = positions(G, view)
    assert _x(pos, "knee_pain") == max(x for x, _ in pos.values())  # causes -> the symptom, left to right
    outer = {g.id for g in t.groups} - set(t.general_nodes)
    drawn = set(view.nodes)
    assert all(g in drawn or any(g in members_in(t, o) for o in drawn) for g in outer)  # closed groups stay closed
    assert len(view.nodes) <= 30 and not view.faded
    care = {"diagnostic", "treatment", "prevention"}
    assert not [n for n in view.nodes if G.graph["schema"].role_of(G.nodes[n]["type"]) in care]  # care waits
    for g in t.groups:
        members = [c for c in g.causes if c.id != g.id]
        if members:
            assert view.names[g.id] == f"{g.label} ({len(members)})"
            opened = trace_view(G, t, open_=g.id)
            at = positions(G, opened)
            assert all(_x(at, c.id) < _x(at, g.id) for c in members if c.id in at)  # members before their group


def _care_role(G, n: str) -> bool:
    return G.graph["schema"].role_of(G.nodes[n]["type"]) in {"diagnostic", "treatment", "prevention"}


@dataclass(frozen=True)
class Opened:
    """One cause opened in the trace from one symptom, as drawn."""

    symptom: str
    trace: GroupedTrace
    lines: tuple[TraceLine, ...]
    cause: CauseTrace
    group: GroupTrace
    group_of: dict[str, GroupTrace]
    view: View
    pos: dict[str, tuple[float, float]]
    edges: set[tuple[str, str, str]]

    def care(self, owner: Care) -> list[CareItem]:
        return [i for k in ("find", "treat", "prevent") for i in getattr(owner, k)]


@pytest.fixture(scope="module")
def opened(G) -> list[Opened]:
    """Every cause of the traces from knee pain and hip pain, opened (built once for the tests below)."""
    result = []
    for symptom in ("knee_pain", "hip_pain"):
        t = grouped_trace(G, symptom)
        lines = trace_lines(G, t)
        group_of = {c.id: g for g in t.groups for c in g.causes}
        for cause in t.causes:
            view = trace_view(G, t, open_=cause.id)
            result.append(
                Opened(
                    symptom=symptom,
                    trace=t,
                    lines=lines,
                    cause=cause,
                    group=group_of[cause.id],
                    group_of=group_of,
                    view=view,
                    pos=positions(G, view),
                    edges=set(view.edges),
                )
            )
    assert {o.symptom for o in result} == {"knee_pain", "hip_pain"}  # the checks below never run empty
    return result


def test_opening_a_cause_draws_its_chains_with_the_mechanisms_between_symptom_and_cause(opened) -> None:
    for o in opened:
        for chain in o.cause.chains:  # every chain drawn, mechanisms between the symptom and the cause
            assert set(chain) <= set(o.view.nodes)
            for a, b in pairwise(chain):
                assert any(e[:2] == (a, b) for e in o.edges), (o.cause.id, a, b)
            for n in chain[1:-1]:
                if n not in o.group_of and n not in o.trace.general_nodes:
                    assert _x(o.pos, o.cause.id) < _x(o.pos, n) < _x(o.pos, o.symptom)


def test_opening_a_cause_hangs_care_on_the_node_the_article_says_it_of(opened) -> None:
    for o in opened:
        # Care hangs on the node the article says it of, on the far side of it from the symptom.
        for owner, items in ((o.cause.id, o.care(o.cause.care)), (o.group.id, o.care(o.group.care))):
            for item in items:
                assert (owner, item.id, item.relation) in o.edges
                assert _x(o.pos, item.id) < _x(o.pos, owner)


def test_opening_a_cause_never_draws_its_groups_care_as_its_own(opened) -> None:
    for o in opened:
        own = {i.id for i in o.care(o.cause.care)}
        for item in o.care(o.group.care):
            if item.id not in own:  # the group's care is never drawn as the member's own
                assert not any(e[:2] == (o.cause.id, item.id) for e in o.edges)


def test_opening_a_cause_keeps_general_care_folded_until_its_line_is_chosen(G, opened) -> None:
    for o in opened:
        own = {i.id for i in (*o.care(o.cause.care), *o.care(o.group.care))} | {n for c in o.cause.chains for n in c}
        assert not ({i.id for i in o.care(o.trace.general)} - own) & set(o.view.nodes)
        chosen = next((i for i, ln in enumerate(o.lines) if ln.level == "general"), None)
        if chosen is not None:  # then it is drawn, on the nodes the article says it of
            shown = set(trace_view(G, o.trace, chosen, open_=o.cause.id).edges)
            assert set(o.lines[chosen].edges) <= shown


def test_opening_a_cause_draws_no_care_the_article_denies_of_it(G, opened) -> None:
    claims = load_claims()
    relation_of = {"detected_by": "diagnoses", "treated_by": "treats", "prevented_by": "prevents"}
    for o in opened:
        # No drawn care edge teaches what the article never says of this cause.
        for u, v, k in o.edges:
            if u == o.cause.id and _care_role(G, v):
                assert not claims.is_never(G.nodes[v]["label"], relation_of[k], G.nodes[u]["label"]), (u, v)


def test_opening_a_cause_writes_the_articles_condition_on_conditional_care(G, opened) -> None:
    claims = load_claims()
    for o in opened:
        # A care item the article gives only under a condition carries it on its drawn edge.
        for e in o.edges:
            condition = claims.condition_for(G.nodes[e[1]]["label"])
            if condition is not None and _care_role(G, e[1]):
                assert e in o.view.when and not condition.missing(o.view.when[e]), e


def test_opening_a_cause_draws_exactly_the_care_its_lines_list(G, opened) -> None:
    for o in opened:
        # What is drawn is exactly what the words list for this cause (general care folded).
        listed = [i for i in lines_of(o.trace, o.lines, o.cause.id) if o.lines[i].level != "general"]
        drawn_care = {n for n in o.view.nodes if _care_role(G, n)}
        assert drawn_care == {n for i in listed for n in o.lines[i].nodes if _care_role(G, n)}


def test_opening_a_cause_fades_the_other_causes_and_names_it_in_the_title(G, opened) -> None:
    for o in opened:
        others = {c.id for c in o.trace.causes} - {o.cause.id} - {o.group.id} - set(o.trace.general_nodes)
        others -= {n for chain in o.cause.chains for n in chain}
        assert others & set(o.view.nodes) <= o.view.faded and o.cause.id not in o.view.faded  # closed ones not drawn
        assert o.view.title == f"Trace from {G.nodes[o.symptom]['label']}: {o.cause.label}"


def test_a_chosen_line_opens_what_it_is_about_and_the_highlight_is_listed(G) -> None:
    t = grouped_trace(G, "knee_pain")
    lines = trace_lines(G, t)
    for i, line in enumerate(lines):
        view = trace_view(G, t, chosen=i)
        assert view.highlight_nodes <= set(view.nodes)
        assert view.highlight_edges == set(line.edges) <= set(view.edges)
        assert view.open == line.scope
        if line.scope is not None:
            assert i in lines_of(t, lines, view.open)
    # A line outside the open cause is not highlighted.
    a, b = t.causes[0].id, t.causes[-1].id
    other = next(i for i, ln in enumerate(lines) if ln.scope == b)
    assert not trace_view(G, t, chosen=other, open_=a).highlight_edges


def test_the_words_hold_every_chain_and_care_item_once_per_level(G) -> None:
    t = grouped_trace(G, "knee_pain")
    lines = trace_lines(G, t)
    chains = [ln.nodes for ln in lines if ln.kind == "how"]
    assert sorted(chains) == sorted(ch for c in t.causes for ch in c.chains)
    for c in t.causes:
        for key in ("find", "treat", "prevent"):
            items = getattr(c.care, key)
            got = [ln for ln in lines if ln.scope == c.id and ln.kind == key]
            assert len(got) == (1 if items else 0)
            if items:
                assert [e[1] for e in got[0].edges] == [i.id for i in items]  # article order
                for i in items:
                    assert i.label in got[0].sentence and (not i.when or i.when in got[0].sentence)


def test_overview_has_symptoms_cause_groups_and_care_groups_with_counts(G) -> None:
    claims = load_claims()
    view = overview_view(G)
    roles = {G.graph["schema"].role_of(G.nodes[n]["type"]) for n in view.nodes}
    assert roles == {"symptom", "cause", "diagnostic", "treatment", "prevention"}
    labels = {G.nodes[n]["label"]: n for n in view.nodes}
    for symptom in claims.symptoms:  # the article's four symptoms, and its cause groups
        assert symptom.name in labels
    groups = [labels[g.name] for g in claims.cause_groups]  # the three cause groups, not their umbrella
    members = {c.name for g in claims.cause_groups for c in g.members}
    assert not members & set(labels) and len(view.nodes) <= 25
    for g, name in view.names.items():  # a group is named with how many it holds
        assert name == f"{G.nodes[g]['label']} ({name.rsplit('(', 1)[1][:-1]})"
        assert g in view.unfoldable
    top = groups[0]
    assert any(e[0] == top and e[1] == "knee_pain" for e in view.edges)
    opened = overview_view(G, top)
    inside = [n for n in opened.nodes if n not in view.nodes]
    assert inside and opened.open == top and top in opened.unfoldable
    assert view.names[top] == f"{G.nodes[top]['label']} ({len(inside)})"


def test_label_rank_keeps_the_focus_and_symptoms_first(G) -> None:
    t = grouped_trace(G, "knee_pain")
    first, last = t.causes[0].id, t.causes[-1].id
    view = trace_view(G, t, open_=first)
    rank = label_rank(G, view)
    assert rank["knee_pain"] == 0 or rank[first] == 0
    assert rank[first] < rank[last]


def test_rows_read_as_sentences(G) -> None:
    rows = view_rows(G, neighbourhood_view(G, "kegel_exercises", depth=1))
    assert {
        "From": "Kegel exercises",
        "Relation": "is part of",
        "To": "pelvic floor exercises",
        "Section": "Pelvic Floor Exercises",
    } in rows


def test_standalone_html_is_offline_and_inert(tiny) -> None:
    H = tiny.copy()
    H.nodes["slump"]["label"] = "</script><img src=x onerror=alert(1)>"
    html = standalone_html(payload(H, whole_view(H)))
    assert "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg" in html
    assert not re.search(r"(src|href)=[\"']?https?://", html)
    assert "vis-network" in html and "drawGraph(" in html
