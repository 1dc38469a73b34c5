"""The Cypher writer's errors are the project's own (the round trips are in test_push.py)."""

from __future__ import annotations

import pytest

from graph.cypher import cypher_value, statements
from graph.errors import GraphError


def test_a_value_cypher_cannot_hold_is_a_project_error() -> None:
    with pytest.raises(GraphError, match="cannot write object as a Cypher value"):
        cypher_value(["fine", object()])
    with pytest.raises(TypeError):  # callers that caught the built-in error still do
        cypher_value(object())


@pytest.mark.parametrize("size", [0, 10**9])
def test_an_impossible_batch_size_is_a_project_error(G, size: int) -> None:
    with pytest.raises(GraphError, match="batch_size must be between 1 and"):
        next(statements(G, batch_size=size))
    with pytest.raises(ValueError):
        next(statements(G, batch_size=size))
