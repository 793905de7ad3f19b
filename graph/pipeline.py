"""The whole job: files → documents → mentions → entities → facts → RDF.

Extraction is *per document and pure*: each document is read and extracted on its own
(its own entity registry), so its named graph is a function of the file alone. That lets
documents be extracted in any order, in worker processes (``jobs``) or on a Dask cluster,
and stored incrementally, with byte-identical output whatever the number of workers.
"""
from __future__ import annotations

import contextlib
import copy
import gc
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .atomic import output_lock, temporary_folder
from .chars import one_line
from .discourse import read_discourse
from .doclimits import DocLimits, DocTimeout, time_limit, timeout_reason, too_large
from .errors import InputError
from .gazetteer import load
from .linesort import LineFile
from .linking import link_mentions, resolve_bare_zones
from .mentions import find_mentions, named_inside
from .metadata import sidecar_path
from .model import CATEGORIES, RELATIONS, Document, Extraction, Fact, Span
from .offsetmap import OffsetMap
from .read import find_inputs, read_document, unique_ids
from .relations import extract_relations
from .sentences import split_sentences

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .summary import DocRows

Progress = Callable[[str], None]
#: Seconds to wait for a Dask scheduler to answer.
DASK_TIMEOUT = 20
#: A store build writes new documents in batches of about this many bytes of N-Quads
#: (one bulk load each, of at most :data:`graph.kgstore.LOAD_QUADS` quads; see
#: :class:`graph.kgstore.DocumentWriter`). Each bulk load is merged into every index of
#: the store by RocksDB's compaction, so fewer, larger ones cost less: 200 MB of N-Quads
#: took 12.3 CPU s in 64 MB loads, 15.5 in 16 MB ones; writing 1,000 synthetic articles
#: (370 MB) 23.3 CPU s in loads of up to 900,000 quads (about 180 MB), 30.6 in 64 MB ones.
COMMIT_BYTES = 192_000_000
#: Documents read in one worker task at most (less pickling and waking up).
TASK_DOCS = 4
#: A graph-file build (``-o`` without a store) of more input than this many bytes gathers
#: its quads in a temporary store on disk instead of in memory (which holds 12-36 bytes
#: per byte of text), so memory stays bounded whatever the corpus size.
MEMORY_BUILD_BYTES = 20_000_000


@dataclass
class BuildSummary:
    """What a build produced (printed by the CLI)."""

    output: Path | None
    documents: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    entities_by_category: dict[str, int] = field(default_factory=dict)
    facts_by_relation: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0  # documents already in the store with the same content
    removed: int = 0  # documents dropped from the store
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, message)

    def line(self) -> str:
        ents = sum(self.entities_by_category.values())
        facts = sum(self.facts_by_relation.values())
        ec = ", ".join(f"{k} {v}" for k, v in self.entities_by_category.items())
        fc = ", ".join(f"{k} {v}" for k, v in self.facts_by_relation.items())
        out = f" → {self.output}" if self.output else ""
        return (f"{self.documents} documents → {ents} entities ({ec}), "
                f"{facts} facts ({fc}){out}")


#: A document whose cleaned text is longer than this many characters (about 1.5 MB of
#: Chinese; a long report has 100,000) is extracted segment by segment: consecutive blocks of whole paragraphs of at
#: most this size (see :func:`segments`), with one entity registry, so memory and time
#: per character stay those of an ordinary article. Aliases, abbreviations, anaphora
#: and document-wide cues are then resolved within a segment.
SEGMENT_CHARS = 500_000
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def segments(text: str, size: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` blocks covering ``text``, each at most ``size`` characters long,
    cut after a paragraph break in the second half of the block, else after a sentence
    end there, else at ``size`` (text with neither).

    >>> segments("甲乙。\\n\\n丙丁。\\n\\n戊", 6)
    [(0, 5), (5, 11)]
    """
    out, start = [], 0
    while len(text) - start > size:
        low, limit = start + size // 2, start + size
        cut = text.rfind("\n\n", low, limit)
        if cut >= 0:
            cut += 2
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, low, limit)]
            cut = ends[-1] if ends else limit
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _cut(doc: Document, size: int) -> list[tuple[int, Document]]:
    """``doc`` as consecutive parts of at most ``size`` characters (:func:`segments`),
    each with where it starts in ``doc``; a part's offsets still point into the source."""
    return [_part(doc, start, end) for start, end in segments(doc.text, size)]


def _part(doc: Document, start: int, end: int) -> tuple[int, Document]:
    offsets = (doc.offsets[start:end] if doc.offsets is not None
               else OffsetMap.identity(end - start, start))
    return start, replace(doc, text=doc.text[start:end], norm=doc.norm[start:end],
                          offsets=offsets)


def extract_document(doc: Document, ex: Extraction, helpers: "Executor | None" = None,
                     shift: int = 0) -> None:
    """Add the entities, mentions and facts of one document to ``ex`` (segment by segment
    when it is longer than :data:`SEGMENT_CHARS`); ``shift``: where ``doc`` starts in its
    document (a chunk of a huge one, see :func:`extract_one`).

    ``helpers`` (worker processes) find the mentions of the next segments while this
    process links and relates the current one: mention finding is a pure function of a
    segment's text, so the result is the same; what follows reads the entity registry
    of the segments before, so it stays in order here."""
    if len(doc.text) <= SEGMENT_CHARS:
        _extract_part(doc, ex, shift)
        return
    parts = _cut(doc, SEGMENT_CHARS)
    found = _ahead(find_mentions, [part.norm for _, part in parts], helpers)
    for (start, part), mentions in zip(parts, found):
        _extract_part(part, ex, shift + start, mentions)


def _ahead(fn: Callable, args: list, helpers: "Executor | None",
           prepare: Callable = lambda a: a) -> Iterator:
    """``fn(prepare(a))`` for each of ``args``, in order, computed by ``helpers`` a few
    items ahead (``None``s without helpers: the caller then computes each itself);
    ``prepare`` runs here, just before its item is sent."""
    if helpers is None:
        yield from (None for _ in args)
        return
    window = 2 * getattr(helpers, "_max_workers", 1)
    pending = [helpers.submit(fn, prepare(a)) for a in args[:window]]
    for i in range(len(args)):
        result = pending.pop(0).result()
        if i + window < len(args):
            pending.append(helpers.submit(fn, prepare(args[i + window])))
        yield result


def _extract_part(doc: Document, ex: Extraction, shift: int = 0,
                  mentions: list | None = None) -> None:
    """:func:`extract_document` on ``doc``, which starts at ``shift`` in its document
    (``mentions``: those of ``doc.norm``, if already found)."""
    gaz = load()
    mentions = find_mentions(doc.norm) if mentions is None else mentions
    linked = link_mentions(doc, mentions, ex.entities, gaz)
    linked += resolve_bare_zones(doc.norm, linked, ex.entities)
    linked = read_discourse(doc, linked, ex.entities, gaz)
    sentences = split_sentences(doc.norm)
    said: dict[tuple[int, int], str] = {}  # one copy of each evidence sentence's text
    si = 0
    for lk in sorted(linked, key=lambda x: x.start):
        if lk.mention.how == "anaphor":
            continue
        while si < len(sentences) - 1 and sentences[si].end <= lk.start:
            si += 1
        s = sentences[si] if sentences else None
        if s is None or (lk.key, doc.doc_id) in ex.mentions:
            continue
        text = said.setdefault((s.start, s.end), doc.text[s.start:s.end])
        span = Span(doc.doc_id, s.start + shift, s.end + shift, text,
                    *doc.source_span(s.start, s.end))
        ex.mentions[(lk.key, doc.doc_id)] = span
        for key in named_inside(lk.mention):  # 安溪县|某某水产城: the county is named too
            ex.mentions.setdefault((key, doc.doc_id), span)
    facts = extract_relations(doc, linked, ex.entities, gaz, sentences=sentences)
    for f in facts:  # evidence located in the source text, not only the cleaned one
        source = doc.source_span(f.span.start, f.span.end)
        text = said.setdefault((f.span.start, f.span.end), f.span.text)
        f.span = replace(f.span, start=f.span.start + shift, end=f.span.end + shift,
                         text=text, source_start=source[0], source_end=source[1])
        for key in f.arg_strings():  # 甲至乙航线: the places a fact joins are named where it is
            if key in ex.entities and ex.entities[key].category == "Region":
                ex.mentions.setdefault((key, doc.doc_id), f.span)
    ex.facts.extend(facts)


#: A document whose cleaned text is longer than this many characters (about 3 MB of
#: Chinese, twenty long reports end to end) is extracted in *chunks*: consecutive blocks
#: of whole paragraphs of at most this size (:func:`segments`), each on its own, with its
#: own entity registry, in the build's worker processes when it has them (``--jobs``),
#: and the chunks' extractions merged in order. What ties one chunk to another (an alias
#: or abbreviation defined in an earlier chunk, an anaphor, a document-wide cue) is not
#: resolved across them; every fact keeps its document and its offsets in the whole
#: text. The result depends on the text alone, not on the number of workers. A shorter
#: document is extracted as one (segment by segment, see :data:`SEGMENT_CHARS`).
CHUNK_CHARS = 1_000_000


def extract_one(doc: Document, helpers: "Executor | None" = None, *,
                chunk_chars: int | None = None) -> Extraction:
    """The extraction of one document alone (a pure function of the document);
    ``helpers`` as in :func:`extract_document`; a document longer than ``chunk_chars``
    (default :data:`CHUNK_CHARS`) is extracted chunk by chunk, on ``helpers`` if given."""
    size = CHUNK_CHARS if chunk_chars is None else chunk_chars
    if len(doc.text) > size:
        return _extract_chunked(doc, helpers, size)
    return _extract_whole(doc, helpers)


def _extract_whole(doc: Document, helpers: "Executor | None" = None,
                   shift: int = 0) -> Extraction:
    """The extraction of ``doc`` in one piece (a document, or a chunk starting at
    ``shift`` in its document), its facts deduplicated and unused entities pruned."""
    ex = Extraction(documents=[doc])
    with collector_paused():
        extract_document(doc, ex, helpers, shift)
    ex.facts = dedupe_facts(ex.facts)
    _prune(ex)
    return ex


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one document (or chunk) is extracted, as it was
    after. Extraction makes many small containers (mentions, spans, tuples) that live
    until the document is done, and the collector walked them again and again: 15% of
    the CPU of a 1 MB document, 4% of 12 KB articles. It makes no reference cycles
    (``gc.collect()`` after extracting the benchmark corpora with the collector off finds
    none), so nothing waits for it; whatever might still form one is collected as usual
    once the document is done."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _extract_chunk(item: tuple[int, Document]) -> Extraction:
    """The extraction of one chunk (starting at ``item[0]`` in its document) on its own
    (runs in a worker process); without the document, which the caller has."""
    shift, part = item
    ex = _extract_whole(part, None, shift)
    ex.documents = []
    return ex


def _extract_chunked(doc: Document, helpers: "Executor | None", size: int) -> Extraction:
    """:func:`extract_one` of a document longer than ``size``: its chunks extracted apart
    (on ``helpers``, a few ahead) and merged in order. An entity keeps the first chunk's
    record (labels other chunks give it become alternative labels), a mention the first
    chunk's sentence, a fact stated in several chunks the first evidence."""
    ex = Extraction(documents=[doc])
    parts = _cut(doc, size)
    found = _ahead(_extract_chunk, parts, helpers)
    for item, got in zip(parts, found):
        part = _extract_chunk(item) if got is None else got
        ex.facts.extend(part.facts)
        for k, span in part.mentions.items():
            ex.mentions.setdefault(k, span)
        _merge_entities(ex.entities, part.entities)
    ex.facts = dedupe_facts(ex.facts)
    _prune(ex)
    return ex


def _merge_entities(into: dict, more: dict) -> None:
    """A later chunk's entities merged into ``into``: an entity keeps the first chunk's
    record (a chunk's own object: no other extraction holds it); labels a later chunk
    gives it become alternative labels."""
    for key, ent in more.items():
        have = into.get(key)
        if have is None:
            into[key] = ent
            continue
        have.alt_labels |= ent.alt_labels | ({ent.label} - {have.label})
        have.trad_labels |= ent.trad_labels


def _chunk_graph(item: tuple[int, Document]) -> tuple:
    """One chunk of a huge document extracted and turned into N-Triples lines, fact by
    fact and mention by mention (runs in a worker process; see :func:`chunked_graph`)."""
    from .rdf import fact_and_mention_lines

    ex = _extract_chunk(item)
    doc_id = item[1].doc_id
    facts = [(f.identity(), f.relation, sorted(f.arg_strings())) for f in ex.facts
             if f.span.doc_id == doc_id]
    keys = [k for k, d in ex.mentions if d == doc_id]
    fact_lines, mention_lines, shared, evidence = fact_and_mention_lines(ex, doc_id)
    return ex.entities, facts, fact_lines, keys, mention_lines, shared, evidence


def chunked_graph(doc: Document, helpers: "Executor | None" = None,
                  size: int | None = None) -> tuple[LineFile, bytes, dict[str, str], Counter]:
    """The graph of a document longer than ``size`` (default :data:`CHUNK_CHARS`) as
    :func:`graph.rdf.document_ntriples` gives it for :func:`extract_one` (the same
    lines), with the categories of the entities it mentions and its facts per relation;
    made chunk by chunk: each chunk's facts and mentions become lines where it is
    extracted (on ``helpers``, a few ahead), and only the lines of the first statement
    of a fact or mention are kept, so the document's extraction is never held whole.
    The lines stay in a temporary file (a :class:`~graph.linesort.LineFile`), which the
    writer reads in pieces: they are never held whole either."""
    import tempfile

    from .rdf import entity_and_document_lines

    size = CHUNK_CHARS if size is None else size
    entities: dict = {}
    seen: set[tuple] = set()
    mentioned: dict[str, None] = {}
    relations: Counter[str] = Counter()
    used: set[str] = set()
    shared: set[bytes] = set()
    out = tempfile.TemporaryFile(prefix="coopgraph-chunks-")  # noqa: SIM115 - handed on
    try:
        bounds = segments(doc.text, size)
        prepare = lambda b: _part(doc, *b)  # noqa: E731 - one part's text at a time
        for bound, got in zip(bounds, _ahead(_chunk_graph, bounds, helpers, prepare)):
            ents, facts, fact_lines, keys, mention_lines, more, evidence = (
                got or _chunk_graph(prepare(bound)))
            _merge_entities(entities, ents)
            kept: list[bytes] = []
            nodes: set[bytes] = set()  # the evidence nodes the kept lines point to
            for (ident, relation, args), (lines, needs) in zip(facts, fact_lines):
                if ident not in seen:
                    seen.add(ident)
                    relations[relation] += 1
                    used.update(args)
                    kept += lines
                    nodes.update(needs)
            for key, (lines, needs) in zip(keys, mention_lines):
                if key not in mentioned:
                    mentioned[key] = None
                    kept += lines
                    nodes.update(needs)
            shared |= more
            kept += (evidence[n] for n in sorted(nodes))
            out.write(b"".join(kept))
            del got, ents, facts, fact_lines, mention_lines, kept, evidence
        used = {k for k in (*mentioned, *used) if k in entities}
        frontier = list(used)
        while frontier:
            parent = entities[frontier.pop()].parent
            if parent and parent in entities and parent not in used:
                used.add(parent)
                frontier.append(parent)
        own, fixed = entity_and_document_lines(Extraction(entities=entities), doc, used)
        out.write(own)
        out.write(b"".join(shared))
        out.flush()
    except BaseException:
        out.close()
        raise
    return (LineFile(out), fixed,
            {k: entities[k].category for k in mentioned if k in entities}, relations)


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


def merge(parts: Iterable[Extraction]) -> Extraction:
    """One extraction from per-document ones (in order). An entity keeps the first
    document's record; labels other documents spell differently become alternative labels."""
    ex = Extraction()
    for part in parts:
        ex.documents.extend(part.documents)
        ex.facts.extend(part.facts)
        ex.mentions.update(part.mentions)
        ex.skipped.extend(part.skipped)
        for key, ent in part.entities.items():
            have = ex.entities.get(key)
            if have is None:
                ex.entities[key] = copy.deepcopy(ent)
                continue
            have.alt_labels |= ent.alt_labels | ({ent.label} - {have.label})
            have.trad_labels |= ent.trad_labels
    ex.entities = dict(sorted(ex.entities.items()))
    return ex


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes and its metadata sidecar's, if any (hex)."""
    h = hashlib.sha256(Path(path).read_bytes())
    side = sidecar_path(Path(path))
    if side is not None:
        h.update(b"\0sidecar\0" + side.read_bytes())
    return h.hexdigest()


def read_one(path: Path, doc_id: str) -> Document:
    """Read a file as document ``doc_id``, with its content hash."""
    doc = read_document(path, doc_id)
    doc.content_hash = content_hash(path)
    return doc


def _files(paths: Sequence[str | Path], passed: list[tuple[str, str]] | None = None
           ) -> list[tuple[Path, str]]:
    """Files under ``paths`` with their document ids; what discovery passed over (FIFOs,
    dangling links…) is appended to ``passed``."""
    files, skipped = find_inputs(paths)
    if passed is not None:
        passed.extend(skipped)
    if not files:
        raise InputError("no articles found (looked for .txt .md .html .htm .pdf .docx in "
                         + ", ".join(str(p) for p in paths) + ")")
    return list(zip(files, unique_ids(files)))


def extract(paths: Sequence[str | Path], *, progress: Callable | None = None) -> Extraction:
    """Read and extract every supported file under ``paths`` (one merged extraction).

    ``progress``, if given, wraps the file list (e.g. ``tqdm``/``click.progressbar``-like
    callable taking an iterable and returning one).
    """
    skipped: list[tuple[str, str]] = []
    files = _files(paths, skipped)
    parts: list[Extraction] = []
    warnings: list[tuple[str, str]] = []
    iterable = progress([p for p, _ in files]) if progress else [p for p, _ in files]
    ids = dict(files)
    for path in iterable:
        try:
            doc = read_one(path, ids[path])
        except InputError as exc:
            skipped.append((str(path), str(exc)))
            continue
        warnings.extend((str(path), w) for w in doc.warnings)
        try:
            parts.append(extract_one(doc))
        except Exception as exc:  # noqa: BLE001 - a bug in extraction: skip this article only
            skipped.append((str(path), internal_error(exc)))
    ex = merge(parts)
    ex.skipped = skipped
    ex.warnings = warnings
    if not ex.documents:
        path, reason = skipped[0]
        raise InputError(f"no article could be read ({len(skipped)} skipped; first: {reason})")
    return ex


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
                        {r: rels[r] for r in RELATIONS if rels[r]},
                        warnings=list(ex.warnings))


# --- per-document results, in worker processes ---------------------------------------

@dataclass
class DocResult:
    """What extracting one file gives: its named graph as N-Triples, or why it was skipped."""

    path: str
    doc_id: str
    content_hash: str | None = None
    # the document graph; a huge document's in a temporary file, read in pieces by the
    # writer (:func:`chunked_graph`); ``bytes()`` of either is the N-Triples
    ntriples: bytes | LineFile = b""
    fixed: bytes = b""  # fixed descriptions of the places it uses (default graph only)
    mentioned: dict[str, str] = field(default_factory=dict)  # entity key → category
    relations: dict[str, int] = field(default_factory=dict)
    skipped: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the format reader warned
    rows: "DocRows | None" = None  # its summary rows (store builds), see graph.summary


def internal_error(exc: Exception) -> str:
    """Why an article was skipped when extracting it raised: a bug, not the input's fault.
    One article's bug must not stop a build of thousands; with ``COOPGRAPH_DEBUG`` set it
    propagates (with its traceback) instead."""
    if os.environ.get("COOPGRAPH_DEBUG"):
        raise exc
    return one_line(f"internal error while extracting ({type(exc).__name__}: {exc}); "
                    "please report it (COOPGRAPH_DEBUG=1 shows the traceback)")


def process_file(path: str | Path, doc_id: str, limits: DocLimits | None = None,
                 helpers: "Executor | None" = None, *, rows: bool = False) -> DocResult:
    """Read and extract one file into its document graph (runs in a worker process).

    ``limits`` (default :class:`~graph.doclimits.DocLimits`): a file beyond the size limit,
    or one whose extraction outlasts the time limit, is skipped with the reason.
    ``helpers``: worker processes for the segments of a long document
    (:func:`extract_document`). ``rows``: also compute the document's rows of the
    store's summary, so the writer need not: from its extraction
    (:func:`graph.summaryrows.document_rows`), or for a huge document, whose extraction is
    never held whole, from its graph (:func:`graph.summary.doc_rows`)."""
    from .rdf import document_ntriples

    limits = DocLimits() if limits is None else limits
    reason = too_large(path, limits)
    if reason:
        return DocResult(str(path), doc_id, skipped=reason)
    ex = None
    try:
        with time_limit(limits.timeout):
            doc = read_one(Path(path), doc_id)
            if len(doc.text) > CHUNK_CHARS:  # a huge one: its graph made chunk by chunk
                triples, fixed, mentioned, relations = chunked_graph(doc, helpers)
            else:  # (the collector waits until the extraction is dropped, see below)
                with collector_paused():
                    ex = extract_one(doc, helpers)
                    triples, fixed = document_ntriples(ex, doc)
                    mentioned = {k: ex.entities[k].category for k, _ in ex.mentions}
                    relations = Counter(f.relation for f in ex.facts)
    except InputError as exc:
        return DocResult(str(path), doc_id, skipped=str(exc))
    except DocTimeout:
        return DocResult(str(path), doc_id, skipped=timeout_reason(limits))
    except Exception as exc:  # noqa: BLE001 - a bug in extraction: skip this article only
        return DocResult(str(path), doc_id, skipped=internal_error(exc))
    result = DocResult(str(path), doc_id, doc.content_hash, triples, fixed, mentioned,
                       dict(relations), warnings=doc.warnings)
    if rows and ex is not None:
        from .summaryrows import document_rows

        with collector_paused():
            result.rows = document_rows(ex, doc)
    elif rows:
        from .summary import doc_rows

        del doc  # a long document's text is not needed any more
        result.rows = doc_rows(triples, fixed, helpers=helpers)
    return result


def process_known(item: tuple) -> DocResult:
    """:func:`process_file` on ``(path, doc_id, limits[, rows])``."""
    path, doc_id, limits, *rows = item
    return process_file(path, doc_id, limits, rows=bool(rows and rows[0]))


#: An invented text whose extraction loads every table on first use (an unknown name
#: makes the POS tagger load its HMM).
_WARM_UP = "某省某市与某县共建产业园区，研发在某市，生产在某县。据介绍，甡罍璆产业园由两地共建。"


def warm_up() -> None:
    """Load what extraction loads on first use (gazetteer, POS tables and HMM, patterns,
    the RDF writer…) by extracting a short text: done before worker processes fork,
    they share it."""
    from .qualifiers import quantities
    from .rdf import document_ntriples

    ex = extract_text(_WARM_UP)
    document_ntriples(ex, ex.documents[0])
    quantities("三百亩")  # loads cn2an (Chinese numerals), else each worker loads it


def process_batch(items: Sequence[tuple]) -> list[DocResult]:
    """:func:`process_known` over a batch (one Dask or worker task)."""
    return [process_known(item) for item in items]


def _run_dask(items: list[tuple], address: str, batch: int) -> Iterator[DocResult]:
    """Extraction on the Dask cluster at ``address`` (its workers must see the files),
    batch by batch, in order, with a bounded number of batches in flight."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - optional dependency
        raise InputError("--dask needs the distributed package: "
                         "pip install 'coopgraph[dask]'") from None
    try:
        client = Client(address, timeout=DASK_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        window = 2 * max(1, sum(client.nthreads().values()))
        chunks = [items[i:i + batch] for i in range(0, len(items), batch)]
        pending = []
        for chunk in chunks:
            pending.append(client.submit(process_batch, chunk, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        while pending:
            yield from pending.pop(0).result()


def run_files(files: Sequence[tuple[Path, str]], jobs: int = 1, *,
              dask: str | None = None, batch: int = 16,
              limits: DocLimits | None = None, rows: bool = False) -> Iterator[DocResult]:
    """:func:`process_file` over ``files``, in order, on ``jobs`` worker processes (or on a
    Dask cluster); at most a few documents per worker are in flight, so memory does not grow
    with the corpus. ``limits``: per-document size and time limits (defaults if ``None``);
    ``rows``: each document's summary rows computed along (where it is extracted)."""
    items = [(str(p), d, limits, rows) for p, d in files]
    if not items:  # nothing new: no tables to load, no workers to start
        return
    if dask:
        yield from _run_dask(items, dask, batch)
        return
    if jobs <= 1 or (len(items) == 1 and not _segmented(items[0][0])):
        for i in range(0, len(items), TASK_DOCS):
            yield from process_batch(items[i:i + TASK_DOCS])
        return
    import gc
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    warm_up()  # forked workers share the loaded tables instead of loading them each
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    if len(items) == 1:  # one long document: helpers extract its chunks (a huge one)
        # or find its segments' mentions while this process goes on with the segments
        helpers = jobs if _size(Path(items[0][0])) > CHUNK_CHARS else jobs - 1
        gc.freeze()
        try:
            with ProcessPoolExecutor(helpers, mp_context=ctx,
                                     initializer=_init_worker) as pool:
                result = process_file(*items[0][:3], helpers=pool, rows=rows)
        finally:
            gc.unfreeze()
        yield result  # the helpers are gone while the result is written
        return
    # a few documents per task (less pickling and waking up), a few tasks per worker in
    # flight: memory does not grow with the corpus, and no worker waits for the writer
    chunk = max(1, min(TASK_DOCS, len(items) // (8 * jobs)))
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    window = 3 * jobs
    gc.freeze()  # the collector does not walk the tables: their pages stay shared
    try:
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker) as pool:
            pending = []
            for part in chunks:
                pending.append(pool.submit(process_batch, part))
                if len(pending) >= window:
                    yield from pending.pop(0).result()
            while pending:
                yield from pending.pop(0).result()
    finally:
        gc.unfreeze()


def _segmented(path: str) -> bool:
    """Whether a file may be long enough to be extracted in segments (by its size: a
    character takes at least one byte, and the reader does not add any)."""
    try:
        return Path(path).stat().st_size > SEGMENT_CHARS
    except OSError:
        return False


def _init_worker() -> None:
    _die_with_parent()
    warm_up()  # a no-op after a fork (already loaded); loads the tables under spawn


def _die_with_parent() -> None:
    """A worker ends when the build process does (SIGTERM, SIGKILL), instead of waiting
    forever for work (Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere nothing)."""
    import ctypes
    import os
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


class ShardWriter:
    """Writes the documents of a build as N-Quads shards (``part-00000.nq`` …) that any
    SPARQL store bulk-loads: each shard holds its documents' graphs, their copies in the
    default graph and the place descriptions they use, as sorted lines."""

    def __init__(self, folder: str | Path, size: int = 500) -> None:
        self.folder, self.size = Path(folder), size
        self.buffer: list[DocResult] = []
        self.written: list[Path] = []

    def add(self, r: DocResult) -> None:
        if r.skipped is None:
            self.buffer.append(r)
            if len(self.buffer) >= self.size:
                self.flush()

    def flush(self) -> None:
        from .kgstore import nquads
        from .rdf import document_node
        from .store import write_atomic

        if not self.buffer:
            return
        lines: set[bytes] = set()
        for r in self.buffer:
            lines.update(nquads(document_node(r.doc_id), bytes(r.ntriples),
                                r.fixed).split(b"\n"))
        lines.discard(b"")
        path = self.folder / f"part-{len(self.written):05d}.nq"
        self.written.append(write_atomic(path, b"\n".join(sorted(lines)) + b"\n"))
        self.buffer = []


class _Tally:
    """Counts for the summary line, accumulated document by document."""

    def __init__(self) -> None:
        self.documents = 0
        self.unchanged = 0
        self.skipped: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.categories: dict[str, str] = {}
        self.relations: Counter[str] = Counter()

    def add(self, r: DocResult) -> None:
        if r.skipped is not None:
            self.skipped.append((r.path, r.skipped))
            return
        self.documents += 1
        self.warnings.extend((r.path, w) for w in r.warnings)
        for k, c in r.mentioned.items():
            self.categories.setdefault(k, c)
        self.relations.update(r.relations)

    def summary(self, output: Path | None) -> BuildSummary:
        cats = Counter(self.categories.values())
        return BuildSummary(output, self.documents, list(self.skipped),
                            {c: cats[c] for c in CATEGORIES if cats[c]},
                            {r: self.relations[r] for r in RELATIONS if self.relations[r]},
                            unchanged=self.unchanged, warnings=list(self.warnings))

    def check(self) -> None:
        if not self.documents and not self.unchanged:
            path, reason = self.skipped[0]
            raise InputError(f"no article could be read ({len(self.skipped)} skipped; "
                             f"first: {reason})")


def build(paths: Sequence[str | Path], output: str | Path, *,
          progress: Callable | None = None, jobs: int = 1, dask: str | None = None,
          shards: str | Path | None = None, limits: DocLimits | None = None) -> BuildSummary:
    """Extract ``paths`` and write the graph to ``output`` (format from its extension).

    ``jobs`` worker processes (or the Dask cluster at ``dask``) extract documents in
    parallel; the file is the same for any number of workers. ``shards``, if given, is a
    folder that also receives the graph as N-Quads shards. ``progress`` wraps an iterable of
    results (e.g. ``tqdm``). ``limits`` (:class:`~graph.doclimits.DocLimits`): documents
    beyond the per-document size or time limit are skipped, with the reason.
    """
    import pyoxigraph as ox

    from .atomic import write_with
    from .kgstore import DocumentWriter
    from .linegraphs import LINE_FORMATS, LineGraphs
    from .store import format_of, save_dataset

    output = Path(output)
    fmt = format_of(output)
    # one build per output at a time: the lock is taken before the slow part, so a second
    # build stops at once; it also refuses a device, FIFO or folder as the output
    with output_lock(output), contextlib.ExitStack() as stack:
        tally = _Tally()
        files = _files(paths, tally.skipped)
        if fmt in LINE_FORMATS:  # sorted lines on disk: no store to load and dump again
            folder = stack.enter_context(temporary_folder("coopgraph-build-"))
            store, writer = None, LineGraphs(folder)
        elif sum(_size(p) for p, _ in files) > MEMORY_BUILD_BYTES:
            folder = stack.enter_context(temporary_folder("coopgraph-build-"))
            store = ox.Store(str(folder / "kg"))
            writer = DocumentWriter(store, COMMIT_BYTES)
        else:
            store = ox.Store()
            writer = DocumentWriter(store, 0)
        shard = ShardWriter(shards) if shards is not None else None
        results = run_files(files, jobs, dask=dask, limits=limits)
        for r in (progress(results, len(files)) if progress else results):
            tally.add(r)
            if r.skipped is None:
                writer.add(r.doc_id, r.ntriples, r.fixed)
                if shard:
                    shard.add(r)
            del r  # a huge document's lines are the writer's now: not held while it writes
        tally.check()
        if shard:
            shard.flush()
        if store is None:
            write_with(output, lambda fh: writer.write(fmt, fh))
        else:
            writer.commit()
            save_dataset(store, output)
        del store, writer  # a store on disk closes before its folder goes
    return tally.summary(output)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _digest(path: Path) -> str:
    try:
        return content_hash(path)
    except OSError:
        return ""  # reading it again reports why


def build_store(paths: Sequence[str | Path], store_dir: str | Path, *,
                progress: Callable | None = None, jobs: int = 1, force: bool = False,
                output: str | Path | None = None, dask: str | None = None,
                shards: str | Path | None = None, limits: DocLimits | None = None
                ) -> BuildSummary:
    """Create or update the store in ``store_dir`` with the articles under ``paths``.

    Only new documents and documents whose content changed are extracted; new ones enter
    the store in batches of about :data:`COMMIT_BYTES`, changed ones in one transaction
    each (see :mod:`graph.kgstore`). ``force`` re-extracts every
    document. ``output``, if given, also receives the whole store as a graph file;
    ``dask``, ``shards`` and ``limits`` as in :func:`build` (shards hold the documents of
    this run).
    The summary counts the documents extracted in this run (``unchanged`` the others).
    """
    from .kgstore import (DocumentWriter, close_store, current_version, documents,
                          drop_partial, mark_version, open_store, plan)
    from .store import format_of, save_dataset
    from .summary import Summary

    if output is not None:
        format_of(output)
    store_dir = Path(store_dir)
    passed: list[tuple[str, str]] = []
    files = _files(paths, passed)
    store = open_store(store_dir, create=True)
    stale = not current_version(store_dir)
    todo, unchanged = plan(documents(store), [(p, d, _digest(p)) for p, d in files],
                           force=force or stale)
    tally = _Tally()
    tally.unchanged = unchanged
    tally.skipped.extend(passed)
    shard = ShardWriter(shards) if shards is not None else None
    results = run_files([(p, d) for p, d, _ in todo], jobs, dask=dask, limits=limits,
                        rows=True)
    summary = Summary.for_store(store, store_dir)  # the named queries' rows, kept along
    drop_partial(store, store_dir, summary)  # what a killed build left of a big document
    writer = DocumentWriter(store, COMMIT_BYTES, summary, folder=store_dir)
    try:
        for r, (_, _, old) in zip(progress(results, len(todo)) if progress else results, todo):
            tally.add(r)
            if r.skipped is None:
                writer.add(r.doc_id, r.ntriples, r.fixed, old, rows=r.rows)
                if shard:
                    shard.add(r)
            del r  # not held while the next document is extracted
    except KeyboardInterrupt:  # keep what was read (Ctrl-C), then stop
        writer.commit()
        raise
    writer.commit()
    tally.check()
    if shard:
        shard.flush()
    store.flush()
    if stale:
        mark_version(store_dir)
    summary.close()
    if output is not None:
        with output_lock(output):
            save_dataset(store, output)
    del store
    close_store(store_dir)
    return tally.summary(store_dir)


def remove(store_dir: str | Path, names: Sequence[str]) -> list[str]:
    """Drop documents (by id or source path) from a store; returns the ids removed."""
    from .kgstore import find_document, open_store, remove_document
    from .summary import Summary

    store = open_store(store_dir)
    found = [find_document(store, n) for n in names]  # all or nothing
    summary = Summary.for_store(store, store_dir)
    for d in found:
        remove_document(store, d.doc_id, summary)
    summary.close()
    store.flush()
    return [d.doc_id for d in found]


def extract_text(text: str, *, doc_id: str = "text", date: str | None = None) -> Extraction:
    """Extract from a string (handy in notebooks and tests)."""
    from .read import document_from_text

    return extract_one(document_from_text(text, doc_id, date=date))
