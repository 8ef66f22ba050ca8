"""Types of the native half of the kg package (`kg._kg`). The answers are
the JSON the matching command prints, as Python objects; these TypedDicts
name their fields (docs/facts.md for the facts)."""

import os
from pathlib import Path
from typing import Dict, List, Literal, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

EntityType = Literal["PER", "ORG", "LOC", "MISC", "EVENT"]
Label = Literal[
    "meets", "role", "leads", "member_of", "represents", "located_in",
    "part_of", "agrees_with", "opposes", "cooccurs",
]

class FactsArticle(TypedDict):
    source: str
    external_id: Optional[str]
    title: Optional[str]
    date: Optional[str]
    date_raw: Optional[str]
    url: Optional[str]
    author: Optional[str]
    lang: str
    hash: str
    text: str

class FactsEntity(TypedDict):
    name: str
    type: EntityType
    key: str
    aliases: List[str]
    mentions: List[Tuple[int, int, int]]

class FactsRelation(TypedDict):
    head: int
    label: Label
    tail: int
    sentence: int
    trigger: str
    confidence: float
    attrs: Dict[str, str]

class Facts(TypedDict):
    """`kg extract`'s line for one article (docs/facts.md)."""
    kg_facts: int
    article: FactsArticle
    sentences: List[Tuple[int, int]]
    entities: List[FactsEntity]
    relations: List[FactsRelation]
    cooccurrences: List[Tuple[int, int, int]]
    notes: List[str]

class Entity(TypedDict):
    id: int
    name: str
    type: EntityType
    key: str
    mentions: int

class Edge(TypedDict):
    id: int
    head: int
    tail: int
    label: Label
    confidence: float

class Evidence(TypedDict):
    article: str
    title: Optional[str]
    article_id: int
    external_id: Optional[str]
    url: Optional[str]
    date: Optional[str]
    version: int
    sentence: str
    start: int
    end: int
    trigger: str
    confidence: float
    attrs: Dict[str, str]
    when: Optional[str]
    date_words: Optional[str]

# `from` is the entity `via` reached this one from (a keyword, hence
# the functional form).
Neighbor = TypedDict(
    "Neighbor", {"node": Entity, "distance": int, "via": Edge, "from": Entity}
)

class Neighbors(TypedDict):
    center: Entity
    neighbors: List[Neighbor]
    truncated: bool

class Relation(Edge):
    head_name: str
    tail_name: str
    evidence_count: int
    evidence: List[Evidence]

class Hop(Edge):
    forward: bool
    evidence: List[Evidence]

class Step(TypedDict):
    node: Entity
    edge: Optional[Hop]

class KgError(Exception):
    """An error of kg; the message is what `kg` prints after `kg: `."""

class EntityError(KgError):
    """A name that matches no entity (with suggestions) or several."""

def extract(
    text: str,
    lang: Optional[Literal["fr", "en", "auto"]] = None,
    *,
    date: Optional[str] = None,
    title: Optional[str] = None,
    source: str = "-",
) -> Facts:
    """The facts of one article: what `kg extract` writes for a JSON Lines
    article with this text, title and date, as a dict. `lang` None or
    "auto" detects the language; `date` is read as kg reads dates (ISO,
    "12 mars 2024", ...), one it cannot read is kept as `date_raw` with a
    `UserWarning`; `source` names the article in the facts."""

class Graph:
    """A kg database opened for reading."""

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None: ...
    def __repr__(self) -> str: ...
    @property
    def db_path(self) -> Path:
        """The database file."""
    def neighbors(
        self,
        name: str,
        depth: int = 1,
        *,
        labels: Optional[Sequence[Label]] = None,
        types: Optional[Sequence[EntityType]] = None,
        min_confidence: float = 0.0,
        cooccurs: bool = True,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: int = 100,
    ) -> Neighbors:
        """`kg neighbors NAME --depth DEPTH --json`; `cooccurs=False` is
        `--no-cooccurs`, `limit=0` all neighbours."""
    def relations(
        self,
        name: Optional[str] = None,
        label: Optional[Label] = None,
        *,
        labels: Optional[Sequence[Label]] = None,
        types: Optional[Sequence[EntityType]] = None,
        min_confidence: float = 0.0,
        cooccurs: bool = True,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: int = 50,
        evidence: int = 1,
    ) -> List[Relation]:
        """`kg relations [-e NAME] [--labels LABEL] --json`; `limit=0` all."""
    def path(
        self,
        a: str,
        b: str,
        *,
        k: int = 1,
        max_len: int = 6,
        labels: Optional[Sequence[Label]] = None,
        types: Optional[Sequence[EntityType]] = None,
        min_confidence: float = 0.0,
        cooccurs: bool = True,
        since: Optional[str] = None,
        until: Optional[str] = None,
        evidence: int = 1,
    ) -> List[List[Step]]:
        """The `paths` of `kg path A B --json`: the k shortest, each a list
        of steps from `a` to `b`; empty when none is at most `max_len` hops."""
    def _export_json(self) -> str:
        """`kg export --format json` of the whole graph."""
