"""The hip–knee knowledge graph: load the article's graph and ask it questions."""

from .build import build_graph, load_graph, load_uploaded, validate
from .errors import GraphDataError, GraphError, NodeNotFound, NoPath, Problem, QueryError
from .explain import Step, TracePath
from .grouped import GroupedTrace, grouped_trace
from .load import Dataset, EdgeRecord, NodeRecord, read_dataset
from .lookup import Match, find, resolve
from .query import Trace, connect, neighbourhood, relations, stats, trace
from .schema import EdgeType, NodeType, Schema, Section
from .yamlsafe import Limits

__all__ = [
    "Dataset",
    "EdgeRecord",
    "EdgeType",
    "GraphDataError",
    "GraphError",
    "GroupedTrace",
    "Limits",
    "Match",
    "NoPath",
    "NodeNotFound",
    "NodeRecord",
    "NodeType",
    "Problem",
    "QueryError",
    "Schema",
    "Section",
    "Step",
    "Trace",
    "TracePath",
    "build_graph",
    "connect",
    "find",
    "grouped_trace",
    "load_graph",
    "load_uploaded",
    "neighbourhood",
    "read_dataset",
    "relations",
    "resolve",
    "stats",
    "trace",
    "validate",
]
