"""The back/forward history as a student uses it: visit, back, forward, a new visit drops what lay ahead."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.history import MAX_HISTORY, History


def test_back_and_forward_walk_the_visits_and_stop_at_the_ends() -> None:
    h = History.starting_at("a").visit("b").visit("c")
    assert (h.current, h.can_back, h.can_forward) == ("c", True, False)
    assert h.back().back().current == "a"
    assert h.back().back().back().current == "a"  # past the start: stays
    assert h.back().forward().current == "c" and h.forward() == h


def test_a_new_visit_after_going_back_drops_what_lay_ahead() -> None:
    h = History.starting_at("a").visit("b").visit("c").back().back().visit("d")
    assert h.items == ("a", "d") and not h.can_forward


def test_visiting_the_current_node_again_changes_nothing() -> None:
    h = History.starting_at("a").visit("b")
    assert h.visit("b") == h


def test_only_the_last_visits_are_kept() -> None:
    h = History()
    for i in range(MAX_HISTORY + 7):
        h = h.visit(f"n{i}")
    assert len(h.items) == MAX_HISTORY and h.current == f"n{MAX_HISTORY + 6}" and h.items[0] == "n7"


def test_within_keeps_the_visits_to_nodes_still_there() -> None:
    h = History.starting_at("a").visit("gone").visit("b").visit("c").back()  # standing at b
    kept = h.within({"a", "b", "c"})
    assert kept.items == ("a", "b", "c") and kept.current == "b"
    assert h.within(set()) == History() and History().current is None


def test_breadcrumbs_end_at_the_current_visit() -> None:
    h = History.starting_at("a").visit("b").visit("c").visit("d").visit("e").back()
    assert h.recent(3) == ("b", "c", "d")


@given(st.lists(st.one_of(st.sampled_from("abcde"), st.integers(-3, 3)), max_size=80))
def test_any_walk_keeps_the_position_on_a_visit(steps: list[str | int]) -> None:
    h = History()
    for s in steps:
        h = h.visit(s) if isinstance(s, str) else h.move(s)
        assert (h.current is None) == (not h.items)
        assert -1 <= h.pos < max(len(h.items), 1) and len(h.items) <= MAX_HISTORY
