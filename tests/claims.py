"""The article's claims (tests/fixtures/article_claims.yaml), loaded into typed records.

The fixture is written by hand from the article, never from ``data/``; these records
let tests (and quiz checks) ask it questions: is a claim one the article never makes
(:func:`is_never`), which categories the article places a name in (:func:`category_of`).
Names match by lowercase (underscores read as spaces) and each name's ``aka`` spellings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CARE_KINDS",
    "CARE_RELATION",
    "CATEGORIES",
    "DEFAULT_PATH",
    "RELATIONS",
    "CareItem",
    "Cause",
    "CauseGroup",
    "Claim",
    "Claims",
    "Condition",
    "Name",
    "Never",
    "category_of",
    "fold",
    "is_never",
    "load_claims",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "fixtures" / "article_claims.yaml"

CARE_KINDS: tuple[str, ...] = ("find", "treat", "prevent")
# The relation a care kind states, read care -> problem.
CARE_RELATION: Mapping[str, str] = {"find": "diagnoses", "treat": "treats", "prevent": "prevents"}
RELATIONS: frozenset[str] = frozenset({"causes", "leads_to", "part_of", "example_of", *CARE_RELATION.values()})
CATEGORIES: tuple[str, ...] = (
    "symptom",
    "cause",
    "mechanism",
    "diagnosis",
    "treatment",
    "prevention",
    "posture_correction",
)


def fold(text: str) -> str:
    """How names compare: lowercase, underscores as spaces, spacing collapsed.

    >>> fold("  Weak_Gluteal  Muscles ")
    'weak gluteal muscles'
    """
    return " ".join(text.replace("_", " ").casefold().split())


@dataclass(frozen=True)
class Name:
    """A thing the article names, with other spellings of it and the heading it sits under."""

    name: str
    aka: tuple[str, ...] = ()
    section: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name first, then its other spellings."""
        return (self.name, *self.aka)


@dataclass(frozen=True)
class Cause(Name):
    """A specific cause; ``examples`` are what the article gives after "such as"."""

    examples: tuple[Name, ...] = ()


@dataclass(frozen=True)
class CauseGroup(Name):
    """A cause group with its specific causes, both in article order."""

    causes: tuple[Cause, ...] = ()

    @property
    def members(self) -> tuple[Name, ...]:
        """Every cause of the group: each specific cause followed by its examples."""
        return tuple(n for c in self.causes for n in (c, *c.examples))


@dataclass(frozen=True)
class CareItem:
    """Something that finds, treats or prevents: at ``level`` general, group or cause (``owner``)."""

    name: str
    kind: str
    level: str
    owner: str | None
    section: str
    quote_hint: str = ""
    aka: tuple[str, ...] = ()

    @property
    def relation(self) -> str:
        return CARE_RELATION[self.kind]


@dataclass(frozen=True)
class Claim:
    """A claim the article states: ``source`` ``relation`` ``target``, under ``section``."""

    source: str
    relation: str
    target: str
    section: str
    quote_hint: str

    def __str__(self) -> str:
        return f"{self.source} {self.relation} {self.target}"


@dataclass(frozen=True)
class Never:
    """A claim the article does not make or contradicts, and why."""

    source: str
    relation: str
    target: str
    why: str


@dataclass(frozen=True)
class Condition:
    """Care given only under a condition; each entry of ``when_mentions`` lists words, one must appear."""

    care: str
    section: str
    when_mentions: tuple[tuple[str, ...], ...]

    def missing(self, when: str | None) -> list[str]:
        """The entries of ``when_mentions`` that ``when`` does not mention (all of them when empty)."""
        text = fold(when or "")
        return ["|".join(words) for words in self.when_mentions if not any(w in text for w in words)]


@dataclass(frozen=True)
class Claims:
    """Everything the fixture says about the article."""

    source: str
    symptoms: tuple[Name, ...]
    cause_groups: tuple[CauseGroup, ...]
    general_care: tuple[CareItem, ...]
    group_care: tuple[CareItem, ...]
    cause_care: tuple[CareItem, ...]
    must: tuple[Claim, ...]
    never: tuple[Never, ...]
    conditions: tuple[Condition, ...]
    categories: Mapping[str, tuple[Name, ...]]
    _spelling: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for named in self.all_names():
            self._spelling.setdefault(fold(named.name), named.name)
        for named in self.all_names():
            for aka in named.aka:
                self._spelling.setdefault(fold(aka), named.name)

    # --- names --------------------------------------------------------------

    def all_names(self) -> Iterator[Name]:
        """Every name the fixture gives (repeats included), with its spellings."""
        yield from self.symptoms
        for group in self.cause_groups:
            yield group
            yield from group.members
        for item in (*self.general_care, *self.group_care, *self.cause_care):
            yield Name(item.name, item.aka, item.section)
        for names in self.categories.values():
            yield from names

    def canonical(self, text: str) -> str | None:
        """The fixture's name for ``text`` (a name or an ``aka`` of one), or None."""
        return self._spelling.get(fold(text))

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every spelling the fixture gives for ``name`` (its canonical name first)."""
        canon = self.canonical(name) or name
        others = sorted({s for s, c in self._spelling.items() if c == canon} - {fold(canon)})
        return (canon, *others)

    def _same(self, a: str, b: str) -> bool:
        return (self.canonical(a) or fold(a)) == (self.canonical(b) or fold(b))

    # --- questions ----------------------------------------------------------

    def causes(self) -> tuple[Name, ...]:
        """Every specific cause and example, in article order."""
        return tuple(n for g in self.cause_groups for n in g.members)

    def group_of(self, cause: str) -> CauseGroup | None:
        """The cause group ``cause`` belongs to."""
        return next((g for g in self.cause_groups if any(self._same(m.name, cause) for m in g.members)), None)

    def care_of(self, level: str, owner: str | None = None) -> tuple[CareItem, ...]:
        """The care the article attaches at ``level`` (general / group / cause) to ``owner``."""
        items = {"general": self.general_care, "group": self.group_care, "cause": self.cause_care}[level]
        return tuple(i for i in items if owner is None or (i.owner is not None and self._same(i.owner, owner)))

    def all_must(self) -> tuple[Claim, ...]:
        """The ``must`` claims plus the care the article attaches to a group or a cause."""
        care = tuple(
            Claim(i.name, i.relation, i.owner or "", i.section, i.quote_hint)
            for i in (*self.group_care, *self.cause_care)
        )
        return (*self.must, *care)

    def inherited(self) -> tuple[Never, ...]:
        """Care a group's member would inherit from the group that the article does not state for the member."""
        found: list[Never] = []
        for item in self.group_care:
            group = next(g for g in self.cause_groups if self._same(g.name, item.owner or ""))
            for member in group.members:
                own = {fold(i.name) for i in self.care_of("cause", member.name) if i.kind == item.kind}
                if fold(item.name) not in own:
                    why = (
                        f"the article says {item.name!r} {item.relation.replace('_', ' ')} {group.name} as a group "
                        f"({item.section}), not {member.name} in particular"
                    )
                    found.append(Never(item.name, item.relation, member.name, why))
        return tuple(found)

    def is_never(self, from_name: str, relation: str, to_name: str) -> str | None:
        """Why the article does not make the claim ``from_name relation to_name``, or None."""
        for entry in (*self.never, *self.inherited()):
            if entry.relation == relation and self._same(entry.source, from_name) and self._same(entry.target, to_name):
                return entry.why
        return None

    def category_of(self, name: str) -> set[str]:
        """The categories the article plainly places ``name`` in (empty when the fixture does not say)."""
        return {cat for cat, names in self.categories.items() if any(self._same(n.name, name) for n in names)}

    def condition_for(self, care: str) -> Condition | None:
        """The condition under which the article gives ``care``, if any."""
        return next((c for c in self.conditions if self._same(c.care, care)), None)


# --- reading the file -------------------------------------------------------


def _name(raw: Any, where: str) -> Name:
    if isinstance(raw, str):
        return Name(raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ValueError(f"{where}: expected a name or {{name, aka?, section?}}, got {raw!r}")
    return Name(raw["name"], tuple(raw.get("aka") or ()), raw.get("section"))


def _care(raw: Mapping[str, Any], level: str, owner: str | None, where: str) -> list[CareItem]:
    unknown = set(raw) - {*CARE_KINDS, "group", "cause"}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)} (expected {', '.join(CARE_KINDS)})")
    items: list[CareItem] = []
    for kind in CARE_KINDS:
        for entry in raw.get(kind) or ():
            named = _name(entry, f"{where}.{kind}")
            if named.section is None:
                raise ValueError(f"{where}.{kind}: {named.name!r} has no section")
            hint = entry.get("quote_hint", "") if isinstance(entry, dict) else ""
            items.append(CareItem(named.name, kind, level, owner, named.section, hint, named.aka))
    return items


def _pairs(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def parse_claims(data: Mapping[str, Any]) -> Claims:
    """Claims from the fixture's parsed YAML; a malformed fixture raises ValueError naming the place."""
    symptoms = tuple(_name(s, "symptoms") for s in data["symptoms"])
    groups: list[CauseGroup] = []
    for raw in data["cause_groups"]:
        head = _name(raw, "cause_groups")
        causes = tuple(
            Cause(
                c["name"],
                tuple(c.get("aka") or ()),
                c.get("section"),
                tuple(_name(e, f"{head.name}.examples") for e in c.get("examples") or ()),
            )
            for c in raw["causes"]
        )
        groups.append(CauseGroup(head.name, head.aka, head.section, causes))
    group_names = {fold(g.name) for g in groups}
    cause_names = {fold(n.name) for g in groups for n in g.members}
    general = _care(data.get("general_care") or {}, "general", None, "general_care")
    group_care: list[CareItem] = []
    for raw in data.get("group_care") or ():
        if fold(raw["group"]) not in group_names:
            raise ValueError(f"group_care: {raw['group']!r} is not one of the cause groups")
        group_care += _care(raw, "group", raw["group"], f"group_care[{raw['group']}]")
    cause_care: list[CareItem] = []
    for raw in data.get("cause_care") or ():
        if fold(raw["cause"]) not in cause_names:
            raise ValueError(f"cause_care: {raw['cause']!r} is not one of the causes")
        cause_care += _care(raw, "cause", raw["cause"], f"cause_care[{raw['cause']}]")
    must: list[Claim] = []
    for raw in data.get("must") or ():
        if raw["relation"] not in RELATIONS:
            raise ValueError(f"must: unknown relation {raw['relation']!r} (expected one of {sorted(RELATIONS)})")
        must.append(Claim(raw["from"], raw["relation"], raw["to"], raw["section"], raw["quote_hint"]))
    never: list[Never] = []
    for raw in data.get("never") or ():
        if raw["relation"] not in RELATIONS:
            raise ValueError(f"never: unknown relation {raw['relation']!r}")
        never += [Never(a, raw["relation"], b, raw["why"]) for a, b in product(_pairs(raw["from"]), _pairs(raw["to"]))]
    conditions = tuple(
        Condition(c["care"], c["section"], tuple(tuple(fold(w) for w in m.split("|")) for m in c["when_mentions"]))
        for c in data.get("conditions") or ()
    )
    unknown = set(data.get("categories") or {}) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"categories: unknown {sorted(unknown)} (expected {', '.join(CATEGORIES)})")
    categories = {
        cat: tuple(_name(n, f"categories.{cat}") for n in names)
        for cat, names in (data.get("categories") or {}).items()
    }
    return Claims(
        source=data["source"],
        symptoms=symptoms,
        cause_groups=tuple(groups),
        general_care=tuple(general),
        group_care=tuple(group_care),
        cause_care=tuple(cause_care),
        must=tuple(must),
        never=tuple(never),
        conditions=conditions,
        categories=categories,
    )


@lru_cache(maxsize=4)
def load_claims(path: Path = DEFAULT_PATH) -> Claims:
    """The fixture at ``path`` (default: tests/fixtures/article_claims.yaml)."""
    with Path(path).open(encoding="utf-8") as f:
        return parse_claims(yaml.safe_load(f))


def is_never(from_name: str, relation: str, to_name: str) -> str | None:
    """Why the article does not make this claim (``why`` of the fixture's never list), or None.

    >>> is_never("Surgical interventions", "treats", "poor_posture") is not None
    True
    >>> is_never("hip arthroscopy", "treats", "torn hip labrum") is None
    True
    """
    return load_claims().is_never(from_name, relation, to_name)


def category_of(name: str) -> set[str]:
    """The categories the article plainly places ``name`` in.

    >>> sorted(category_of("Ergonomic adjustments"))
    ['posture_correction', 'treatment']
    >>> category_of("weak glutes")
    {'cause'}
    """
    return load_claims().category_of(name)
