"""The graph as an Obsidian (or plain Markdown) vault, zipped.

* one note per node, in a folder per node type, with YAML front matter (``id``,
  ``type``, ``section``, ``aliases``, ``tags``) and its relations as ``[[wikilinks]]``
  grouped by phrase;
* one trace note per symptom: its grouped trace (cause groups → causes → chains,
  with what finds, treats and prevents them) and a Mermaid flowchart of it;
* ``Index.md``: every note by type.

File names are safe on Windows, macOS and Linux (no reserved characters or names,
no leading dot or trailing dot/space, bounded length) and unique even on a
case-insensitive disk; they contain nothing that ends a wikilink (``[]|#^``), so every
link is just ``[[file name]]``. Text from the data is Markdown-escaped in note
bodies, YAML-quoted in front matter, and written as Mermaid entity codes inside
quoted Mermaid labels, so no label can become HTML, a link or diagram syntax.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from typing import Any

import networkx as nx
import yaml

from .explain import standing_condition
from .grouped import grouped_trace
from .query import relations
from .roles import nodes_with_role
from .schema import schema_of
from .text import agree, capitalize, chain_step, condition, escape_markdown, is_plural, join_words, member_of

__all__ = ["ROOT", "mermaid_label", "safe_name", "to_vault_zip", "vault_files", "wikilinks"]

ROOT = "Hip-Knee Explorer"
MAX_NAME = 80
FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*#^\[\]%]+')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MERMAID_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-_'/()!?+")
CARE = (("find", "Found by"), ("treat", "Treated by"), ("prevent", "Prevented by"))
LINK = re.compile(r"\[\[([^\[\]]*)\]\]")
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed, so the same graph always gives the same zip
OBSIDIAN_EXTRA = "^%=$"  # block ids, %%comments%%, ==highlights== and $math$ in Obsidian


def escape_obsidian(text: str) -> str:
    """Markdown-escaped text, also inert to Obsidian's own syntax (``^``, ``%%``, ``==``, ``$``)."""
    return escape_markdown(text, OBSIDIAN_EXTRA)


def safe_name(text: str, fallback: str = "note") -> str:
    """``text`` as a file name every OS and Obsidian accept, without ``.md``.

    >>> safe_name('a]]b|c#d: "e"?')
    'a b c d e'
    >>> safe_name("CON"), safe_name("aux.txt"), safe_name("...hidden."), safe_name("<>")
    ('CON_', 'aux_.txt', 'hidden', 'note')
    """
    name = unicodedata.normalize("NFC", text)
    name = FORBIDDEN.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name[:MAX_NAME].rstrip(" .")
    if not name:
        name = fallback
    stem, dot, rest = name.partition(".")
    if stem.strip().upper() in RESERVED:  # Windows reserves "CON", "aux.txt", ... whatever follows the dot
        name = f"{stem}_{dot}{rest}"
    return name


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label: anything but plain letters, digits and punctuation becomes ``#code;``.

    >>> mermaid_label('a"] --> b')
    '"a#34;#93; --#62; b"'
    """
    return '"' + "".join(ch if ch in MERMAID_SAFE else f"#{ord(ch)};" for ch in text) + '"'


def wikilinks(text: str) -> list[str]:
    """The targets of the ``[[links]]`` in ``text`` (display text and heading parts dropped)."""
    return [re.split(r"[|#]", m)[0] for m in LINK.findall(text)]


def _unique(wanted: str, taken: set[str], *extras: str) -> str:
    """``wanted``, or it with the first extra (then a number) that makes it unique after case-folding."""
    for candidate in (wanted, *(safe_name(f"{wanted[: MAX_NAME - len(e) - 3]} ({e})") for e in extras)):
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    i = 2
    while f"{wanted} {i}".casefold() in taken:
        i += 1
    taken.add(f"{wanted} {i}".casefold())
    return f"{wanted} {i}"


# --- notes ------------------------------------------------------------------------------------


def _front_matter(fields: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


class _Vault:
    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        schema = schema_of(G)
        self.types = list(schema.node_types)
        self.type_label = {t: schema.node_types[t].label for t in self.types}
        taken: set[str] = set()
        self.index = _unique("Index", taken)
        order = sorted(G, key=lambda n: (self.types.index(G.nodes[n]["type"]), G.nodes[n]["label"].casefold(), n))
        self.name = {
            n: _unique(
                safe_name(capitalize(G.nodes[n]["label"]), n), taken, self.type_label[G.nodes[n]["type"]].lower(), n
            )
            for n in order
        }
        self.order = order
        self.symptoms = nodes_with_role(G, "symptom")
        self.trace_name = {s: _unique(safe_name(f"{self.name[s]} - trace"), taken, s) for s in self.symptoms}
        self.folder = {t: safe_name(self.type_label[t], t) for t in self.types}

    def link(self, node: str) -> str:
        return f"[[{self.name[node]}]]" if node in self.name else escape_obsidian(str(node))

    def path(self, node: str) -> str:
        return f"{ROOT}/{self.folder[self.G.nodes[node]['type']]}/{self.name[node]}.md"

    def node_note(self, n: str) -> str:
        G, data = self.G, self.G.nodes[n]
        lines = [
            _front_matter(
                {
                    "id": n,
                    "type": data["type"],
                    "section": data["section"],
                    "aliases": [capitalize(data["label"]), *data.get("aliases", ())],
                    "tags": [f"hipknee/{data['type']}"],
                }
            ),
            f"# {escape_obsidian(capitalize(data['label']))}",
            "",
            f"*{escape_obsidian(self.type_label[data['type']])} · article section: {escape_obsidian(data['section'])}*",
            "",
        ]
        if data.get("description"):
            lines += [escape_obsidian(data["description"]), ""]
        if data.get("aliases"):
            lines += ["Also called: " + ", ".join(escape_obsidian(a) for a in data["aliases"]), ""]
        if n in self.trace_name:
            lines += [f"Its causes, step by step: [[{self.trace_name[n]}]]", ""]
        rels = relations(G, n)
        if rels:
            lines += ["## Relations", ""]
            for r in rels:
                lines += [f"### {escape_obsidian(capitalize(agree(r.phrase, is_plural(G, n))))}", ""]
                whens = r.when or (None,) * len(r.nodes)
                lines += [
                    f"- {self.link(m)}{condition(w or standing_condition(G, m), escape_obsidian)}"
                    for m, w in zip(r.nodes, whens, strict=False)
                ]
                lines.append("")
        lines += ["---", f"Back to [[{self.index}]]", ""]
        return "\n".join(lines)

    def care_lines(self, care: dict[str, list[dict[str, Any]]], indent: str = "") -> list[str]:
        lines = []
        for key, title in CARE:
            items = care.get(key) or []
            if items:
                listed = "; ".join(
                    self.link(i["id"])
                    + condition(i.get("when"), escape_obsidian)
                    + (f" *{escape_obsidian(i['section'])}*" if i.get("section") else "")
                    for i in items
                )
                lines.append(f"{indent}- **{title}:** {listed}")
        return lines

    def mermaid(self, trace: dict[str, Any]) -> str:
        ids: dict[str, str] = {}
        nodes: list[str] = []
        edges: list[str] = []

        def ref(node: dict[str, Any]) -> str:
            if node["id"] not in ids:
                ids[node["id"]] = f"n{len(ids)}"
                label = capitalize(node["label"])
                nodes.append(f"  {ids[node['id']]}[{mermaid_label(label)}]")
            return ids[node["id"]]

        symptom = trace["symptom"]
        ref(symptom)
        seen: set[tuple[str, str, str]] = set()

        def edge(a: str, b: str, arrow: str, label: str) -> None:
            if (a, b, arrow) not in seen and a != b:
                seen.add((a, b, arrow))
                edges.append(f"  {a} {arrow}|{mermaid_label(label)}| {b}")

        for chain in _flowchart_chains(trace):
            for a, b in itertools.pairwise(chain):
                edge(ref(a), ref(b), "-->", "leads to")
        for group in trace["groups"]:
            for cause in group["causes"]:
                if group.get("id") in self.name and group["id"] != cause["id"]:
                    edge(ref(cause), ref(group), "-.->", "part of")
        return "\n".join(["```mermaid", "flowchart LR", *nodes, *edges, "```"])

    def trace_note(self, s: str) -> str:
        trace = grouped_trace(self.G, s).to_dict()
        title = f"What causes {self.G.nodes[s]['label']}"
        lines = [
            _front_matter({"type": "trace", "symptom": s, "tags": ["hipknee/trace"]}),
            f"# {escape_obsidian(title)}",
            "",
            f"Symptom: {self.link(s)}. Causes in groups, how each reaches the symptom, and what finds, treats "
            "and prevents it.",
            "",
        ]
        umbrella = join_words([self.G.nodes[u]["label"] for u in grouped_trace(self.G, s).general_nodes])
        whole = [self.chain_line(chain) for c in trace.get("whole") or () for chain in c["chains"]]
        general = self.care_lines(trace.get("general") or {})
        if whole or general:
            said = escape_obsidian(umbrella or "the condition")
            lines += [
                f"## Said of {said} as a whole",
                "",
                "*What the article says of the condition, not of each cause.*",
                "",
            ]
            lines += [*whole, *([""] if whole else []), *general, ""]
        if not trace["groups"] and not whole:
            lines += [f"The article names no cause that leads to {escape_obsidian(self.G.nodes[s]['label'])}.", ""]
        others = [g for g in trace["groups"] if g.get("kind") == "other"]
        for group in [g for g in trace["groups"] if g.get("kind") != "other"]:
            lines += self.group_lines(group, "##")
        if others:
            lines += ["## Also named by the article", "", "*Outside the article's three cause groups.*", ""]
            for group in others:
                lines += self.group_lines(group, "###")
        lines += ["## Flowchart", "", self.mermaid(trace), "", "---", f"Back to [[{self.index}]]", ""]
        return "\n".join(lines)

    def chain_line(self, chain: list[dict[str, Any]]) -> str:
        """A chain from the cause: ``[[a]] → [[b]]`` (→ = leads to); a step into a group is membership, not an arrow."""
        grouping = set(schema_of(self.G).edge_types_with_role("grouping"))
        parts = [self.link(chain[0]["id"])]
        for a, b in itertools.pairwise(chain):
            edges = self.G[a["id"]].get(b["id"], {})
            if any(k in grouping for k in edges):
                parts.append(f" ({member_of(self.G, b['id'], self.link(b['id']))})")
            else:
                parts.append(chain_step(self.G, edges, b["id"], self.link(b["id"])))
            parts.append(condition(next((d["when"] for d in edges.values() if d.get("when")), None), escape_obsidian))
        return "- " + "".join(parts)

    def group_lines(self, group: dict[str, Any], level: str) -> list[str]:
        heading = self.link(group["id"]) if group.get("id") in self.name else escape_obsidian(group["label"])
        lines = [f"{level} {heading}", ""]
        care = self.care_lines(group.get("care") or {})
        if care:
            lines += ["*Said of the group as a whole:*", "", *care, ""]
        if group.get("chains"):
            lines += ["*Said of the group as a whole, not of each member:*", ""]
            lines += [*(self.chain_line(chain) for chain in group["chains"]), ""]
        alone = len(group["causes"]) == 1 and group["causes"][0]["id"] == group["id"]
        for cause in group["causes"]:
            if alone:
                if group.get("kind") != "other":
                    lines += ["*Said of the group as a whole, not of each member:*", ""]
            else:
                lines += [f"{level}# {self.link(cause['id'])}", ""]
            lines += [self.chain_line(chain) for chain in cause["chains"]]
            if not alone or group.get("kind") == "other":
                lines += self.care_lines(cause.get("care") or {})
            lines.append("")
        return lines

    def index_note(self) -> str:
        title = self.G.graph.get("title", "")
        lines = [
            _front_matter({"tags": ["hipknee/index"]}),
            "# Hip–Knee Explorer",
            "",
            f"Notes from the article *{escape_obsidian(title)}*, one per idea, linked as the article links them.",
            "",
        ]
        if self.symptoms:
            lines += ["## Traces", ""]
            lines += [f"- [[{self.trace_name[s]}]]" for s in self.symptoms]
            lines.append("")
        for t in self.types:
            members = [n for n in self.order if self.G.nodes[n]["type"] == t]
            if members:
                lines += [f"## {escape_obsidian(self.type_label[t])} ({len(members)})", ""]
                lines += [f"- {self.link(n)}" for n in members]
                lines.append("")
        return "\n".join(lines)

    def files(self) -> dict[str, str]:
        files = {f"{ROOT}/{self.index}.md": self.index_note()}
        for n in self.order:
            files[self.path(n)] = self.node_note(n)
        for s in self.symptoms:
            files[f"{ROOT}/Traces/{self.trace_name[s]}.md"] = self.trace_note(s)
        return files


def vault_files(G: nx.MultiDiGraph) -> dict[str, str]:
    """Every note of the vault: path inside the zip -> Markdown text.

    >>> from graph import load_graph
    >>> files = vault_files(load_graph())
    >>> "Hip-Knee Explorer/Symptom/Knee pain.md" in files, "Hip-Knee Explorer/Traces/Knee pain - trace.md" in files
    (True, True)
    """
    return _Vault(G).files()


def _zip(files: Iterable[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in files:
            info = zipfile.ZipInfo(path, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def to_vault_zip(G: nx.MultiDiGraph) -> bytes:
    """The vault as a zip (same graph, same bytes); unzip it and open the folder in Obsidian."""
    return _zip(sorted(vault_files(G).items()))


def _flowchart_chains(trace: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Every chain of a trace's dict, each read from the cause towards the symptom.

    The order is the flowchart's: what is said of the condition as a whole, then of
    each group, then each cause's own chains.
    """
    chains = [list(c) for w in trace.get("whole") or () for c in w["chains"]]
    chains += [list(c) for g in trace["groups"] for c in g.get("chains") or ()]
    for group in trace["groups"]:
        for cause in group["causes"]:
            for chain in cause["chains"]:
                walk = list(chain)
                if walk and walk[0]["id"] == trace["symptom"]["id"]:
                    walk.reverse()  # draw from the cause towards the symptom
                chains.append(walk)
    return chains
