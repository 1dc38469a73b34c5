"""A password in a push URL appears in no output: not in an error, not in a repr, not on stdout.

Every URL carries the password ``secret123``; the well-formed ones point at closed
loopback ports, the others are broken in the ways people break URLs. The password is
looked for as typed and percent-decoded, in what ``hipknee push`` prints and in the
exceptions the library raises.
"""

from __future__ import annotations

from urllib.parse import quote

import networkx as nx
import pytest

from graph.cli import main
from graph.push import PushError, parse_url, push, redact

from .conftest import TEST_DATA

SECRET = "secret123"
TINY = str(TEST_DATA / "valid" / "tiny.yaml")


PORT = 1  # tcpmux: nothing listens there on a test machine (the ids stay the same on every xdist worker)
URLS = [
    # malformed
    f"falkor://user:{SECRET}@127.0.0.1:99999/g",
    f"falkor://u:{SECRET}@[::1/g",
    f"neo4j://user:{SECRET}@[bad/",
    f"falkor://:{SECRET}@127.0.0.1:1",
    f"falkor://user:{SECRET}@127.0.0.1:abc/g",
    f"falkor://user:{SECRET}@127.0.0.1:-1/g",
    f"bolt://user:{SECRET}@127.0.0.1:70000",
    f"ftp://user:{SECRET}@127.0.0.1/g",
    f"user:{SECRET}@127.0.0.1",
    f"falkor://us/er:{SECRET}@127.0.0.1:{PORT}/g",
    f"falkor://user:{SECRET}@127.0.0.1:{PORT}/g\n",
    f"falkor://user:{SECRET}@@127.0.0.1:{PORT}/g",
    f"FALKOR://user:{SECRET}@127.0.0.1:{PORT}",
    # a password holding the characters that split a URL
    f"falkor://user:{SECRET}@x@127.0.0.1:{PORT}/g",
    f"falkor://user:{SECRET}/x@127.0.0.1:{PORT}/g",
    f"falkor://user:{SECRET}:x@127.0.0.1:{PORT}/g",
    f"falkor://user:{quote(SECRET + '%@/', safe='')}@127.0.0.1:{PORT}/g",
    # well-formed, nobody listening
    f"falkor://user:{SECRET}@127.0.0.1:{PORT}/g",
    f"redis://:{SECRET}@127.0.0.1:{PORT}/g",
    f"bolt://user:{SECRET}@127.0.0.1:{PORT}",
    f"bolt://user:{SECRET}@[::1]:{PORT}",
    f"bolt+s://user:{SECRET}@127.0.0.1:{PORT}/db",
    f"neo4j://user:{SECRET}@127.0.0.1:{PORT}",
]


def _leaks(text: str) -> bool:
    return SECRET in text or quote(SECRET) in text or "secret" in text


@pytest.mark.parametrize("url", URLS)
def test_hipknee_push_never_prints_the_password(capsys: pytest.CaptureFixture[str], url: str) -> None:
    pytest.importorskip("falkordb")
    pytest.importorskip("neo4j")
    code = main(["push", url, "--data", TINY])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
    assert not _leaks(err), err


@pytest.mark.parametrize("url", URLS)
def test_errors_and_targets_never_hold_the_password(tiny: nx.MultiDiGraph, url: str) -> None:
    pytest.importorskip("falkordb")
    pytest.importorskip("neo4j")
    assert not _leaks(redact(url))
    try:
        target = parse_url(url)
    except PushError as exc:
        assert not _leaks(str(exc)) and not _leaks(repr(exc))
    else:
        assert not _leaks(str(target)) and not _leaks(repr(target))
    with pytest.raises(PushError) as info:
        push(tiny, url)
    assert not _leaks(str(info.value)) and not _leaks(repr(info.value))
    assert info.value.__context__ is None or not _leaks(str(info.value.__context__))


def test_redact_keeps_everything_but_the_password() -> None:
    assert redact("neo4j://neo4j:pa:ss@db.local:7687/films") == "neo4j://neo4j:***@db.local:7687/films"
    assert redact("falkor://db:6379/knee") == "falkor://db:6379/knee"
    assert redact("bolt://neo4j@db:7687") == "bolt://neo4j@db:7687"
