"""The back/forward history of selected nodes: a small immutable value, so the page only stores it.

>>> h = History().visit("knee_pain").visit("weak_gluteal_muscles")
>>> h.back().current, h.back().can_forward
('knee_pain', True)
>>> h.back().visit("hip_pain").items  # a new visit drops what lay ahead
('knee_pain', 'hip_pain')
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

__all__ = ["MAX_HISTORY", "History"]

MAX_HISTORY = 50  # visits kept; the oldest go first


@dataclass(frozen=True)
class History:
    """Visited node ids in order and where the student stands among them (``pos``; -1 when empty)."""

    items: tuple[str, ...] = ()
    pos: int = -1

    @classmethod
    def starting_at(cls, node: str | None) -> History:
        """A history holding only ``node`` (or nothing)."""
        return cls().visit(node) if node else cls()

    @property
    def current(self) -> str | None:
        return self.items[self.pos] if 0 <= self.pos < len(self.items) else None

    @property
    def can_back(self) -> bool:
        return self.pos > 0

    @property
    def can_forward(self) -> bool:
        return self.pos < len(self.items) - 1

    def visit(self, node: str) -> History:
        """``node`` after the current place; what lay ahead is dropped, at most ``MAX_HISTORY`` kept."""
        if node == self.current:
            return self
        items = (*self.items[: self.pos + 1], node)[-MAX_HISTORY:]
        return History(items=items, pos=len(items) - 1)

    def move(self, step: int) -> History:
        """``step`` places back (negative) or forward; a move past either end leaves it as it is."""
        pos = self.pos + step
        return replace(self, pos=pos) if 0 <= pos < len(self.items) else self

    def back(self) -> History:
        return self.move(-1)

    def forward(self) -> History:
        return self.move(1)

    def within(self, nodes: Collection[str]) -> History:
        """Only the visits to nodes still in ``nodes`` (after an upload), standing at the nearest one kept."""
        kept = [(i, n) for i, n in enumerate(self.items) if n in nodes]
        if not kept:
            return History()
        pos = max((k for k, (i, _) in enumerate(kept) if i <= self.pos), default=0)
        return History(items=tuple(n for _, n in kept), pos=pos)

    def recent(self, count: int = 4) -> tuple[str, ...]:
        """The last ``count`` visits up to the current one, oldest first (the breadcrumbs)."""
        return self.items[max(0, self.pos - count + 1) : self.pos + 1]
