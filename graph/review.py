"""Spaced review with FSRS: pure functions over a student's progress, kept as plain JSON.

The progress lives in the student's browser (the app hands the JSON to a small
component that keeps it in ``localStorage``); this module only reads, updates and
writes that JSON, so it is the same on the server, in tests and in a file the
student exports. Nothing here stores anything.

A card is known by its flashcard's node id, which is stable across versions of the
data, so progress survives an update of the dataset. Scheduling is FSRS (the
``fsrs`` package, the scheduler modern Anki uses) with fuzzing off, so the same
answers at the same times always give the same schedule.

Examples
--------
>>> from datetime import UTC, datetime
>>> now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
>>> p = rate(Progress(), "weak_glutes", "easy", now)
>>> due_now(p, ["weak_glutes", "knee_pain"], now), new_cards(p, ["weak_glutes", "knee_pain"])
([], ['knee_pain'])
>>> load_progress(dump_progress(p)) == p
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs

from .errors import GraphError

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "RATINGS",
    "VERSION",
    "Progress",
    "ProgressError",
    "Schedule",
    "due_now",
    "dump_progress",
    "load_progress",
    "new_cards",
    "preview",
    "rate",
    "schedule",
    "session",
]

FORMAT = "hipknee-review-progress"
VERSION = 1
MAX_BYTES = 2_000_000  # a progress file is a few kB per hundred cards; refuse anything absurd
MAX_CARDS = 50_000
RATINGS: dict[str, fsrs.Rating] = {
    "again": fsrs.Rating.Again,
    "hard": fsrs.Rating.Hard,
    "good": fsrs.Rating.Good,
    "easy": fsrs.Rating.Easy,
}
_SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)
_CARD_KEYS = ("state", "step", "stability", "difficulty", "due", "last_review")


class ProgressError(GraphError, ValueError):
    """A progress file that is not ours, or is damaged; the message says what is wrong."""


@dataclass(frozen=True)
class Progress:
    """Each reviewed card's FSRS memory state, by card id, and how many answers were given."""

    cards: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    answers: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in the browser and in exported files."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "answers": self.answers,
            "cards": {k: dict(v) for k, v in sorted(self.cards.items())},
        }


@dataclass(frozen=True)
class Schedule:
    """What a student sees of one card's schedule."""

    card: str
    state: str  # "new", "learning", "review" or "relearning"
    due: datetime | None
    last_review: datetime | None
    stability: float | None


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ProgressError(f"times must carry a time zone, not {now!r}")
    return now.astimezone(UTC)


def _card(data: Mapping[str, Any]) -> fsrs.Card:
    return fsrs.Card.from_dict({"card_id": 0, **data})  # type: ignore[arg-type]


def _data(card: fsrs.Card) -> dict[str, Any]:
    d = card.to_dict()
    return {k: d[k] for k in _CARD_KEYS}


def _check_card(card_id: object, data: object) -> dict[str, Any]:
    if not isinstance(card_id, str) or not card_id or len(card_id) > 200:
        raise ProgressError(f"card ids must be short, non-empty text, not {card_id!r:.60}")
    if not isinstance(data, dict) or set(data) != set(_CARD_KEYS):
        raise ProgressError(f"card {card_id!r}: expected the fields {', '.join(_CARD_KEYS)}")
    if data["state"] not in (1, 2, 3):
        raise ProgressError(f"card {card_id!r}: state must be 1, 2 or 3, not {data['state']!r:.40}")
    for name in ("stability", "difficulty"):
        value = data[name]
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0
        ):
            raise ProgressError(f"card {card_id!r}: {name} must be a positive number, not {value!r:.40}")
    step = data["step"]
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < 100):
        raise ProgressError(f"card {card_id!r}: step must be a small whole number, not {step!r:.40}")
    for name in ("due", "last_review"):
        value = data[name]
        if value is None and name == "last_review":
            continue
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ProgressError(f"card {card_id!r}: {name} must be a date and time with a time zone, not {value!r:.60}")
    return {k: data[k] for k in _CARD_KEYS}


def load_progress(text: str | bytes) -> Progress:
    """Read progress JSON (from the browser or an exported file), checking every field.

    Raises
    ------
    ProgressError
        The text is too big, not JSON, not a progress file of ours, or a card is damaged.

    >>> load_progress('{"format": "something else"}')
    Traceback (most recent call last):
    ...
    graph.review.ProgressError: not a Hip–Knee Explorer progress file (expected "format": "hipknee-review-progress")
    """
    if len(text) > MAX_BYTES:
        raise ProgressError(f"progress file too big: {len(text)} bytes (at most {MAX_BYTES})")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ProgressError(f"progress file is not valid JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressError(f'not a Hip–Knee Explorer progress file (expected "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise ProgressError(f"progress file version {data.get('version')!r:.20} is not supported (expected {VERSION})")
    cards = data.get("cards")
    if not isinstance(cards, dict) or len(cards) > MAX_CARDS:
        raise ProgressError(f'"cards" must be an object with at most {MAX_CARDS} cards')
    answers = data.get("answers", 0)
    if isinstance(answers, bool) or not isinstance(answers, int) or answers < 0:
        raise ProgressError(f'"answers" must be a whole number, not {answers!r:.20}')
    return Progress({k: _check_card(k, v) for k, v in cards.items()}, answers)


def dump_progress(progress: Progress) -> str:
    """Progress as compact JSON with sorted keys: the same progress always gives the same text."""
    return json.dumps(progress.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rate(progress: Progress, card: str, rating: str, now: datetime | None = None) -> Progress:
    """A new progress with ``card`` answered ``rating`` ("again", "hard", "good" or "easy") at ``now``.

    Raises
    ------
    ProgressError
        The rating is not one of the four, or ``now`` has no time zone.
    """
    if rating not in RATINGS:
        raise ProgressError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r:.20}")
    moment = _now(now)
    current = progress.cards.get(card)
    before = _card(current) if current is not None else fsrs.Card(card_id=0, due=moment)
    after, _ = _SCHEDULER.review_card(before, RATINGS[rating], review_datetime=moment)
    return Progress({**progress.cards, card: _data(after)}, progress.answers + 1)


def preview(progress: Progress, card: str, now: datetime | None = None) -> dict[str, timedelta]:
    """How long until ``card`` comes back after each rating, answered at ``now`` (for the buttons)."""
    moment = _now(now)
    return {
        name: datetime.fromisoformat(rate(progress, card, name, moment).cards[card]["due"]) - moment for name in RATINGS
    }


def schedule(progress: Progress, card: str) -> Schedule:
    """One card's state, next due time and last review (``new`` if never answered)."""
    data = progress.cards.get(card)
    if data is None:
        return Schedule(card, "new", None, None, None)
    return Schedule(
        card,
        fsrs.State(data["state"]).name.lower(),
        datetime.fromisoformat(data["due"]),
        datetime.fromisoformat(data["last_review"]) if data["last_review"] else None,
        data["stability"],
    )


def due_now(progress: Progress, cards: Iterable[str], now: datetime | None = None) -> list[str]:
    """The answered cards among ``cards`` that are due at ``now``, most overdue first."""
    moment = _now(now)
    due = [
        (datetime.fromisoformat(progress.cards[c]["due"]), c)
        for c in dict.fromkeys(cards)
        if c in progress.cards and datetime.fromisoformat(progress.cards[c]["due"]) <= moment
    ]
    return [c for _, c in sorted(due)]


def new_cards(progress: Progress, cards: Iterable[str]) -> list[str]:
    """The cards among ``cards`` never answered, in the order given."""
    return [c for c in dict.fromkeys(cards) if c not in progress.cards]


def session(progress: Progress, cards: Iterable[str], now: datetime | None = None, *, new: int = 10) -> list[str]:
    """A review session: every due card (most overdue first), then up to ``new`` cards never seen.

    >>> session(Progress(), ["a", "b", "c"], new=2)
    ['a', 'b']
    """
    cards = list(cards)
    return [*due_now(progress, cards, now), *new_cards(progress, cards)[: max(new, 0)]]
