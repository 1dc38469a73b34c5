"""Spaced review (FSRS) over progress JSON: answers move schedules, files round-trip, damage is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from graph.review import (
    FORMAT,
    Progress,
    ProgressError,
    due_now,
    dump_progress,
    load_progress,
    new_cards,
    preview,
    rate,
    schedule,
    session,
)

NOW = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
CARDS = ["knee_pain", "weak_glutes", "hip_pain", "tight_hip_flexors"]


def test_a_new_card_is_new_and_an_answer_schedules_it() -> None:
    p = Progress()
    assert schedule(p, "knee_pain").state == "new" and new_cards(p, CARDS) == CARDS
    p = rate(p, "knee_pain", "good", NOW)
    s = schedule(p, "knee_pain")
    assert s.state == "learning" and s.last_review == NOW and s.due == NOW + timedelta(minutes=10)
    assert new_cards(p, CARDS) == CARDS[1:] and p.answers == 1


def test_better_answers_push_a_card_further_away() -> None:
    waits = preview(Progress(), "knee_pain", NOW)
    assert waits["again"] < waits["hard"] < waits["good"] < waits["easy"]
    assert waits["easy"] >= timedelta(days=1)


def test_a_card_answered_well_again_and_again_comes_back_later_each_time() -> None:
    p, now, gaps = Progress(), NOW, []
    for _ in range(5):
        p = rate(p, "weak_glutes", "good", now)
        due = schedule(p, "weak_glutes").due
        assert due is not None
        gaps.append(due - now)
        now = due
    assert gaps == sorted(gaps) and gaps[-1] > timedelta(days=10)


def test_forgetting_brings_a_card_back_soon() -> None:
    p = rate(Progress(), "hip_pain", "easy", NOW)
    later = schedule(p, "hip_pain").due
    assert later is not None
    p = rate(p, "hip_pain", "again", later)
    s = schedule(p, "hip_pain")
    assert s.state == "relearning" and s.due is not None and s.due - later <= timedelta(minutes=10)


def test_due_now_and_sessions() -> None:
    p = rate(Progress(), "knee_pain", "again", NOW)  # back in a minute
    p = rate(p, "weak_glutes", "easy", NOW)  # back in days
    assert due_now(p, CARDS, NOW) == []
    assert due_now(p, CARDS, NOW + timedelta(minutes=2)) == ["knee_pain"]
    assert session(p, CARDS, NOW + timedelta(minutes=2), new=1) == ["knee_pain", "hip_pain"]
    assert session(p, CARDS, NOW + timedelta(days=30), new=0) == ["knee_pain", "weak_glutes"]


def test_same_answers_same_schedule_and_the_json_round_trips() -> None:
    def answer() -> Progress:
        p = Progress()
        for i, card in enumerate(CARDS):
            p = rate(p, card, ["again", "hard", "good", "easy"][i], NOW + timedelta(seconds=i))
        return p

    text = dump_progress(answer())
    assert text == dump_progress(answer())
    assert json.loads(text)["format"] == FORMAT
    assert load_progress(text) == answer() and dump_progress(load_progress(text)) == text


def test_rating_needs_a_known_rating_and_a_time_zone() -> None:
    with pytest.raises(ProgressError, match="rating must be one of again, hard, good, easy"):
        rate(Progress(), "knee_pain", "perfect", NOW)
    with pytest.raises(ProgressError, match="time zone"):
        rate(Progress(), "knee_pain", "good", datetime(2026, 1, 1))


GOOD = json.loads(dump_progress(rate(Progress(), "knee_pain", "good", NOW)))


def broken(**change: object) -> str:
    data = json.loads(json.dumps(GOOD))
    card = data["cards"]["knee_pain"]
    for key, value in change.items():
        if key in card:
            card[key] = value
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("x" * 2_000_001, "too big"),
        ('{"format": "anki"}', "not a Hip–Knee Explorer progress file"),
        (broken(version=2), "version 2 is not supported"),
        (broken(cards=[]), '"cards" must be an object'),
        (broken(answers=-1), '"answers" must be a whole number'),
        (broken(state=7), "state must be 1, 2 or 3"),
        (broken(stability="high"), "stability must be a positive number"),
        (broken(stability=float("nan")), "stability must be a positive number"),
        (broken(step=True), "step must be a small whole number"),
        (broken(due="tomorrow"), "due must be a date and time with a time zone"),
        (broken(due="2026-01-01T00:00:00"), "due must be a date and time with a time zone"),
        (json.dumps({**GOOD, "cards": {"": GOOD["cards"]["knee_pain"]}}), "card ids must be short"),
        (json.dumps({**GOOD, "cards": {"x": {"state": 1}}}), "expected the fields"),
    ],
)
def test_damaged_progress_files_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ProgressError, match=message.replace("(", r"\(")):
        load_progress(text)
