"""The whole job: files → documents → mentions → entities → facts → RDF file."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from .errors import InputError
from .gazetteer import load
from .linking import link_mentions, resolve_bare_zones
from .mentions import find_mentions
from .model import CATEGORIES, RELATIONS, Document, Extraction, Fact, Span
from .read import discover, read_document
from .relations import extract_relations
from .sentences import split_sentences

Progress = Callable[[str], None]


@dataclass
class BuildSummary:
    """What a build produced (printed by the CLI)."""

    output: Path | None
    documents: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    entities_by_category: dict[str, int] = field(default_factory=dict)
    facts_by_relation: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        ents = sum(self.entities_by_category.values())
        facts = sum(self.facts_by_relation.values())
        ec = ", ".join(f"{k} {v}" for k, v in self.entities_by_category.items())
        fc = ", ".join(f"{k} {v}" for k, v in self.facts_by_relation.items())
        out = f" → {self.output}" if self.output else ""
        return (f"{self.documents} documents → {ents} entities ({ec}), "
                f"{facts} facts ({fc}){out}")


def extract_document(doc: Document, ex: Extraction) -> None:
    """Add the entities, mentions and facts of one document to ``ex``."""
    gaz = load()
    mentions = find_mentions(doc.norm)
    linked = link_mentions(doc, mentions, ex.entities, gaz)
    linked += resolve_bare_zones(doc.norm, linked, ex.entities)
    sentences = split_sentences(doc.norm)
    si = 0
    for lk in sorted(linked, key=lambda x: x.start):
        if lk.mention.how == "anaphor":
            continue
        while si < len(sentences) - 1 and sentences[si].end <= lk.start:
            si += 1
        s = sentences[si] if sentences else None
        if s is None or (lk.key, doc.doc_id) in ex.mentions:
            continue
        ex.mentions[(lk.key, doc.doc_id)] = Span(doc.doc_id, s.start, s.end,
                                                 doc.text[s.start:s.end],
                                                 *doc.source_span(s.start, s.end))
    facts = extract_relations(doc, linked, ex.entities, gaz)
    for f in facts:  # evidence located in the source text, not only the cleaned one
        f.span = replace(f.span, **dict(zip(("source_start", "source_end"),
                                            doc.source_span(f.span.start, f.span.end))))
    ex.facts.extend(facts)


def dedupe_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per identity and document (a repeated paragraph gives one fact), keeping
    the first evidence; order is stable."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        ident = (f.identity(), f.span.doc_id)
        if ident not in seen:
            seen.add(ident)
            out.append(f)
    return out


def extract(paths: Sequence[str | Path], *, progress: Callable | None = None) -> Extraction:
    """Read and extract every supported file under ``paths``.

    ``progress``, if given, wraps the file list (e.g. ``tqdm``/``click.progressbar``-like
    callable taking an iterable and returning one).
    """
    files = discover(paths)
    if not files:
        raise InputError("no articles found (looked for .txt .md .html .htm .pdf .docx in "
                         + ", ".join(str(p) for p in paths) + ")")
    ex = Extraction()
    used: set[str] = set()
    iterable = progress(files) if progress else files
    for path in iterable:
        doc_id = _unique_id(path.stem, used)
        try:
            doc = read_document(path, doc_id)
        except InputError as exc:
            ex.skipped.append((str(path), str(exc)))
            continue
        ex.documents.append(doc)
        extract_document(doc, ex)
    if not ex.documents:
        path, reason = ex.skipped[0]
        raise InputError(f"no article could be read ({len(ex.skipped)} skipped; first: {reason})")
    ex.facts = dedupe_facts(ex.facts)
    _prune(ex)
    return ex


def _unique_id(stem: str, used: set[str]) -> str:
    doc_id, n = stem, 2
    while doc_id in used:
        doc_id, n = f"{stem}-{n}", n + 1
    used.add(doc_id)
    return doc_id


def _prune(ex: Extraction) -> None:
    """Keep entities that are mentioned or referenced (ancestors of mentioned regions)."""
    keep = {k for k, _ in ex.mentions}
    for f in ex.facts:
        for v in f.args.values():
            if isinstance(v, str) and v in ex.entities:
                keep.add(v)
            elif isinstance(v, tuple):
                keep.update(x for x in v if x in ex.entities)
    frontier = list(keep)
    while frontier:
        k = frontier.pop()
        parent = ex.entities[k].parent
        if parent and parent not in keep and parent in ex.entities:
            keep.add(parent)
            frontier.append(parent)
    ex.entities = {k: ex.entities[k] for k in sorted(keep)}


def summarise(ex: Extraction, output: Path | None = None) -> BuildSummary:
    mentioned = {k for k, _ in ex.mentions}
    cats = Counter(ex.entities[k].category for k in mentioned)
    rels = Counter(f.relation for f in ex.facts)
    return BuildSummary(output, len(ex.documents), list(ex.skipped),
                        {c: cats[c] for c in CATEGORIES if cats[c]},
                        {r: rels[r] for r in RELATIONS if rels[r]})


def build(paths: Sequence[str | Path], output: str | Path, *,
          progress: Callable | None = None) -> BuildSummary:
    """Extract ``paths`` and write the graph to ``output`` (format from its extension)."""
    from .rdf import to_dataset
    from .store import save_dataset

    output = Path(output)
    ex = extract(paths, progress=progress)
    save_dataset(to_dataset(ex), output)
    return summarise(ex, output)


def extract_text(text: str, *, doc_id: str = "text", date: str | None = None) -> Extraction:
    """Extract from a string (handy in notebooks and tests)."""
    from .read import document_from_text

    doc = document_from_text(text, doc_id, date=date)
    ex = Extraction(documents=[doc])
    extract_document(doc, ex)
    ex.facts = dedupe_facts(ex.facts)
    _prune(ex)
    return ex
