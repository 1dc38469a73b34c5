"""The study page, driven without a browser."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from graph.text import md


def study_script() -> None:
    import streamlit as st

    from graph import load_graph
    from graph.app.panels.study import study_page

    st.session_state.setdefault("q_seed", 42)
    study_page(load_graph())


def start() -> AppTest:
    at = AppTest.from_function(study_script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def current_question(at: AppTest):
    return at.session_state["quiz_run"].current


def test_answering_right_and_wrong_updates_the_score() -> None:
    at = start()
    q = current_question(at)
    radio = next(r for r in at.radio if r.key.startswith("q_choice_"))
    radio.set_value(q.answer).run()
    at.button(key="q_check").click().run()
    assert any(s.value.startswith("Right:") for s in at.success)
    assert md(q.explanation) in [m.value for m in at.markdown]
    left = len(at.session_state["quiz_run"].queue)
    scores = [m.value for m in at.markdown if m.value.startswith("**Score")]
    assert scores == [f"**Score: 1 of 1 answer right** · {left} question{'' if left == 1 else 's'} to go"]
    at.button(key="q_next").click().run()
    wrong_q = current_question(at)
    wrong = next(o for o in wrong_q.options if o != wrong_q.answer)
    next(r for r in at.radio if r.key.startswith("q_choice_")).set_value(wrong).run()
    at.button(key="q_check").click().run()
    assert at.error and "the answer is" in at.error[0].value
    assert "**Score: 1 of 2 answers right**" in [m.value.split(" ·")[0] for m in at.markdown]
    review = at.session_state["quiz_run"]
    assert review.queue[2] == review.questions.index(wrong_q)  # back after two others
    assert at.dataframe  # mastery by topic


def test_same_seed_same_first_question() -> None:
    assert current_question(start()) == current_question(start())


def test_open_in_explorer_sets_the_path_to_show() -> None:
    at = start()
    q = current_question(at)
    next(r for r in at.radio if r.key.startswith("q_choice_")).set_value(q.answer).run()
    at.button(key="q_check").click().run()
    at.button(key="q_open").click().run()
    state = at.session_state["explorer"]
    assert at.session_state["go_explore"] is True
    if "from" in q.link:
        assert (state.mode, state.source, state.target) == ("connect", q.link["from"], q.link["to"])
    elif "trace" in q.link:
        assert (state.mode, state.trace) == ("trace", q.link["trace"])
    else:
        assert state.node == q.link["node"]


def test_flashcards_flip_and_study_sheet() -> None:
    at = start()
    at.multiselect(key="fc_types").set_value(["treatment"]).run()
    first = next(m.value for m in at.markdown if m.value.startswith("### "))
    toggle = next(t for t in at.toggle if t.key.startswith("fc_flip_"))
    toggle.set_value(True).run()
    assert any(c.value.startswith("Article section:") for c in at.caption)
    at.button(key="fc_next").click().run()
    assert next(m.value for m in at.markdown if m.value.startswith("### ")) != first
    at.selectbox(key="sheet_symptom").set_value("hip_pain").run()
    assert any(m.value.startswith("### Study sheet: hip pain") for m in at.markdown)
