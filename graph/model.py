"""Plain data records passed between pipeline stages.

read → :class:`Document`; mentions/linking → :class:`Entity`; relations → :class:`Fact`.
The RDF layer (:mod:`graph.rdf`) turns them into triples; nothing else knows about RDF.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Sequence

#: Top-level entity categories (the public ``?category`` values of the ``entities`` query).
CATEGORIES = ("Region", "Park", "Enterprise", "Infrastructure", "Institution")

#: Relation kinds, one per named competency query.
RELATIONS = ("pairing", "co_built", "enclave", "twinning", "connection", "located_in")


@dataclass
class Document:
    """One source article.

    ``text`` is the cleaned original (possibly Traditional); ``norm`` is the same text
    folded to Simplified Chinese for matching. When both have the same length, offsets
    found in ``norm`` are valid in ``text`` (OpenCC t2s is character-for-character for
    almost all input; :mod:`graph.read` guarantees equal length or sets ``norm`` to a
    per-character fold).
    """

    doc_id: str
    path: str
    text: str
    norm: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None  # outlet
    url: str | None = None
    script: str = "Hans"  # Hans | Hant
    encoding: str | None = None
    media_type: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the format reader warned
    content_hash: str | None = None  # sha256 hex of the file bytes (incremental builds)
    #: per character of ``text``, its index in the source text (None: the same string);
    #: the readers give a :class:`graph.offsetmap.OffsetMap` (runs, not an int per character)
    offsets: Sequence[int] | None = field(default=None, repr=False)
    #: which text the source offsets index: "decoded" (the file's decoded characters),
    #: "extracted" (the reader's text: trafilatura for HTML, pypdf, python-docx,
    #: Markdown without markup) or "given" (the string passed in)
    offset_basis: str = "given"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of ``text`` as offsets into the source text."""
        if self.offsets is None or end <= start:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Span:
    """A sentence of a document: the evidence for a fact.

    ``start``/``end`` index the document's cleaned ``text``; ``source_start``/
    ``source_end`` the source text (see :attr:`Document.offset_basis`)."""

    doc_id: str
    start: int
    end: int
    text: str  # original-script text of the sentence
    source_start: int | None = None
    source_end: int | None = None


@dataclass
class Entity:
    """A canonical thing in the graph (a region, park, enterprise, ...)."""

    key: str  # stable identity: "region:440404" or "park:某某区智能制造产业园"
    label: str  # Simplified canonical label
    category: str  # one of CATEGORIES
    kind: str  # finer class name in the ontology, e.g. "District", "ReverseEnclave"
    alt_labels: set[str] = field(default_factory=set)  # other Simplified surface forms
    trad_labels: set[str] = field(default_factory=set)  # Traditional forms seen in articles
    adcode: str | None = None
    lon: float | None = None
    lat: float | None = None
    parent: str | None = None  # key of the containing region (administrative hierarchy)
    coords_from: str | None = None  # key of the region whose point lon/lat borrow
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fact:
    """One relation found in one sentence.

    ``args`` holds entity keys by role:
      pairing:     up, down  (+ up_fn, down_fn: normalised function ids; up_text, down_text)
      co_built:    park, partners (tuple of keys)
      enclave:     enclave, host, owner (+ kind: "forward" | "reverse")
      twinning:    a, b (+ kind text, e.g. 对口帮扶协作)
      connection:  infra, places (tuple of keys)
      located_in:  entity, place
    """

    relation: str
    args: dict[str, Any]
    span: Span
    rule: str
    confidence: float = 0.7
    status: str | None = None  # planned | under_construction | completed
    date: str | None = None  # ISO date or yyyy-mm
    quantities: list[dict[str, Any]] = field(default_factory=list)

    def arg_strings(self) -> Iterator[str]:
        """Every string among the fact's arguments (entity keys, and text such as a kind)."""
        for v in self.args.values():
            if isinstance(v, str):
                yield v
            elif isinstance(v, (tuple, list)):
                yield from (x for x in v if isinstance(x, str))

    def identity(self) -> tuple:
        """What makes two facts the same fact (evidence aside)."""
        items = []
        for k in sorted(self.args):
            v = self.args[k]
            if k in ("up_text", "down_text"):
                continue
            items.append((k, tuple(sorted(v)) if isinstance(v, (list, tuple, set)) else v))
        return (self.relation, tuple(items))


@dataclass
class Extraction:
    """Everything extracted from a corpus."""

    documents: list[Document] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    # first mention of an entity in a document: (entity key, doc_id) -> Span
    mentions: dict[tuple[str, str], Span] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
