"""Every sentence the tool can write about the article, read for level, condition and English (issue 19).

The text of every surface a student reads is generated here — the trace of every symptom
(plain, Markdown and ``--paths``), quizzes over three seeds, flashcards, the Anki notes, the
vault and the study sheets — and read for what a careful reader flagged: group names used as
if plural ("one of the poor posture"), verbs that do not agree ("abdominal crunches is"),
missing articles ("results from hip fracture"), descriptor symptoms as "signs of" themselves,
conditions glued on ("(when when …)"), doubled words; chains to joint instability from causes
the article never ties to it; surgery named without its severity.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from graph import load_graph
from graph.anki import anki_notes
from graph.grouped import grouped_trace
from graph.query import trace
from graph.roles import nodes_with_role
from graph.study import flashcards, quiz, sheet_html, sheet_markdown, study_sheet
from graph.tracetext import trace_markdown, trace_text_lines
from graph.vault import vault_files

from .claims import fold, load_claims

CLAIMS = load_claims()
ARTICLE = Path("/work/shared/source/knee-pain-hip-alignment.txt")
SEEDS = range(3)
SURGERY = ("surgical interventions", "hip arthroscopy", "hip replacement", "arthroscope", "prosthesis")
TAGS = re.compile(r"<[^>]+>")
CLOZE = re.compile(r"\{\{c\d+::([^}]*)\}\}")


def _plain(text: str) -> str:
    """Text as read: HTML tags, cloze marks, wikilink brackets and Markdown escapes removed."""
    text = CLOZE.sub(r"\1", html.unescape(TAGS.sub(" ", text)))
    text = re.sub(r"\\(.)", r"\1", text.replace("[[", "").replace("]]", ""))
    return text


@cache
def surfaces() -> dict[str, list[str]]:
    """Every text each surface produces for the shipped article: surface -> texts."""
    G = load_graph()
    out: dict[str, list[str]] = {k: [] for k in ("trace", "paths", "quiz", "cards", "anki", "vault", "sheet")}
    for s in nodes_with_role(G, "symptom"):
        t = grouped_trace(G, s)
        out["trace"] += [*trace_text_lines(G, t), trace_markdown(G, t)]
        out["paths"] += [p.sentence for p in trace(G, s).paths]
        sheet = study_sheet(G, s)
        out["sheet"] += [sheet_markdown(G, sheet), sheet_html(G, sheet)]
    for seed in SEEDS:
        for q in quiz(G, 35, seed=seed):
            out["quiz"] += [q.question, *q.options, q.explanation]
    for c in flashcards(G):
        out["cards"].append(" | ".join([c.front, c.description, *c.relations]))  # one card, read whole
    out["anki"] += [" | ".join(n.fields) for n in anki_notes(G)]
    out["vault"] += [text for path, text in vault_files(G).items() if not path.endswith("/Index.md")]
    return {k: [_plain(t) for t in v] for k, v in out.items()}


def _patterns(G: nx.MultiDiGraph) -> dict[str, re.Pattern[str]]:
    """What reads badly, from the grammar the article's names need (independent of the renderers)."""
    singular_verbs = r"is|was|has|includes|causes|leads|results|worsens|involves|uses|affects|takes|helps"
    plural_verbs = r"are|were|have|include|cause|lead|result|worsen|involve|use|affect|take|help"
    found: dict[str, re.Pattern[str]] = {
        "a sign of itself": re.compile(r"\bis a sign of\b"),
        "(when when": re.compile(r"\(when when\b|\(when if\b|\(when in some cases\)"),
        "doubled word": re.compile(r"\b(\w{2,}) \1\b", re.IGNORECASE),
        "detected by referral": re.compile(r"detected by referral"),
        "For every cause": re.compile(r"For every cause"),
    }
    plural, other, counted = [], [], []
    for _n, d in G.nodes(data=True):
        label = re.escape(d["label"])
        (plural if d.get("number") == "plural" else other).append(label)
        if d.get("article") in ("a", "an"):
            counted.append(label)
    longest = sorted(plural, key=len, reverse=True)
    found["plural subject, singular verb"] = re.compile(
        rf"(?:^|[.:;!?]\s+|, which is part of |\n)(?:{'|'.join(longest)}) (?:{singular_verbs})\b", re.IGNORECASE
    )
    found["singular antecedent, plural which"] = re.compile(
        rf"\b(?:{'|'.join(sorted(other, key=len, reverse=True))}), which (?:{plural_verbs})\b", re.IGNORECASE
    )
    found["plural antecedent, singular which"] = re.compile(
        rf"\b(?:{'|'.join(longest)}), which (?:{singular_verbs})\b", re.IGNORECASE
    )
    found["one of the + not plural"] = re.compile(rf"\bone of the (?:{'|'.join(other)})\b(?! \w)", re.IGNORECASE)
    found["missing article"] = re.compile(
        rf"\b(?:results from|result from|caused by|detected by|treated by|lead to|leads to) (?:{'|'.join(counted)})\b",
        re.IGNORECASE,
    )
    found["Abdominal crunches is"] = re.compile(r"Abdominal crunches is|Symptoms in one or both knees is")
    return found


@pytest.mark.parametrize("surface", ["trace", "paths", "quiz", "cards", "anki", "vault", "sheet"])
def test_no_surface_reads_badly(G: nx.MultiDiGraph, surface: str) -> None:
    texts = surfaces()[surface]
    assert texts
    bad = Counter()
    examples: list[str] = []
    for name, pattern in _patterns(G).items():
        for text in texts:
            for m in pattern.finditer(text):
                bad[name] += 1
                if len(examples) < 12:
                    start = max(0, m.start() - 60)
                    examples.append(f"{name}: …{text[start : m.end() + 40]}…")
    assert not bad, f"{surface}: {dict(bad)}\n" + "\n".join(examples)


def test_the_patterns_do_catch_bad_english(G: nx.MultiDiGraph) -> None:
    p = _patterns(G)
    assert p["one of the + not plural"].search("prolonged sitting, one of the poor posture →")
    assert p["plural antecedent, singular which"].search("is caused by hip alignment issues, which includes")
    assert p["missing article"].search("Knee pain results from hip fracture.")
    assert p["plural subject, singular verb"].search("Abdominal crunches is part of core strengthening.")
    assert p["doubled word"].search("the the knee") and p["(when when"].search("(when if it hurts)")
    assert not p["missing article"].search("Knee pain results from a hip fracture.")


# --- levels and conditions on every surface -------------------------------------------


def _never_instability(G: nx.MultiDiGraph) -> set[str]:
    """Labels of causes the article never ties to instability (from the claims fixture)."""
    return {
        G.nodes[n]["label"]
        for n in G
        if G.nodes[n]["type"] == "cause" and CLAIMS.is_never(G.nodes[n]["label"], "causes", "hip instability")
    }


def test_no_chain_reaches_joint_instability_from_a_cause_the_article_does_not_tie_to_it(G: nx.MultiDiGraph) -> None:
    never = _never_instability(G)
    assert {"poor posture", "leg length discrepancy", "prolonged sitting"} <= never
    wrong = []
    for s in nodes_with_role(G, "symptom"):
        t = grouped_trace(G, s)
        chains = [c for g in t.groups for x in g.causes for c in x.chains] + [c for g in t.groups for c in g.chains]
        for chain in chains:
            if "joint_instability" in chain and G.nodes[chain[0]]["label"] in never:
                wrong.append(" → ".join(chain))
    for surface in ("trace", "anki", "vault", "quiz", "sheet"):
        for text in surfaces()[surface]:
            for line in text.splitlines():
                first = re.split(r" → | lead to | leads to ", line.strip().removeprefix("- ").removeprefix("how: "))[0]
                if "joint instability" in line and first.strip().casefold() in never and "→" in line:
                    wrong.append(f"{surface}: {line.strip()}")
    assert not wrong, "\n".join(wrong[:20])


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", re.sub(r"\(.*?\)", " ", text.casefold())))


def test_a_chain_never_says_a_symptom_leads_to_what_it_feels_like() -> None:
    """'knee pain → dull ache …' reads (→ = leads to) as if the ache came from the knee pain."""
    forms = [(fold(n.source), _words(n.target)) for n in CLAIMS.never if n.relation == "leads_to"]
    forms = [(a, b) for a, b in forms if a in {fold(s.name) for s in CLAIMS.symptoms}]
    assert forms
    wrong = []
    for surface in ("trace", "paths", "vault", "sheet"):
        for text in surfaces()[surface]:
            for line in text.splitlines():
                steps = [_words(s) for s in line.replace("[[", "").replace("]]", "").split("→")]
                for here, there in itertools.pairwise(steps):
                    if any(set(a.split()) <= here and b <= there for a, b in forms):
                        wrong.append(f"{surface}: {line.strip()[:160]}")
    orders = [q.answer for qs in _quizzes() for q in qs if q.kind == "order_path"]
    for answer in orders:  # the key of an order question; its wrong options are shuffled on purpose
        steps = [_words(s) for s in answer.split("→")]
        if any(set(a.split()) <= x and b <= y for x, y in itertools.pairwise(steps) for a, b in forms):
            wrong.append(f"quiz: {answer}")
    assert not wrong, "\n".join(wrong[:10])


def test_kegels_address_the_pelvis_not_joint_instability(G: nx.MultiDiGraph) -> None:
    treated = {m for _, m, k in G.out_edges("joint_instability", keys=True) if k == "treated_by"}
    assert not {n for n in treated if CLAIMS.is_never(G.nodes[n]["label"], "treats", "hip instability")}


@pytest.mark.parametrize("surface", ["cards", "anki", "vault"])
def test_no_card_or_note_names_a_surgery_without_its_severity(G: nx.MultiDiGraph, surface: str) -> None:
    headings = sorted((s.heading for s in G.graph["schema"].sections), key=len, reverse=True)

    def claims(text: str) -> str:  # a note's article-section field or tag names a heading, not a claim
        for h in headings:
            text = text.replace(h, " ").replace(h.replace(" ", "_"), " ")
        return text.casefold()

    texts = [claims(t) for t in surfaces()[surface]]
    wrong = [t[:160] for t in texts if any(s in t for s in SURGERY) and "severe" not in t]
    assert not wrong, f"{len(wrong)} {surface} texts name surgery without 'severe':\n" + "\n".join(wrong[:8])


@pytest.mark.parametrize("symptom", ["functional limitations", "warmth in the joint", "tenderness in the joint"])
def test_every_linked_symptom_reaches_its_causes_and_says_so(G: nx.MultiDiGraph, symptom: str) -> None:
    node = next(n for n in G if G.nodes[n]["label"] == symptom)
    t = grouped_trace(G, node)
    assert t.whole or t.groups
    text = "\n".join(trace_text_lines(G, t))
    assert "names no cause" not in text and "hip alignment issues →" in text


def test_no_symptom_prints_no_cause_below_a_care_list(G: nx.MultiDiGraph) -> None:
    for s in nodes_with_role(G, "symptom"):
        text = "\n".join(trace_text_lines(G, grouped_trace(G, s)))
        assert "names no cause" not in text, s


def test_knee_pain_names_the_articles_three_groups_and_the_others_apart(G: nx.MultiDiGraph) -> None:
    text = "\n".join(trace_text_lines(G, grouped_trace(G, "knee_pain")))
    groups = [g.name for g in CLAIMS.cause_groups]
    assert re.search(rf"{groups[0]}, {groups[1]} and {groups[2]}: the article's three cause groups", text, re.I)
    assert "in 5 groups" not in text and "Also named by the article: structural abnormalities" in text


def test_conditions_travel_with_every_conditional_relation(G: nx.MultiDiGraph) -> None:
    """Each conditional care item, wherever a surface names it next to its problem, carries its condition."""
    for c in CLAIMS.conditions:
        care = next((n for n in G if CLAIMS._same(G.nodes[n]["label"], c.care)), None)
        if care is None:
            continue
        whens = [d.get("when") for _, _, d in G.in_edges(care, data=True) if d["type"].endswith("_by")]
        assert whens and all(not c.missing(w) for w in whens), (c.care, whens)


# --- the quiz teaches ---------------------------------------------------------------


@cache
def _quizzes() -> list[list]:
    G = load_graph()
    return [quiz(G, 35, seed=seed) for seed in SEEDS]


def test_quiz_is_rarely_answerable_by_kind_alone(G: nx.MultiDiGraph) -> None:
    role = G.graph["schema"].role_of
    asked = [q for qs in _quizzes() for q in qs if q.option_nodes]
    by_type = [
        q
        for q in asked
        if [role(G.nodes[n]["type"]) for n in q.option_nodes].count(
            role(G.nodes[q.option_nodes[q.options.index(q.answer)]]["type"])
        )
        == 1
    ]
    assert len(by_type) <= 0.10 * len(asked), [q.question for q in by_type[:5]]


def test_quiz_never_repeats_and_asks_about_every_article_symptom(G: nx.MultiDiGraph) -> None:
    for qs in _quizzes():
        assert len(qs) == 35 and len({q.question for q in qs}) == 35
    subjects = {q.subject for qs in _quizzes() for q in qs}
    assert {"hip_pain", "limited_range_of_motion", "swelling_and_inflammation"} <= subjects


def test_order_questions_read_in_the_traces_direction(G: nx.MultiDiGraph) -> None:
    orders = [q for qs in _quizzes() for q in qs if q.kind == "order_path"]
    assert orders
    symptoms = {G.nodes[n]["label"].casefold() for n in nodes_with_role(G, "symptom")}
    for q in orders:
        steps = q.answer.split(" → ")
        assert steps[-1].casefold() in symptoms and steps[0].casefold() not in symptoms | {"knee pain"}, q.answer


def test_no_tautologies(G: nx.MultiDiGraph) -> None:
    for q in (q for qs in _quizzes() for q in qs if q.kind.endswith("_of_cause") and q.kind != "group_of_cause"):
        subject = set(re.findall(r"[a-z]{5,}", G.nodes[q.subject]["label"].casefold()))
        assert not subject & set(re.findall(r"[a-z]{5,}", q.answer.casefold())), q.question + " — " + q.answer


# --- our own words ----------------------------------------------------------------------


def test_descriptions_and_conditions_are_in_our_own_words(G: nx.MultiDiGraph) -> None:
    words = re.findall(r"[a-z]+", ARTICLE.read_text(encoding="utf-8").casefold().replace("’", "'"))
    runs = {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}
    texts = [d["description"] for _, d in G.nodes(data=True)] + [d["when"] for *_, d in G.edges(data=True) if d["when"]]
    copied = []
    for text in texts:
        w = re.findall(r"[a-z]+", text.casefold())
        copied += [" ".join(w[i : i + 6]) for i in range(len(w) - 5) if " ".join(w[i : i + 6]) in runs]
    assert not copied, copied[:5]


# --- the data says it once -----------------------------------------------------------------

SCOPED = b"""
nodes:
  - {id: ache, type: symptom, label: ache, number: mass, section: Pain in the Knee, description: It aches.}
  - {id: fall, type: cause, label: fall, article: a, number: singular, section: Injury or Trauma, description: A fall.}
  - {id: slump, type: cause, label: slump, section: Alignment Issues, description: Sitting badly.}
  - {id: tilt, type: mechanism, label: tilt, section: Alignment Issues, description: Off line.}
  - {id: wobble, type: mechanism, label: wobble, section: Injury or Trauma, description: Unstable.}
edges:
  - section: Injury or Trauma
    links:
      - [fall, leads_to, tilt]
      - [slump, leads_to, tilt]
      - [tilt, leads_to, wobble, {only_from: [fall]}]
      - [wobble, causes, ache]
"""


def test_a_scoped_link_is_walked_only_from_its_causes() -> None:
    from graph import load_uploaded

    H = load_uploaded({"s.yaml": SCOPED})
    assert grouped_trace(H, "ache").causes[0].id == "fall"  # slump -> tilt -> wobble is never composed
    assert [c.id for c in grouped_trace(H, "ache").causes] == ["fall"]
    from graph.explain import chain_sentence

    assert chain_sentence(H, ["fall", "tilt", "wobble"]).startswith("A fall leads to tilt")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (b"{only_from: [nobody]}", "only_from names unknown node 'nobody'"),
        (b"{only_from: fall}", "fourth item of a link"),
        (b"{why: x}", "fourth item of a link"),
    ],
)
def test_the_loader_checks_a_links_scope(extra: bytes, message: str) -> None:
    from graph import load_uploaded
    from graph.errors import GraphDataError

    bad = SCOPED.replace(b"{only_from: [fall]}", extra)
    with pytest.raises(GraphDataError, match=re.escape(message)):
        load_uploaded({"s.yaml": bad})


def test_the_loader_checks_a_labels_grammar() -> None:
    from graph import load_uploaded
    from graph.errors import GraphDataError

    with pytest.raises(GraphDataError, match="'number' must be one of singular, plural, mass"):
        load_uploaded({"s.yaml": SCOPED.replace(b"number: mass", b"number: many")})
