"""The hip–knee knowledge graph: load the article's graph and ask it questions."""

from .build import build_graph, load_graph, load_uploaded, validate
from .errors import GraphDataError, GraphError, NodeNotFound, NoPath, Problem, QueryError
from .load import Dataset, EdgeRecord, NodeRecord, read_dataset
from .schema import EdgeType, NodeType, Schema, Section
from .yamlsafe import Limits

__all__ = [
    "Dataset",
    "EdgeRecord",
    "EdgeType",
    "GraphDataError",
    "GraphError",
    "Limits",
    "NoPath",
    "NodeNotFound",
    "NodeRecord",
    "NodeType",
    "Problem",
    "QueryError",
    "Schema",
    "Section",
    "build_graph",
    "load_graph",
    "load_uploaded",
    "read_dataset",
    "validate",
]
