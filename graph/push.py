"""Load a graph straight into a running graph database, through its official client.

``falkor://host:port/name`` goes through the ``falkordb`` client, ``neo4j://`` and
``bolt://`` (and their ``+s`` / ``+ssc`` forms) through the ``neo4j`` driver. Both run
the same parameterised, batched statements (:func:`graph.cypher.statements`); no text
from the data is ever pasted into a query. The clients are optional extras, imported
only here, inside the function that needs them.

Pushing replaces: the named FalkorDB graph is deleted first; in Neo4j every node with
the ``Entity`` label (and its relationships) is deleted first. Pushing twice leaves
one copy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import networkx as nx

from .cypher import BATCH_SIZE, ENTITY, Statement, cypher_name, statements
from .errors import GraphError

__all__ = ["PushError", "PushResult", "Target", "parse_url", "push", "redact"]

Progress = Callable[[int, int], None]
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
DELETE_BATCH = 10_000
# The user-information part of a URL, read from the raw text before any parsing, so a
# URL too broken to parse is redacted too: "scheme://user:" then the password up to the
# last "@" (a password may itself hold "@", "/" or ":"; redacting too much is the safe side).
_PASSWORD = re.compile(r"(?P<head>^(?:[^:/?#@]*://[^:@]*:|[^:/@]*:(?!//)))(?P<secret>.*)@", re.DOTALL)
_DELIMITERS = re.compile(r"[/?#@:\s]+")
HIDDEN = "***"


class PushError(GraphError):
    """The database could not be reached, refused us, or the URL is not one we know."""


@dataclass(frozen=True)
class Target:
    """Where to push: which database kind, where, which graph or database, as whom."""

    kind: str  # "falkordb" or "neo4j"
    host: str
    port: int
    name: str  # FalkorDB graph name, or Neo4j database ("" for the default)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    scheme: str = ""

    def __str__(self) -> str:
        return f"{self.scheme}://{_host(self.host)}:{self.port}/{self.name}"


@dataclass(frozen=True)
class PushResult:
    """What a push wrote."""

    target: Target
    nodes: int
    edges: int


def redact(url: str) -> str:
    """``url`` as it may appear in a message: its password replaced by ``***``, however broken the URL.

    This is the only way a push URL reaches a message.

    >>> redact("neo4j://neo4j:s3cret@db:7687"), redact("falkor://u:secret123@[::1/g"), redact("falkor://db:6379/g")
    ('neo4j://neo4j:***@db:7687', 'falkor://u:***@[::1/g', 'falkor://db:6379/g')
    """
    return _PASSWORD.sub(lambda m: f"{m['head']}{HIDDEN}@", url, count=1)


def _secrets(url: str) -> set[str]:
    """Every spelling of the password in ``url``: as typed, percent-decoded, and its pieces between delimiters."""
    found = _PASSWORD.match(url)
    secret = found["secret"] if found else ""
    pieces = {p for s in (secret, unquote(secret)) for p in _DELIMITERS.split(s) if len(p) >= 4}
    return {s for s in (secret, unquote(secret)) if s} | pieces


def _scrub(message: str, url: str) -> str:
    """A message with the URL's password taken out wherever it appears (the last line of defence)."""
    message = message.replace(url, redact(url))
    for secret in sorted(_secrets(url), key=len, reverse=True):
        message = message.replace(secret, HIDDEN)
    return message


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_url(url: str) -> Target:
    """The target a URL names.

    >>> parse_url("falkor://localhost:6379/knee")
    Target(kind='falkordb', host='localhost', port=6379, name='knee', username=None, scheme='falkor')
    >>> parse_url("bolt://neo4j:secret@db:7687").name
    ''
    """
    try:
        return _parse_url(url)
    except PushError as exc:  # urllib's own words may quote a piece of the password (as a "port")
        raise PushError(_scrub(str(exc), url)) from None


def _parse_url(url: str) -> Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise PushError(f"not a database URL: {redact(url)!r} (its host or port cannot be read)") from None
    found = _PASSWORD.match(url)
    if found and parts.password != found["secret"]:
        raise PushError(
            f"not a database URL: {redact(url)!r} (percent-encode / ? # @ in a password or graph name, e.g. @ as %40)"
        )
    scheme = parts.scheme.lower()
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    name = parts.path.strip("/")
    if scheme in ("falkor", "falkordb", "redis"):
        if not name:
            raise PushError(f"{redact(url)!r} names no graph (expected falkor://host:port/GRAPH)")
        return Target(
            "falkordb", parts.hostname or "localhost", 6379 if port is None else port, name, user, password, scheme
        )
    if scheme in NEO4J_SCHEMES:
        return Target(
            "neo4j", parts.hostname or "localhost", 7687 if port is None else port, name, user, password, scheme
        )
    raise PushError(f"unknown database URL {redact(url)!r} (expected falkor://host:port/graph, neo4j://… or bolt://…)")


def _missing(extra: str) -> PushError:
    return PushError(f"pushing to {extra} needs its client: pip install 'hip-knee-explorer[{extra}]'")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def push(
    G: nx.MultiDiGraph,
    url: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> PushResult:
    """Replace the graph at ``url`` with ``G``; ``progress(rows_done, rows_total)`` after each batch.

    Raises
    ------
    PushError
        With one line saying what went wrong: an unknown URL, a missing client, a server
        that cannot be reached or that refused a statement.
    """
    try:
        target = parse_url(url)
        if not 1 <= batch_size <= BATCH_SIZE:
            raise PushError(f"a batch holds 1 to {BATCH_SIZE:,} rows, not {batch_size:,}")
        plan = list(statements(G, batch_size=batch_size))
        run = _falkordb if target.kind == "falkordb" else _neo4j
        run(target, plan, progress)
    except PushError as exc:
        raise PushError(_scrub(str(exc), url)) from None
    return PushResult(target, G.number_of_nodes(), G.number_of_edges())


def _report(plan: list[Statement], progress: Progress | None) -> Callable[[Statement], None]:
    total = sum(len(s.rows) for s in plan)
    done = 0

    def step(statement: Statement) -> None:
        nonlocal done
        done += len(statement.rows)
        if progress is not None:
            progress(done, total)

    return step


def _falkordb(target: Target, plan: list[Statement], progress: Progress | None) -> None:
    try:
        from falkordb import FalkorDB
        from redis import exceptions as redis_errors
    except ImportError:
        raise _missing("falkordb") from None
    step = _report(plan, progress)
    try:
        db = FalkorDB(host=target.host, port=target.port, username=target.username, password=target.password)
        if target.name in db.list_graphs():
            db.select_graph(target.name).delete()
        graph = db.select_graph(target.name)
        for statement in plan:
            graph.query(statement.query, {"rows": list(statement.rows)} if statement.rows else None)
            step(statement)
    except (redis_errors.AuthenticationError, redis_errors.AuthenticationWrongNumberOfArgsError) as exc:
        raise PushError(f"FalkorDB at {_host(target.host)}:{target.port} refused the login: {_one_line(exc)}") from None
    except redis_errors.ConnectionError as exc:
        raise PushError(f"cannot reach FalkorDB at {_host(target.host)}:{target.port}: {_one_line(exc)}") from None
    except redis_errors.RedisError as exc:
        raise PushError(f"FalkorDB at {_host(target.host)}:{target.port} refused: {_one_line(exc)}") from None
    except (OSError, ValueError) as exc:
        raise PushError(f"cannot reach FalkorDB at {_host(target.host)}:{target.port}: {_one_line(exc)}") from None


def _neo4j(target: Target, plan: list[Statement], progress: Progress | None) -> None:
    try:
        import neo4j
        from neo4j import exceptions as neo4j_errors
    except ImportError:
        raise _missing("neo4j") from None
    step = _report(plan, progress)
    where = f"{_host(target.host)}:{target.port}"
    auth = (target.username, target.password or "") if target.username else None
    uri = f"{target.scheme}://{_host(target.host)}:{target.port}"
    logging.getLogger("neo4j").addHandler(logging.NullHandler())  # its warnings would add lines to our one
    entity = cypher_name(ENTITY)
    delete = f"MATCH (n:{entity}) WITH n LIMIT {DELETE_BATCH} DETACH DELETE n RETURN count(*) AS deleted"
    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            driver.verify_connectivity()
            with driver.session(database=target.name or None) as session:
                while session.run(delete).single(strict=True)["deleted"]:
                    pass
                for statement in plan:
                    query = statement.query
                    if statement.kind == "index":  # Neo4j keeps indexes across pushes
                        query = query.replace("CREATE INDEX FOR", "CREATE INDEX entity_id IF NOT EXISTS FOR")
                    session.run(query, rows=list(statement.rows)).consume()
                    step(statement)
    except (neo4j_errors.ServiceUnavailable, OSError, ValueError) as exc:
        raise PushError(f"cannot reach Neo4j at {where}: {_one_line(exc)}") from None
    except neo4j_errors.AuthError as exc:
        raise PushError(f"Neo4j at {where} refused the login: {_one_line(exc)}") from None
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
        raise PushError(f"Neo4j at {where} refused: {_one_line(exc)}") from None
