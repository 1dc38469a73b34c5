"""The shipped data is faithful to the article: complete, cited, and in our own words."""

from __future__ import annotations

import re

import pytest

from graph.lookup import resolve

# Everything the article names, as a student would look it up.
NAMED_IN_ARTICLE = [
    # causes, by group, and their examples
    "muscle imbalances", "tight hip flexors", "weak gluteal muscles", "imbalanced quadriceps and hamstrings",
    "alignment issues", "leg length discrepancy", "hip joint abnormalities", "shallow hip socket",
    "misshapen femoral head", "poor posture", "anterior pelvic tilt", "prolonged sitting", "slouching",
    "injury or trauma", "hip fracture", "hip joint dislocation", "torn hip labrum", "joint degeneration",
    # how causes reach the knee
    "compensatory movements", "strain on the knee", "knee tracking", "instability", "misaligned hip",
    # symptoms
    "knee pain", "hip pain", "limited range of motion", "climbing stairs", "kneeling", "squatting",
    "swelling", "inflammation", "warmth", "tenderness",
    # diagnosis
    "medical history", "physical examination", "range of motion assessment", "gait", "joint stability tests",
    "imaging tests", "X-rays", "MRIs", "CT scans", "referral to a specialist", "orthopedic surgeon",
    "physical therapist",
    # treatment
    "physical therapy", "manual therapy", "therapeutic exercises", "ice or heat therapy",
    "strengthening exercises", "gluteal strengthening", "quadriceps strengthening", "hamstring strengthening",
    "stretching", "hip flexor stretch", "quadriceps stretch", "hamstring stretch",
    "assistive devices", "crutches", "canes", "orthotic devices",
    "pain medication", "over-the-counter pain medication", "anti-inflammatory drugs",
    # prevention
    "good posture", "engage core", "regular exercise", "avoid excessive impact", "running", "jumping",
    "swimming", "cycling", "appropriate footwear", "arch support", "shock absorption", "comfortable fit",
    # posture and alignment corrections
    "ergonomic adjustments", "chair height", "lumbar support cushion", "monitor at eye level",
    "core strengthening", "planks", "bridges", "abdominal crunches", "pelvic floor exercises", "Kegels",
    # surgery
    "surgical interventions", "hip arthroscopy", "arthroscope", "hip replacement surgery", "prosthesis",
    # anatomy
    "hip joint", "knee joint", "hip socket", "femoral head", "hip labrum", "hip flexors", "gluteal muscles",
    "quadriceps", "hamstrings", "lower leg muscles", "core muscles", "abdominal muscles", "back muscles",
    "pelvis", "pelvic floor muscles",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMED_IN_ARTICLE)
def test_everything_the_article_names_is_a_node(G, name: str) -> None:
    resolve(G, name)


def test_every_node_and_edge_cites_a_real_heading(G, article_text: str) -> None:
    headings = {line.strip() for line in article_text.splitlines()}
    for node, section in G.nodes(data="section"):
        assert section in headings, node
    for u, v, section in G.edges(data="section"):
        assert section in headings, (u, v)
    for s in G.graph["schema"].sections:
        assert s.heading in headings


def test_every_node_is_connected(G) -> None:
    assert [n for n in G if G.degree(n) == 0] == []


def test_core_node_types_are_present(G) -> None:
    types = {t for _, t in G.nodes(data="type")}
    assert {"cause", "symptom", "diagnostic", "treatment", "prevention"} <= types


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_descriptions_are_in_our_own_words(G, article_text: str) -> None:
    """No description repeats a run of six or more consecutive words from the article."""
    words = _words(article_text)
    n = 6
    article_runs = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    for node, text in G.nodes(data="description"):
        w = _words(text)
        copied = [" ".join(w[i : i + n]) for i in range(len(w) - n + 1) if tuple(w[i : i + n]) in article_runs]
        assert not copied, f"{node}: copied from the article: {copied[0]!r}"
