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

Stored progress is untrusted input (a browser's ``localStorage``, a file someone
sends): :func:`read_progress` checks every card as strictly as a dataset and leaves
out a card the scheduler could not use, saying which and why, and keeps the rest.
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
    "MAX_CARDS",
    "RATINGS",
    "VERSION",
    "CardError",
    "Progress",
    "ProgressError",
    "Reading",
    "Schedule",
    "drop",
    "due_now",
    "dump_progress",
    "load_progress",
    "new_cards",
    "preview",
    "rate",
    "read_progress",
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
# What the scheduler can work with (fsrs 6: difficulty is kept in [1, 10], stability is
# positive; a stored 0 reads back as "none" and trips its asserts). Dates outside these
# years are damage, and near year 1 or 9999 they overflow date arithmetic.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_STABILITY = 100_000.0  # days; fsrs never schedules further than 36,500 days ahead
DIFFICULTY = (1.0, 10.0)
MAX_STEP = 100


class ProgressError(GraphError, ValueError):
    """A progress file that is not ours, or is damaged; the message says what is wrong."""


class CardError(ProgressError):
    """One card of a progress could not be read or scheduled; ``card`` names it, the rest is usable."""

    def __init__(self, card: object, problem: str) -> None:
        self.card = card
        super().__init__(f"card {card!r:.60}: {problem}")


@dataclass(frozen=True)
class Reading:
    """A progress as read: the usable cards, and one line for each card left out."""

    progress: Progress
    dropped: tuple[str, ...] = ()


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


def _number(card_id: object, name: str, value: object, low: float, high: float) -> None:
    """``value`` is None or a finite number in [low, high] (low excluded when it is 0)."""
    if value is None:
        return
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not (low < value if low == 0 else low <= value) or value > high:  # type: ignore[operator]
        where = f"above 0 and at most {high:g}" if low == 0 else f"from {low:g} to {high:g}"
        raise CardError(card_id, f"{name} must be a positive number {where}, not {value!r:.40}")


def _moment(card_id: object, name: str, value: object) -> None:
    """``value`` is an ISO date and time with a time zone, between the years 2000 and 2200."""
    moment = None
    if isinstance(value, str) and len(value) <= 64:
        try:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None or not EARLIEST <= moment <= LATEST:
                moment = None
        except (ValueError, OverflowError):
            moment = None
    if moment is None:
        raise CardError(
            card_id,
            f"{name} must be a date and time with a time zone, between {EARLIEST.year} and {LATEST.year}, "
            f"not {value!r:.60}",
        )


def _check_card(card_id: object, data: object) -> dict[str, Any]:
    """One stored card, checked field by field; raises :class:`CardError` naming the card."""
    if not isinstance(card_id, str) or not card_id or len(card_id) > 200:
        raise CardError(card_id, "card ids must be short, non-empty text")
    if not isinstance(data, dict) or set(data) != set(_CARD_KEYS):
        raise CardError(card_id, f"expected the fields {', '.join(_CARD_KEYS)}")
    state, step = data["state"], data["step"]
    if isinstance(state, bool) or state not in (1, 2, 3):
        raise CardError(card_id, f"state must be 1, 2 or 3, not {state!r:.40}")
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < MAX_STEP):
        raise CardError(card_id, f"step must be a small whole number, not {step!r:.40}")
    if step is None and state != fsrs.State.Review:
        raise CardError(card_id, "step must be a small whole number while learning, not None")
    _number(card_id, "stability", data["stability"], 0, MAX_STABILITY)
    _number(card_id, "difficulty", data["difficulty"], *DIFFICULTY)
    known = (data["stability"] is not None, data["difficulty"] is not None)
    if known != (True, True) and (state != fsrs.State.Learning or known != (False, False)):
        raise CardError(card_id, "stability and difficulty must both be numbers once a card is reviewed")
    _moment(card_id, "due", data["due"])
    if data["last_review"] is not None:
        _moment(card_id, "last_review", data["last_review"])
    return {k: data[k] for k in _CARD_KEYS}


def _document(text: str | bytes) -> Mapping[str, Any]:
    """The top level of a progress file, checked; raises :class:`ProgressError` for a file unreadable as a whole."""
    if not isinstance(text, str | bytes):
        raise ProgressError(f"progress must be text, not {type(text).__name__}")
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
    if isinstance(answers, bool) or not isinstance(answers, int) or not 0 <= answers < 2**53:
        raise ProgressError(f'"answers" must be a whole number, not {answers!r:.20}')
    return data


def read_progress(text: str | bytes) -> Reading:
    """Read progress JSON (from the browser or an exported file), keeping every card that is sound.

    A damaged card is left out, with one line naming it in ``dropped``.

    Raises
    ------
    ProgressError
        The text cannot be read as a whole: too big, not JSON, not a progress file of ours.

    >>> reading = read_progress('{"format": "hipknee-review-progress", "version": 1, "cards": {"knee": {}}}')
    >>> reading.progress.cards, reading.dropped
    ({}, ("card 'knee': expected the fields state, step, stability, difficulty, due, last_review",))
    """
    data = _document(text)
    cards: dict[str, dict[str, Any]] = {}
    dropped: list[str] = []
    for card_id, card in data["cards"].items():
        try:
            cards[card_id] = _check_card(card_id, card)
        except CardError as exc:
            dropped.append(str(exc))
    return Reading(Progress(cards, data.get("answers", 0)), tuple(dropped))


def load_progress(text: str | bytes) -> Progress:
    """Read progress JSON strictly: every card must be sound (see :func:`read_progress` for the lenient reading).

    Raises
    ------
    ProgressError
        The text is too big, not JSON, not a progress file of ours, or a card is damaged.

    >>> load_progress('{"format": "something else"}')
    Traceback (most recent call last):
    ...
    graph.review.ProgressError: not a Hip–Knee Explorer progress file (expected "format": "hipknee-review-progress")
    """
    reading = read_progress(text)
    if reading.dropped:
        raise ProgressError(reading.dropped[0])
    return reading.progress


def drop(progress: Progress, card: str) -> Progress:
    """``progress`` without ``card`` (which then counts as new)."""
    return Progress({k: v for k, v in progress.cards.items() if k != card}, progress.answers)


def dump_progress(progress: Progress) -> str:
    """Progress as compact JSON with sorted keys: the same progress always gives the same text."""
    return json.dumps(progress.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rate(progress: Progress, card: str, rating: str, now: datetime | None = None) -> Progress:
    """A new progress with ``card`` answered ``rating`` ("again", "hard", "good" or "easy") at ``now``.

    Raises
    ------
    ProgressError
        The rating is not one of the four, or ``now`` has no time zone.
    CardError
        The card's stored state cannot be scheduled (drop it with :func:`drop`).
    """
    if rating not in RATINGS:
        raise ProgressError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r:.20}")
    moment = _now(now)
    current = progress.cards.get(card)
    try:
        before = _card(current) if current is not None else fsrs.Card(card_id=0, due=moment)
        after, _ = _SCHEDULER.review_card(before, RATINGS[rating], review_datetime=moment)
        data = _check_card(card, _data(after))
    except CardError:
        raise
    except (ArithmeticError, AssertionError, KeyError, TypeError, ValueError) as exc:
        # A card the checks let through and the scheduler still cannot use: the caller drops it.
        raise CardError(card, f"the scheduler cannot use this card ({type(exc).__name__})") from None
    return Progress({**progress.cards, card: data}, progress.answers + 1)


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
