"""Study mode: a quiz with spaced repetition, flashcards, and printable study sheets."""

from __future__ import annotations

import random

import networkx as nx
import streamlit as st

from graph.deeplink import from_params
from graph.roles import nodes_with_role
from graph.schema import schema_of
from graph.study import KINDS, TOPICS, QuizRun, flashcards, quiz, sheet_html, sheet_markdown, study_sheet
from graph.text import count, md

from .. import session
from .review import review_tab, take_away

__all__ = ["study_page"]


def _new_quiz(G: nx.MultiDiGraph) -> None:
    ss = st.session_state
    kinds = ss.get("q_kinds") or list(KINDS)
    questions = quiz(G, int(ss.get("q_count", 10)), seed=int(ss.get("q_seed", 0)), kinds=kinds)
    ss["quiz_run"] = QuizRun(questions)
    ss.pop("feedback", None)
    ss["q_round"] = ss.get("q_round", 0) + 1


def _check(run: QuizRun) -> None:
    ss = st.session_state
    q = run.current
    choice = ss.get(f"q_choice_{ss.get('q_round')}_{run.answered}")
    if q is None or choice is None:
        return
    correct = run.answer(choice)
    ss["feedback"] = (q, choice, correct)


def _next() -> None:
    st.session_state.pop("feedback", None)


def _open_in_explorer(G: nx.MultiDiGraph, link: dict[str, str]) -> None:
    state, _ = from_params(G, link)
    session.set_state(state)
    focus = state.node or state.target or state.trace
    if focus:
        session.select(focus)
    st.session_state["go_explore"] = True


def quiz_settings(G: nx.MultiDiGraph) -> None:
    ss = st.session_state
    ss.setdefault("q_seed", random.SystemRandom().randrange(1, 10_000))
    with st.sidebar:
        st.subheader("Quiz", anchor=False)
        st.number_input("Questions", 3, 50, 10, key="q_count")
        st.number_input(
            "Seed", 0, 1_000_000, key="q_seed", help="The same seed gives the same quiz: share it with a friend."
        )
        st.multiselect("Topics", list(KINDS), format_func=TOPICS.__getitem__, key="q_kinds", placeholder="All topics")
        st.button("New quiz", on_click=_new_quiz, args=(G,), type="primary")


def quiz_tab(G: nx.MultiDiGraph) -> None:
    ss = st.session_state
    if "quiz_run" not in ss:
        _new_quiz(G)
    run: QuizRun = ss["quiz_run"]
    if not run.questions:
        st.info(
            "This dataset has too few links to make quiz questions (it needs symptoms, causes and what addresses them)."
        )
        return
    left = len(run.queue)
    done = "no answers yet" if not run.answered else f"{run.right} of {count(run.answered, 'answer')} right"
    st.markdown(f"**Score: {done}** · {count(left, 'question')} to go")
    feedback = ss.get("feedback")
    if feedback is not None:
        q, choice, correct = feedback
        st.markdown(f"##### {md(q.question)}")
        if correct:
            st.success(f"Right: {md(q.answer)}.")
        else:
            st.error(f"Not quite. You chose {md(choice)}; the answer is **{md(q.answer)}**. It will come back soon.")
        st.markdown(md(q.explanation))
        st.caption(f"Article {'section' if len(q.sections) == 1 else 'sections'}: {md('; '.join(q.sections))}")
        a, b = st.columns(2)
        a.button("Open this in the explorer", on_click=_open_in_explorer, args=(G, q.link), key="q_open")
        b.button("Next question" if run.current else "See results", on_click=_next, type="primary", key="q_next")
    elif run.current is not None:
        q = run.current
        st.markdown(f"##### {md(q.question)}")
        if q.note:
            st.caption(md(q.note))
        st.radio(
            "Your answer",
            list(q.options),
            index=None,
            format_func=md,
            key=f"q_choice_{ss.get('q_round')}_{run.answered}",
        )
        st.button("Check", on_click=_check, args=(run,), type="primary", key="q_check")
    else:
        st.success(f"Done: {run.right} right out of {run.answered} answers.")
        st.button("Start a new quiz", on_click=_new_quiz, args=(G,), key="q_again")
    if run.mastery:
        st.markdown("**Mastery by topic**")
        st.dataframe(
            [
                {"Topic": TOPICS[kind], "Right": right, "Answered": total, "Mastery": right / total}
                for kind, (right, total) in run.mastery.items()
            ],
            hide_index=True,
            column_config={"Mastery": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")},
        )


def flashcards_tab(G: nx.MultiDiGraph) -> None:
    schema = schema_of(G)
    symptoms = nodes_with_role(G, "symptom")
    a, b = st.columns(2)
    types = a.multiselect(
        "Types", list(schema.node_types), format_func=lambda t: schema.node_types[t].label, key="fc_types"
    )
    around = b.selectbox(
        "Around a symptom",
        symptoms,
        index=None,
        format_func=lambda n: G.nodes[n]["label"],
        key="fc_around",
        placeholder="All nodes",
    )
    cards = flashcards(G, node_types=types or None, around=around)
    if not cards:
        st.info("No cards match these filters.")
        return
    ss = st.session_state
    index = min(ss.get("fc_index", 0), len(cards) - 1)
    card = cards[index]
    with st.container(border=True):
        st.caption(f"Card {index + 1} of {len(cards)} · {md(card.type)}")
        st.markdown(f"### {md(card.front)}")
        if st.toggle("Show the back", key=f"fc_flip_{card.node}"):
            st.markdown(md(card.description))
            for line in card.relations:
                st.markdown(f"- {md(line)}")
            st.caption(f"Article section: {md(card.section)}")
    prev, nxt = st.columns(2)
    prev.button("← Previous", disabled=index == 0, on_click=lambda: ss.update(fc_index=index - 1), key="fc_prev")
    nxt.button(
        "Next →", disabled=index >= len(cards) - 1, on_click=lambda: ss.update(fc_index=index + 1), key="fc_next"
    )


def sheet_tab(G: nx.MultiDiGraph) -> None:
    symptoms = nodes_with_role(G, "symptom")
    if not symptoms:
        st.info("This dataset has no symptoms.")
        return
    symptom = st.selectbox("Symptom", symptoms, format_func=lambda n: G.nodes[n]["label"], key="sheet_symptom")
    sheet = study_sheet(G, symptom)
    a, b = st.columns(2)
    a.download_button("Markdown", lambda: sheet_markdown(G, sheet), f"{symptom}.md", "text/markdown", key="sheet_md")
    b.download_button("Printable HTML", lambda: sheet_html(G, sheet), f"{symptom}.html", "text/html", key="sheet_html")
    st.markdown(sheet_markdown(G, sheet).replace("# Study sheet", "### Study sheet", 1))


def study_page(G: nx.MultiDiGraph) -> None:
    quiz_settings(G)
    st.title("Study", anchor=False)
    quiz_t, cards_t, review_t, sheet_t = st.tabs(["Quiz", "Flashcards", "Review", "Study sheet"])
    with quiz_t:
        quiz_tab(G)
    with cards_t:
        flashcards_tab(G)
    with review_t:
        review_tab(G)
        take_away(G)
    with sheet_t:
        sheet_tab(G)
