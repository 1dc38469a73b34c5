"""Stored progress is untrusted: a damaged card is left out by name, the rest kept, and nothing else escapes.

The hostile values are the ones that broke the Review tab (issue 20): dates in year 1
and year 9999, stability 0, null, 1e308, an unknown state, and files that cannot be
read at all.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.review import (
    RATINGS,
    CardError,
    Progress,
    ProgressError,
    due_now,
    dump_progress,
    load_progress,
    preview,
    rate,
    read_progress,
    schedule,
)

NOW = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
GOOD = json.loads(dump_progress(rate(rate(Progress(), "knee_pain", "good", NOW), "hip_pain", "easy", NOW)))
SOUND = GOOD["cards"]["hip_pain"]  # a card in review: stability and difficulty set

HOSTILE: dict[str, dict[str, Any]] = {
    "year 1": {"due": "0001-01-01T00:00:00+00:00"},
    "year 9999": {"due": "9999-12-31T23:59:59+00:00"},
    "year 1 reviewed": {"last_review": "0001-01-01T00:00:00+14:00"},
    "stability 0": {"stability": 0},
    "stability null": {"stability": None},
    "difficulty null": {"difficulty": None},
    "stability 1e308": {"stability": 1e308},
    "difficulty 1e308": {"difficulty": 1e308},
    "difficulty 0": {"difficulty": 0},
    "state 9": {"state": 9},
    "state true": {"state": True},
    "state text": {"state": "review"},
    "relearning without a step": {"state": 3, "step": None},
    "due without a zone": {"due": "2026-01-01T00:00:00"},
    "due a number": {"due": 20260101},
}


def _with(card: str, change: dict[str, Any]) -> str:
    data = json.loads(json.dumps(GOOD))
    data["cards"][card] = {**SOUND, **change}
    return json.dumps(data)


@pytest.mark.parametrize("change", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_card_is_left_out_by_name_and_the_rest_kept(change: dict[str, Any]) -> None:
    reading = read_progress(_with("weak_glutes", change))
    assert set(reading.progress.cards) == {"knee_pain", "hip_pain"}
    assert len(reading.dropped) == 1 and reading.dropped[0].startswith("card 'weak_glutes': ")
    assert "\n" not in reading.dropped[0]
    with pytest.raises(ProgressError, match="card 'weak_glutes'"):
        load_progress(_with("weak_glutes", change))  # the strict reading refuses the file


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        "null",
        "1e999",
        '"text"',
        json.dumps({**GOOD, "cards": [SOUND]}),
        json.dumps({**GOOD, "cards": None}),
    ],
)
def test_a_file_unreadable_as_a_whole_is_one_error(text: str) -> None:
    with pytest.raises(ProgressError) as info:
        read_progress(text)
    assert "\n" not in str(info.value)


def test_every_kept_card_can_be_shown_and_answered() -> None:
    progress = read_progress(_with("weak_glutes", {"stability": 0.002, "difficulty": 10})).progress
    for card in progress.cards:
        assert schedule(progress, card).due is not None
        assert set(preview(progress, card, NOW)) == set(RATINGS)


def test_a_card_the_scheduler_still_refuses_is_a_card_error() -> None:
    odd = Progress({"knee_pain": {**SOUND, "due": "2026-01-01T00:00:00+00:00", "stability": float("inf")}})
    with pytest.raises(CardError) as info:
        rate(odd, "knee_pain", "good", NOW)
    assert info.value.card == "knee_pain"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
DATES = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
    st.text(max_size=30),
    st.none(),
    st.integers(),
)
NUMBERS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5))
CARD = st.fixed_dictionaries(
    {
        "state": st.one_of(st.integers(-1, 4), st.booleans(), st.none(), st.text(max_size=3)),
        "step": st.one_of(st.none(), st.integers(-2, 200), st.booleans(), st.floats()),
        "stability": NUMBERS,
        "difficulty": NUMBERS,
        "due": DATES,
        "last_review": DATES,
    }
)
IN_RANGE = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2199, 12, 30), timezones=st.timezones()).map(
    lambda d: d.isoformat()
)
PLAUSIBLE = st.fixed_dictionaries(  # within every check, so the scheduler itself is exercised
    {
        "state": st.integers(1, 3),
        "step": st.one_of(st.none(), st.integers(0, 99)),
        "stability": st.one_of(st.none(), st.floats(1e-9, 100_000)),
        "difficulty": st.one_of(st.none(), st.floats(1, 10)),
        "due": IN_RANGE,
        "last_review": st.one_of(st.none(), IN_RANGE),
    }
)
DOCUMENT = st.fixed_dictionaries(
    {"format": st.just("hipknee-review-progress"), "version": st.just(1), "answers": st.integers(0, 10)},
    optional={"cards": st.dictionaries(st.text(max_size=10), PLAUSIBLE | CARD | JSON, max_size=5) | JSON},
)

SOUNDISH = st.fixed_dictionaries(
    {"format": st.just("hipknee-review-progress"), "version": st.just(1), "answers": st.integers(0, 10),
     "cards": st.dictionaries(st.text(min_size=1, max_size=10), PLAUSIBLE, min_size=1, max_size=5)}
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON.map(json.dumps), DOCUMENT.map(json.dumps), st.text(max_size=200)))
def test_reading_any_text_gives_progress_and_notices_or_our_error(text: str) -> None:
    try:
        reading = read_progress(text)
    except ProgressError as exc:
        assert "\n" not in str(exc)
        return
    assert all("\n" not in line for line in reading.dropped)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    DOCUMENT.map(json.dumps),
    st.sampled_from(list(RATINGS)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2199, 1, 1)),
)
def test_every_card_kept_is_scheduled_or_dropped_by_name(text: str, rating: str, when: datetime) -> None:
    try:
        progress = read_progress(text).progress
    except ProgressError:
        return
    event(f"{len(progress.cards)} cards kept")
    now = when.replace(tzinfo=UTC)
    due_now(progress, list(progress.cards), now)
    for card in progress.cards:
        schedule(progress, card)
        try:
            after = rate(progress, card, rating, now)
        except CardError as exc:
            assert exc.card == card
            continue
        assert read_progress(dump_progress(after)).dropped == ()
        assert now - timedelta(seconds=1) <= schedule(after, card).due  # type: ignore[operator]
