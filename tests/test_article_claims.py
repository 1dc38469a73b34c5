"""The graph and the trace against what the article says (tests/fixtures/article_claims.yaml).

The fixture is written from the article alone, so these tests are an oracle that
does not share the data's mistakes. They reach the graph only through public
functions and names (``graph.lookup.resolve``), never through the data's ids.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pytest

import graph.grouped
import graph.lookup
from graph.cli import main as cli_main
from graph.errors import NodeNotFound, QueryError

from .claims import CARE_KINDS, CARE_RELATION, CauseGroup, Claim, Claims, Name, load_claims

CLAIMS = load_claims()
SYMPTOMS = [s.name for s in CLAIMS.symptoms]

# How far a fixture relation may reach in the graph: the schema edge roles it may walk
# and the longest directed path that still reads as the article's one claim.
# ``causes`` may pass through a group the cause belongs to (a member of a cause group is
# a cause); care relations are one addressing edge, checked separately, never inherited.
PATH_RELATIONS: dict[str, tuple[frozenset[str], int]] = {
    "causes": (frozenset({"causal", "grouping"}), 4),
    "leads_to": (frozenset({"causal"}), 3),
    "part_of": (frozenset({"grouping"}), 2),
    "example_of": (frozenset({"grouping"}), 2),
}
# The node role a care relation's measure plays (graph.schema.NODE_ROLES).
CARE_ROLE: dict[str, str] = {"diagnoses": "diagnostic", "treats": "treatment", "prevents": "prevention"}


# --- resolving the fixture's names in the graph ------------------------------


def _resolve_name(G: nx.MultiDiGraph, spellings: Iterable[str]) -> str | None:
    """The node one of ``spellings`` names exactly (its id, label or alias, case and spacing aside).

    ``resolve`` also forgives typos; a typo-level match is not accepted here, because a
    missing thing would then pass as its nearest neighbour ("hip instability" as "joint instability").
    """
    for spelling in spellings:
        try:
            node = graph.lookup.resolve(G, spelling)
        except (NodeNotFound, QueryError):
            continue
        if any(m.node == node and m.score >= 99.0 for m in graph.lookup.find(G, spelling, limit=5)):
            return node
    return None


def _nearest(G: nx.MultiDiGraph, name: str) -> str:
    """What ``resolve`` would make of ``name`` by forgiving typos (for messages)."""
    for spelling in CLAIMS.spellings(name):
        try:
            return graph.lookup.resolve(G, spelling)
        except (NodeNotFound, QueryError):
            continue
    return "nothing"


@pytest.fixture(scope="module")
def ids(G: nx.MultiDiGraph) -> dict[str, str | None]:
    """Each fixture name (canonical) -> the node it resolves to, or None."""
    names = {n.name for n in CLAIMS.all_names()}
    names |= {c.source for c in CLAIMS.all_must()} | {c.target for c in CLAIMS.all_must()}
    names |= {c.care for c in CLAIMS.conditions}
    names |= {n.source for n in CLAIMS.never} | {n.target for n in CLAIMS.never}
    return {name: _resolve_name(G, CLAIMS.spellings(name)) for name in sorted(names)}


def _id(ids: Mapping[str, str | None], name: str) -> str | None:
    return ids.get(CLAIMS.canonical(name) or name)


# --- the fixture itself keeps to the article ---------------------------------


def _headings(article_text: str) -> list[str]:
    """The article's headings: its lines that do not end a sentence."""
    return [line.strip() for line in article_text.splitlines() if line.strip() and line.strip()[-1] not in ".?!:"]


def _sections(article_text: str) -> dict[str, str]:
    """Heading -> the text under it (up to the next heading)."""
    headings = set(_headings(article_text))
    out: dict[str, str] = {}
    current: str | None = None
    for line in article_text.splitlines():
        if line.strip() in headings:
            current = line.strip()
            out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return out


def _every_section(claims: Claims) -> set[str]:
    found = {n.section for n in claims.all_names() if n.section}
    found |= {c.section for c in claims.all_must()} | {c.section for c in claims.conditions}
    return found


def test_fixture_sections_are_article_headings(article_text: str) -> None:
    headings = set(_headings(article_text))
    unknown = sorted(s for s in _every_section(CLAIMS) if s not in headings)
    assert not unknown, f"fixture sections that are not headings of the article: {unknown}"


def test_fixture_quote_hints_sit_in_their_section(article_text: str) -> None:
    sections = _sections(article_text)
    lost = [
        f"{c} ({c.section}): {c.quote_hint!r}"
        for c in CLAIMS.all_must()
        if c.quote_hint.casefold() not in sections.get(c.section, "").casefold()
    ]
    assert not lost, "quote hints not found under their section:\n" + "\n".join(lost)


def test_fixture_uses_the_articles_words(article_text: str) -> None:
    """Symptoms, groups, causes and care are named as the article names them (the name or an aka occurs)."""
    text = " ".join(article_text.casefold().split())
    named = [*CLAIMS.symptoms, *CLAIMS.cause_groups, *CLAIMS.causes()]
    named += [Name(i.name, i.aka) for i in CLAIMS.general_care]
    absent = [n.name for n in named if not any(s.casefold() in text for s in n.spellings)]
    assert not absent, f"names the article does not use: {absent}"


def test_fixture_counts_match_the_article() -> None:
    assert len(CLAIMS.symptoms) == 4
    assert [g.name for g in CLAIMS.cause_groups] == ["muscle imbalances", "alignment issues", "injury or trauma"]
    assert [len(g.causes) for g in CLAIMS.cause_groups] == [3, 3, 3]
    assert sum(len(c.examples) for g in CLAIMS.cause_groups for c in g.causes) == 4


def test_never_and_must_do_not_overlap() -> None:
    clash = [str(c) for c in CLAIMS.all_must() if CLAIMS.is_never(c.source, c.relation, c.target)]
    assert not clash, f"claims the fixture both requires and forbids: {clash}"


# --- 1. every name resolves ---------------------------------------------------


def test_every_fixture_name_resolves(G: nx.MultiDiGraph, ids: dict[str, str | None]) -> None:
    """Symptoms, cause groups, causes, care items and categorised names all have a node."""
    missing = sorted({n.name for n in CLAIMS.all_names() if _id(ids, n.name) is None})
    shown = [f"{name} (nearest: {_nearest(G, name)})" for name in missing]
    assert not missing, f"{len(missing)} fixture name(s) with no node in the graph: {shown}"


def test_distinct_article_things_are_distinct_nodes(ids: dict[str, str | None]) -> None:
    """No two things the article tells apart share one node ("hip alignment issues" in general is
    not the cause group "alignment issues"); a shared node would hand one's claims to the other."""
    seen: dict[str, set[str]] = {}
    for n in CLAIMS.all_names():
        node = _id(ids, n.name)
        if node is not None:
            seen.setdefault(node, set()).add(n.name)
    merged = {node: sorted(names) for node, names in seen.items() if len(names) > 1}
    assert not merged, f"different things of the article resolve to one node: {merged}"


# --- 2. every must claim is derivable ----------------------------------------


def _edge_types(G: nx.MultiDiGraph, roles: Iterable[str]) -> set[str]:
    schema = G.graph["schema"]
    return {name for role in roles for name in schema.edge_types_with_role(role)}


def _reaches(G: nx.MultiDiGraph, source: str, target: str, keys: set[str], cutoff: int) -> bool:
    """A directed path source -> target of at most ``cutoff`` edges, each of a type in ``keys``."""
    depth = {source: 0}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        if depth[v] == cutoff:
            continue
        for _, w, key in G.out_edges(v, keys=True):
            if key in keys and w not in depth:
                if w == target:
                    return True
                depth[w] = depth[v] + 1
                queue.append(w)
    return False


def _care_derivable(G: nx.MultiDiGraph, care: str, relation: str, problem: str) -> bool:
    """One addressing edge joins ``problem`` to ``care`` (or to a kind of ``care``, climbing its part_of)."""
    schema = G.graph["schema"]
    wanted = CARE_ROLE[relation]
    addressing = {
        name
        for name in schema.edge_types_with_role("addressing")
        if any(schema.role_of(t) == wanted for t in schema.edge_types[name].target_types)
    }
    grouping = _edge_types(G, ["grouping"])
    linked = {w for _, w, k in G.out_edges(problem, keys=True) if k in addressing}
    linked |= {u for u, _, k in G.in_edges(problem, keys=True) if k in addressing}
    return care in linked or any(_reaches(G, m, care, grouping, 2) for m in linked)


@pytest.mark.parametrize("claim", CLAIMS.all_must(), ids=str)
def test_must_claim_is_derivable(G: nx.MultiDiGraph, ids: dict[str, str | None], claim: Claim) -> None:
    source, target = _id(ids, claim.source), _id(ids, claim.target)
    unresolved = [n for n, node in ((claim.source, source), (claim.target, target)) if node is None]
    assert not unresolved, f"{claim} ({claim.section}): no node for {unresolved}"
    assert source is not None and target is not None
    if claim.relation in CARE_ROLE:
        ok = _care_derivable(G, source, claim.relation, target)
        how = f"no {CARE_ROLE[claim.relation]} edge joins {target!r} to {source!r}"
    else:
        roles, cutoff = PATH_RELATIONS[claim.relation]
        ok = _reaches(G, source, target, _edge_types(G, roles), cutoff)
        how = f"no path {source!r} -> {target!r} of at most {cutoff} {'/'.join(sorted(roles))} edges"
    assert ok, f"the article says {claim} ({claim.section}, near {claim.quote_hint!r}); {how}"


# --- 3. the grouped trace -------------------------------------------------------


def _grouped(G: nx.MultiDiGraph, symptom: str) -> dict[str, Any]:
    grouped_trace = getattr(graph.grouped, "grouped_trace", None)
    if grouped_trace is None:
        pytest.fail("graph.grouped.grouped_trace(G, symptom_id) does not exist yet (the grouped trace of issue 11)")
    result: dict[str, Any] = grouped_trace(G, symptom).to_dict()
    return result


def _symptom_id(ids: dict[str, str | None], name: str) -> str:
    node = _id(ids, name)
    if node is None:
        pytest.fail(f"the symptom {name!r} has no node in the graph")
    return node


def _nodes_in(value: Any) -> set[str]:
    """Ids of every NODE-like dict (or bare id string in a list) inside ``value``."""
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found.add(value["id"])
        for v in value.values():
            found |= _nodes_in(v)
    elif isinstance(value, list):
        for v in value:
            found |= {v} if isinstance(v, str) else _nodes_in(v)
    return found


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_reaches_every_cause_under_its_group_in_article_order(
    G: nx.MultiDiGraph, ids: dict[str, str | None], symptom: str
) -> None:
    sid = _symptom_id(ids, symptom)
    data = _grouped(G, sid)
    # Issue 19: the article says hip pain, limited range of motion and swelling of hip alignment
    # issues as a whole, so those traces show the condition as a whole and only the groups and
    # causes the article ties to the symptom itself (in the article's order); knee pain, which the
    # article ties to every group and cause, shows them all.
    whole = symptom != "knee pain"
    problems = _group_order_problems(data, ids, symptom, whole)
    by_id = {g["id"]: g for g in data["groups"]}
    for group in CLAIMS.cause_groups:
        entry = by_id.get(_id(ids, group.name) or "")
        if entry is not None:
            problems += _group_problems(group, entry, ids, whole)
            problems += _cause_chain_problems(group, entry, ids, sid, symptom)
    assert not problems, f"trace of {symptom!r}:\n" + "\n".join(problems)


def _group_order_problems(data: dict[str, Any], ids: dict[str, str | None], symptom: str, whole: bool) -> list[str]:
    """The cause groups shown, in the article's order (all of them, unless said of the condition as a whole)."""
    problems: list[str] = []
    group_ids = [_id(ids, g.name) for g in CLAIMS.cause_groups]
    shown = [g["id"] for g in data["groups"] if g["id"] in group_ids]
    if whole and not data.get("whole"):
        problems.append(f"{symptom!r} is said of hip alignment issues as a whole; the trace does not say so")
    expected = [g for g in group_ids if g in shown] if whole else group_ids
    if shown != expected:
        problems.append(f"cause groups {shown} (expected {expected}, the article's order)")
    return problems


def _group_problems(group: CauseGroup, entry: dict[str, Any], ids: dict[str, str | None], whole: bool) -> list[str]:
    """One group's section, its causes in the article's order, its examples reached, no cause of another group."""
    problems: list[str] = []
    if entry.get("section") != group.section:
        problems.append(f"group {group.name!r}: section {entry.get('section')!r} (expected {group.section!r})")
    cause_ids = [_id(ids, c.name) for c in group.causes]
    listed = [c["id"] for c in entry["causes"]]
    in_order = [c for c in listed if c in cause_ids]
    if whole:
        cause_ids = [c for c in cause_ids if c in listed]
    if in_order != cause_ids:
        problems.append(f"group {group.name!r}: causes {in_order} (expected {cause_ids}, the article's order)")
    reached = _nodes_in(entry["causes"])
    for example in (e for c in group.causes for e in c.examples if not whole):
        if _id(ids, example.name) not in reached:
            problems.append(f"group {group.name!r}: the example {example.name!r} is not reached")
    for c in entry["causes"]:
        fixture_group = CLAIMS.group_of(c["label"]) or CLAIMS.group_of(c["id"])
        if fixture_group is not None and fixture_group.name != group.name:
            problems.append(
                f"{c['label']!r} listed under {group.name!r}, the article puts it in {fixture_group.name!r}"
            )
    return problems


def _cause_chain_problems(
    group: CauseGroup, entry: dict[str, Any], ids: dict[str, str | None], sid: str, symptom: str
) -> list[str]:
    """Each listed cause of the group: its section, and at least one chain, every one ending at the symptom."""
    problems: list[str] = []
    for cause in group.causes:
        c = next((c for c in entry["causes"] if c["id"] == _id(ids, cause.name)), None)
        if c is None:
            continue
        if c.get("section") != cause.section:
            problems.append(f"{cause.name!r}: section {c.get('section')!r} (expected {cause.section!r})")
        chains = c.get("chains") or []
        if not chains:
            problems.append(f"{cause.name!r}: no chain to {symptom!r}")
        for chain in chains:
            ends = {chain[0]["id"], chain[-1]["id"]} if chain else set()
            if sid not in ends:
                problems.append(f"{cause.name!r}: a chain does not end at {symptom!r}: {[n['id'] for n in chain]}")
    return problems


def _care_items(data: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(owner id, care kind, ITEM) for every care item of the grouped trace, general ones owned by ''."""
    items = [("", kind, i) for kind in CARE_KINDS for i in data["general"].get(kind, [])]
    for group in data["groups"]:
        items += [(group["id"], kind, i) for kind in CARE_KINDS for i in group["care"].get(kind, [])]
        for cause in group["causes"]:
            items += [(cause["id"], kind, i) for kind in CARE_KINDS for i in cause["care"].get(kind, [])]
    return items


def _never_ids(ids: dict[str, str | None]) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for n in (*CLAIMS.never, *CLAIMS.inherited()):
        a, b = _id(ids, n.source), _id(ids, n.target)
        if a and b:
            out[(a, n.relation, b)] = n.why
    return out


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_teaches_no_never_claim(G: nx.MultiDiGraph, ids: dict[str, str | None], symptom: str) -> None:
    data = _grouped(G, _symptom_id(ids, symptom))
    never = _never_ids(ids)
    labels = {c["id"]: c["label"] for g in data["groups"] for c in [g, *g["causes"]]}
    wrong: list[str] = []
    for owner, kind, item in _care_items(data):
        if not owner:
            continue
        relation = CARE_RELATION[kind]
        why = never.get((item["id"], relation, owner)) or CLAIMS.is_never(item["label"], relation, labels[owner])
        if why:
            wrong.append(f"{item['label']} {relation} {labels[owner]} ({item.get('level')}): {why}")
        if CLAIMS.category_of(item["label"]) & {"symptom", "cause"} and not CLAIMS.category_of(item["label"]) & {
            "diagnosis",
            "treatment",
            "prevention",
        }:
            wrong.append(f"{item['label']!r} offered as care for {labels[owner]}, but the article names it a cause")
    care_categories = {"diagnosis", "treatment", "prevention", "posture_correction"}
    for group in data["groups"]:
        for c in [group, *group["causes"]]:
            if CLAIMS.category_of(c["label"]) & care_categories and "cause" not in CLAIMS.category_of(c["label"]):
                wrong.append(f"{c['label']!r} listed as a cause, but the article names it care")
    assert not wrong, f"trace of {symptom!r} teaches what the article does not say:\n" + "\n".join(wrong)


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_gives_conditional_care_with_its_condition(
    G: nx.MultiDiGraph, ids: dict[str, str | None], symptom: str
) -> None:
    data = _grouped(G, _symptom_id(ids, symptom))
    conditional = {_id(ids, c.care): c for c in CLAIMS.conditions}
    bare: list[str] = []
    for _, _, item in _care_items(data):
        condition = conditional.get(item["id"])
        if condition is None:
            continue
        missing = condition.missing(item.get("when"))
        if missing:
            bare.append(f"{item['label']} ({item.get('level')}): when={item.get('when')!r} lacks {missing}")
    assert not bare, f"trace of {symptom!r} gives care without the article's condition:\n" + "\n".join(bare)


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_gives_the_general_care_with_its_section(
    G: nx.MultiDiGraph, ids: dict[str, str | None], symptom: str
) -> None:
    data = _grouped(G, _symptom_id(ids, symptom))
    problems: list[str] = []
    for kind in CARE_KINDS:
        shown = {i["id"]: i for i in data["general"].get(kind, [])}
        for care in CLAIMS.care_of("general"):
            if care.kind != kind:
                continue
            item = shown.get(_id(ids, care.name) or "")
            if item is None:
                problems.append(f"general {kind}: {care.name!r} missing")
            elif item.get("section") != care.section:
                problems.append(
                    f"general {kind}: {care.name!r} section {item.get('section')!r} (expected {care.section!r})"
                )
    assert not problems, f"trace of {symptom!r}:\n" + "\n".join(problems)


# --- 4. the CLI's JSON paths ------------------------------------------------------


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_json_has_no_duplicate_path(
    ids: dict[str, str | None], symptom: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = _symptom_id(ids, symptom)
    paths = _trace_json(sid, capsys).get("paths")
    assert isinstance(paths, list) and paths, f"`hipknee trace {sid} --json` has no paths"
    keys = [json.dumps(p, sort_keys=True) for p in paths]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    shown = [" -> ".join(n["id"] for n in json.loads(k)["nodes"]) for k in dupes]
    assert not dupes, f"{len(keys) - len(set(keys))} duplicate path(s) in the trace of {symptom!r}: {shown}"


def _trace_json(symptom_id: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = cli_main(["trace", symptom_id, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def _care_relation(G: nx.MultiDiGraph, edge_type: str) -> str | None:
    """The fixture relation (diagnoses / treats / prevents) an addressing edge type states, else None."""
    schema = G.graph["schema"]
    et = schema.edge_types.get(edge_type)
    if et is None or et.role != "addressing":
        return None
    roles = {schema.role_of(t) for t in et.target_types}
    return next((rel for rel, role in CARE_ROLE.items() if role in roles), None)


def path_claims(G: nx.MultiDiGraph, path: dict[str, Any], key: str = "relation") -> list[tuple[str, str, str]]:
    """The care claims (care id, relation, problem id) a trace path teaches a student.

    A path that ends "... X, part of group Y, which can be treated by Z" teaches "Z treats Y"
    and, read as a story, "Z treats X": each node of the part_of climb before the care edge.
    """
    nodes, edges = path["nodes"], path["edges"]
    if not edges:
        return []
    relation = _care_relation(G, edges[-1][key])
    if relation is None:
        return []
    grouping = set(G.graph["schema"].edge_types_with_role("grouping"))
    care = nodes[-1]["id"]
    j = len(nodes) - 2
    taught = [(care, relation, nodes[j]["id"])]
    while j >= 1 and edges[j - 1][key] in grouping:
        j -= 1
        taught.append((care, relation, nodes[j]["id"]))
    return taught


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_trace_json_paths_teach_no_never_claim_and_keep_conditions(
    G: nx.MultiDiGraph, ids: dict[str, str | None], symptom: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every path of `hipknee trace S --json`: no claim the article does not make, surgery with its condition."""
    paths = _trace_json(_symptom_id(ids, symptom), capsys)["paths"]
    lacking = sorted({k for p in paths for e in p["edges"] for k in ("relation", "section", "when") if k not in e})
    assert not lacking, f"trace JSON edges lack {lacking} (the contract: each edge has relation, section, when)"
    never = _never_ids(ids)
    conditional = {_id(ids, c.care): c for c in CLAIMS.conditions}
    wrong: list[str] = []
    for p in paths:
        route = " -> ".join(n["id"] for n in p["nodes"])
        for claim in path_claims(G, p):
            if claim in never:
                wrong.append(f"{route}: teaches {' '.join(claim)} ({never[claim]})")
        condition = conditional.get(p["nodes"][-1]["id"]) if p["edges"] else None
        if condition is not None and condition.missing(p["edges"][-1]["when"]):
            wrong.append(
                f"{route}: ends in {condition.care} without its condition {condition.missing(p['edges'][-1]['when'])}"
            )
    assert not wrong, f"{len(wrong)} problem(s) in the trace paths of {symptom!r}:\n" + "\n".join(wrong)


def test_category_of_and_is_never_read_the_fixture() -> None:
    """The helpers answer by name and aka, lowercase, ids with underscores too."""
    assert CLAIMS.category_of("Weak Glutes") == {"cause"}
    assert CLAIMS.category_of("kegels") == {"posture_correction", "treatment"}
    assert CLAIMS.is_never("hip_replacement_surgery", "treats", "Prolonged periods of sitting")
    assert CLAIMS.is_never("surgical interventions", "treats", "hip joint abnormalities") is None
    assert CLAIMS.is_never("physical therapy", "treats", "weak gluteal muscles")  # the group's care, not the member's
    assert CLAIMS.is_never("strengthening exercises", "treats", "weak gluteal muscles") is None
    assert re.search("group", CLAIMS.is_never("regular exercise and stretching", "prevents", "tight hip flexors") or "")
