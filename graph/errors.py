"""Exceptions raised by the graph package.

Callers catch :class:`GraphError` (or one of its children) and show its message;
every message is one line per problem and names the offending value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "AmbiguousName",
    "ExportError",
    "GraphDataError",
    "GraphError",
    "NoPath",
    "NodeNotFound",
    "OutputError",
    "Problem",
    "QueryError",
    "UnwritableValue",
]


class GraphError(Exception):
    """Base class of every error this package raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in a dataset: where it is and what is wrong."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class GraphDataError(GraphError, ValueError):
    """A dataset could not be read or does not follow its schema.

    ``problems`` lists every defect found, so a user can fix them in one pass.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class QueryError(GraphError, ValueError):
    """A query was asked with arguments that cannot be answered."""


class NodeNotFound(QueryError, LookupError):
    """A name matched no node; ``suggestions`` holds the closest node ids."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no node matches {name!r}{hint}")


class AmbiguousName(NodeNotFound):
    """A name that names several nodes; ``suggestions`` holds their ids, ``labels`` their labels.

    A lookup never picks one silently: the student is asked which one.
    """

    def __init__(self, name: str, nodes: Sequence[str], labels: Sequence[str]) -> None:
        super().__init__(name, nodes)
        self.labels = tuple(labels)
        named = ", ".join(self.labels[:-1]) + f" and {self.labels[-1]}"
        self.args = (f"{name!r} names {named}: which one?",)

    def __str__(self) -> str:
        return str(self.args[0])


class NoPath(QueryError):
    """Two nodes are not connected (within the cut-off)."""


class ExportError(GraphError, ValueError):
    """A graph cannot be written as asked (a format or an argument that cannot be used).

    A ``ValueError`` too, so callers that caught one keep working.
    """


class UnwritableValue(ExportError, TypeError):
    """An attribute value a format cannot hold (e.g. an object in a Cypher literal).

    A ``TypeError`` too, so callers that caught one keep working.
    """


class OutputError(GraphError, OSError):
    """A file could not be written (missing folder, full disk, ...); whatever was there is kept as it was."""
