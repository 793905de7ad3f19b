"""Find article files, decode them and turn each into a :class:`~graph.model.Document`.

Formats: ``.txt``, ``.md``, ``.html``/``.htm`` (main text via trafilatura), ``.pdf`` (text
layer via pypdf) and ``.docx`` (python-docx). Text files are decoded by detection, not
assumption: a BOM, then strict UTF-8, then charset-normalizer restricted to the Chinese
legacy encodings (GB18030 ⊇ GBK, Big5/CP950/HKSCS), accepted only when the result reads as
Chinese. Cleaning and folding live in :mod:`graph.textnorm`, metadata in
:mod:`graph.metadata`.
"""
from __future__ import annotations

import codecs
import errno
import io
import logging
import os
import re
import stat
import warnings
from collections import Counter
from contextlib import contextmanager
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .chars import one_line, shown, xml_safe
from .errors import InputError
from .metadata import Metadata, detect, load_sidecar, merge, parse_date, strip_site_suffix
from .model import Document
from .textnorm import (Mapped, clean_mapped_t2s, fold_lines, fold_particles, fold_width,
                       join_mapped, script_of, split_lines_mapped, t2s)

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUPPORTED = tuple(MEDIA_TYPES)

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
#: charset-normalizer candidates, and the Python codecs tried for each family (the
#: widest first: GB18030 ⊇ GBK ⊇ GB2312; CP950 and HKSCS extend Big5 differently).
_DETECT = ["gb18030", "big5", "cp950", "big5hkscs"]
_FAMILIES = {"gb18030": ("gb18030",), "gbk": ("gb18030",), "gb2312": ("gb18030",),
             "big5": ("cp950", "big5hkscs"), "cp950": ("cp950", "big5hkscs"),
             "big5hkscs": ("big5hkscs", "cp950")}
_FAMILY_NAME = {"gb18030": "gb18030", "cp950": "big5", "big5hkscs": "big5"}
#: A legacy decoding must be mostly CJK outside ASCII, and contain no junk characters.
MIN_CJK_SHARE = 0.6
MAX_JUNK_SHARE = 0.001


# ---------------------------------------------------------------- discovery

def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article file (a dangling or looping symbolic
    link, a FIFO, a device, a folder), or ``None`` for a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "dangling symbolic link" if path.is_symlink() else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return exc.strerror or type(exc).__name__
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _scan(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under ``folder`` and the entries passed over with the reason:
    anything with a supported extension that is not a regular file, links to folders
    (not followed) and sub-folders that cannot be listed."""
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []

    def unreadable(exc: OSError) -> None:
        skipped.append((str(exc.filename), f"cannot list folder: {exc.strerror or exc}"))

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        root = Path(top)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~$")))
        for name in dirs:
            path = root / name
            if path.is_symlink():
                skipped.append((str(path), "a symbolic link to a folder (not followed)"))
            elif path.suffix.lower() in SUPPORTED:
                skipped.append((str(path), "a folder, not a file (its files are read)"))
        for name in files:
            path = root / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in SUPPORTED:
                continue
            reason = not_a_file(path)
            if reason is None:
                found.append(path)
            else:
                skipped.append((str(path), reason))
    return found, skipped


def _is_sidecar(path: Path) -> bool:
    """``a.json`` / ``a.txt.json`` next to a supported ``a.*`` file."""
    if path.suffix.lower() != ".json":
        return False
    inner = Path(path.stem)
    if inner.suffix.lower() in SUPPORTED:
        return path.with_name(inner.name).exists()
    return any(path.with_suffix(ext).exists() for ext in SUPPORTED)


def find_inputs(paths: Sequence[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under ``paths`` (sorted) and what was passed over, as
    ``(path, reason)`` pairs (sorted): see :func:`discover` and :func:`not_a_file`.

    Raises
    ------
    InputError
        When a path named in ``paths`` does not exist.
    """
    found: set[Path] = set()
    skipped: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, passed = _scan(path)
            found.update(files)
            skipped.extend(passed)
        elif path.is_file():
            if not _is_sidecar(path):
                found.add(path)
        elif not path.is_symlink() and not os.path.lexists(path):
            raise InputError(f"no such file or folder: {shown(raw)}")
        else:
            skipped.append((str(path), not_a_file(path) or "not a regular file"))
    return sorted(found), sorted(set(skipped))


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """Supported files under ``paths`` (files, or folders searched recursively), sorted.

    Hidden files and folders (``.x``), Office lock files (``~$x``) and JSON sidecars are
    left out of folders. A file named explicitly is kept whatever its extension (reading
    it then reports an unsupported type), except a sidecar. :func:`find_inputs` also
    says what was passed over and why.
    """
    return find_inputs(paths)[0]


def unique_ids(paths: Sequence[Path]) -> list[str]:
    """Document ids: the file stem, then ``stem-2``, ``stem-3``… for later files with the
    same stem (``paths`` in :func:`discover` order, so ids are deterministic)."""
    used: set[str] = set()
    ids = []
    for path in paths:
        stem = xml_safe(path.stem)
        doc_id, n = stem, 2
        while doc_id in used:
            doc_id, n = f"{stem}-{n}", n + 1
        used.add(doc_id)
        ids.append(doc_id)
    return ids


# ---------------------------------------------------------------- decoding

def _is_junk(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("Co", "Cn", "Cs") or (cat == "Cc" and ch not in "\t\n\r\x0c")


def looks_chinese(text: str) -> bool:
    """Whether a legacy decoding is plausible: outside ASCII it is mostly CJK text and
    punctuation, and it holds no private-use, unassigned or control characters."""
    counts = Counter(text)  # (each distinct character is looked up once)
    wide = {c: n for c, n in counts.items() if ord(c) > 0x7F}
    if not wide:
        return False
    junk = sum(n for c, n in counts.items() if _is_junk(c))
    cjk = sum(n for c, n in wide.items() if "CJK" in unicodedata.name(c, "") or
              unicodedata.category(c).startswith(("P", "Z", "S")) or
              0xFF00 <= ord(c) <= 0xFFEF)
    return junk <= MAX_JUNK_SHARE * len(text) and cjk / sum(wide.values()) >= MIN_CJK_SHARE


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    tried: list[str] = [m.encoding for m in from_bytes(data, cp_isolation=_DETECT)]
    tried += [e for e in ("gb18030", "cp950") if e not in tried]  # detection gave up
    for name in tried:
        for codec in _FAMILIES.get(name, ()):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if looks_chinese(text):
                return text, _FAMILY_NAME[codec]
    return None


def _decode_damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a truncated character in a scraped page): decoded with
    U+FFFD in their place. GBK or Big5 bytes read as UTF-8 give far more errors."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, MAX_JUNK_SHARE * len(text)) and looks_chinese(text.replace("\ufffd", "")):
        return text, "utf-8"
    return None


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes; ``encoding`` is one of ``utf-8``,
    ``utf-8-sig``, ``utf-16``, ``utf-32``, ``gb18030``, ``big5``.

    Raises :class:`InputError` when no encoding gives plausible text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode {shown(name)}: invalid {codec} text "
                                 f"after its byte-order mark") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    found = _decode_damaged_utf8(data) or _decode_legacy(data)
    if found is None:
        raise InputError(f"cannot decode {shown(name)}: not UTF-8, GB18030 or Big5 text")
    return found


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {shown(path.name)}: {exc.strerror or exc}") from exc


# ---------------------------------------------------------------- formats

@dataclass
class Extracted:
    """What a format reader gives back: raw text, its own metadata and encoding."""

    text: str
    meta: Metadata = Metadata()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    #: per character of ``text``, its index in the decoded file (None: ``text`` is it)
    offsets: list[int] | None = None


def _read_txt(path: Path) -> Extracted:
    text, encoding = decode_bytes(read_bytes(path), path.name)
    return Extracted(text, encoding=encoding)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*$|^~~~.*$", re.M), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),  # rules
    (re.compile(r"(\*\*|__|\*|~~|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
    (re.compile(r"\s+#+\s*$", re.M), ""),  # closing hashes of headings
)


def _front_matter(block: str) -> Metadata:
    values = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("title", "date", "source", "url"):
            values[key.strip().lower()] = value.strip().strip("'\"") or None
    date = parse_date(values["date"]) if values.get("date") else None
    return Metadata(values.get("title"), date, values.get("source"), values.get("url"))


def _sub_mapped(pattern: re.Pattern[str], repl: str, text: str, offsets: list[int]
                ) -> tuple[str, list[int]]:
    """``pattern.sub(repl, text)`` that keeps ``offsets`` (an index per character) in step;
    ``repl`` is literal text (mapped to the match start) or a group reference ``\\N``."""
    group = int(repl[1:]) if re.fullmatch(r"\\\d", repl) else None
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        parts.append(text[pos:m.start()])
        offs.extend(offsets[pos:m.start()])
        if group is not None:
            parts.append(m.group(group))
            offs.extend(offsets[m.start(group):m.end(group)])
        else:
            parts.append(repl)
            offs.extend([offsets[m.start()] if m.start() < len(offsets) else len(offsets)]
                        * len(repl))
        pos = m.end()
    parts.append(text[pos:])
    offs.extend(offsets[pos:])
    return "".join(parts), offs


def strip_markdown(text: str) -> tuple[str, Metadata]:
    """Markdown to plain text (lightly: markup characters go, words stay), with the
    title/date/source/url of a YAML front matter block if there is one."""
    plain, meta, _ = strip_markdown_mapped(text)
    return plain, meta


def strip_markdown_mapped(text: str) -> tuple[str, Metadata, list[int]]:
    """:func:`strip_markdown` and, per character of the plain text, its index in ``text``."""
    text, offsets = _sub_mapped(re.compile(r"\r(?=\n)"), "", text, list(range(len(text))))
    meta = Metadata()
    m = _FRONT_MATTER.match(text)
    if m:
        meta, text, offsets = _front_matter(m[1]), text[m.end():], offsets[m.end():]
    for pattern, repl in _MD_RULES:
        text, offsets = _sub_mapped(pattern, repl, text, offsets)
    return text, meta, offsets


def _read_md(path: Path) -> Extracted:
    raw, encoding = decode_bytes(read_bytes(path), path.name)
    text, meta, offsets = strip_markdown_mapped(raw)
    return Extracted(text, meta, encoding, offsets=offsets)


def html_to_text(html: str) -> tuple[str, Metadata]:
    """Main text of a page (trafilatura, offline) and its title/date/site/url.

    The precision mode drops menus and link lists; when it finds nothing the default mode
    is used, and the cleaning rules catch what is left.
    """
    import trafilatura

    options = dict(with_metadata=True, include_comments=False, include_tables=True,
                   date_extraction_params={"extensive_search": False, "original_date": True})
    doc = trafilatura.bare_extraction(html, favor_precision=True, **options)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(html, **options)
    if doc is None:
        return "", Metadata()
    title = strip_site_suffix(doc.title, doc.sitename) if doc.title else None
    date = parse_date(doc.date) if doc.date else None
    return doc.text or "", Metadata(title, date, doc.sitename or None, doc.url or None)


def _read_html(path: Path) -> Extracted:
    html, encoding = decode_bytes(read_bytes(path), path.name)
    try:
        text, meta = html_to_text(html)
    except ImportError as exc:  # trafilatura ≥2 with lxml ≥5.2 needs lxml_html_clean
        raise InputError(f"cannot read {shown(path.name)}: HTML support is not installed "
                         f"({_first_line(exc)})") from exc
    return Extracted(text, meta, encoding)


#: At most this many distinct library warnings are kept per file.
MAX_WARNINGS = 5


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def library_warnings(logger_name: str) -> Iterator[list[str]]:
    """Collect what a library logs (``logger_name``) or warns while reading one file, so
    it is reported with the file's name instead of reaching stderr bare. The yielded list
    receives distinct one-line messages (at most :data:`MAX_WARNINGS`, then a count)."""
    logger = logging.getLogger(logger_name)
    handler = _Collector()
    saved = logger.propagate
    out: list[str] = []
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield out
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
        found = handler.messages + [str(w.message) for w in caught]
        distinct = list(dict.fromkeys(one_line(m.strip()) for m in found if m.strip()))
        out.extend(distinct[:MAX_WARNINGS])
        if len(distinct) > MAX_WARNINGS:
            out.append(f"… and {len(distinct) - MAX_WARNINGS} more warnings")


def _read_pdf(path: Path) -> Extracted:
    with library_warnings("pypdf") as notes:
        extracted = _read_pdf_quietly(path)
    return replace(extracted, warnings=tuple(notes))


def _read_pdf_quietly(path: Path) -> Extracted:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(read_bytes(path)))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{shown(path.name)} is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata or {}).get("/Title")
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(f"cannot parse {shown(path.name)}: {type(exc).__name__}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(f"{shown(path.name)} has no text layer")
    # document-info titles are often a file name ("Microsoft Word - x.doc"): keep Chinese ones
    title = str(info_title).strip() if info_title and re.search(
        r"[\u4e00-\u9fff]", str(info_title)) else None
    return Extracted(text, Metadata(title=title))


def _read_docx(path: Path) -> Extracted:
    import docx

    try:
        document = docx.Document(io.BytesIO(read_bytes(path)))
    except Exception as exc:  # zipfile/lxml/KeyError on a damaged or non-Word file
        raise InputError(f"cannot parse {shown(path.name)}: not a Word .docx file") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    title = (document.core_properties.title or "").strip() or None
    return Extracted("\n".join(paragraphs), Metadata(title=title))


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


_READERS: dict[str, Callable[[Path], Extracted]] = {
    ".txt": _read_txt, ".md": _read_md, ".html": _read_html, ".htm": _read_html,
    ".pdf": _read_pdf, ".docx": _read_docx,
}


# ---------------------------------------------------------------- documents

def _build(body: Mapped | str, doc_id: str, path: str, meta: Metadata, *,
           encoding: str | None = None, media_type: str | None = None,
           basis: str = "given", simplified: str | None = None) -> Document:
    """The document; ``simplified`` is ``t2s`` of the body's text when the caller has it."""
    text, offsets = (body, None) if isinstance(body, str) else body
    # every Document is made here: the one place where text and names become XML-safe
    # (one character for one: the offsets stay valid)
    safe = xml_safe(text)
    if safe != text or simplified is None or len(simplified) != len(text):
        simplified = t2s(safe)
    text, doc_id, path = safe, xml_safe(doc_id), xml_safe(path)
    meta = replace(meta, **{k: xml_safe(v) for k, v in vars(meta).items()
                            if isinstance(v, str)})
    norm = fold_particles(fold_width(simplified))  # (嘅: Cantonese 的)
    return Document(doc_id=doc_id, path=path, text=text, norm=norm,
                    title=meta.title, date=meta.date, source=meta.source, url=meta.url,
                    script=script_of(text, simplified), encoding=encoding,
                    media_type=media_type, offsets=offsets, offset_basis=basis)


@dataclass
class _Cleaned:
    """What cleaning a text gives: the metadata its raw lines state, the cleaned text with
    its source offsets (``None`` when nothing is left) and the
    :func:`~graph.textnorm.t2s` form of that text."""

    detected: Metadata
    body: Mapped | None
    simplified: str | None


def _clean(text: str, stem: str = "") -> _Cleaned:
    mapped = split_lines_mapped(text)
    lines = [line for line, _ in mapped]
    folded = fold_lines(lines)
    detected = detect(lines, stem, folded)
    del lines
    paragraphs, simplified = clean_mapped_t2s(mapped, folded, consume=True)
    if not paragraphs:
        return _Cleaned(detected, None, None)
    return _Cleaned(detected, join_mapped(paragraphs), "\n\n".join(simplified))


def read_document(path: Path, doc_id: str) -> Document:
    """Read, clean and fold one file.

    Raises :class:`InputError` (a one-line reason) when the file cannot be read, decoded
    or parsed, has no text, or its sidecar is malformed.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unsupported file type: {shown(path.name)} "
                         f"(use {', '.join(SUPPORTED)})")
    sidecar = load_sidecar(path)
    extracted = reader(path)
    cleaned = _clean(extracted.text, path.stem)
    body = cleaned.body
    if body is None:
        raise InputError(f"{shown(path.name)} has no text")
    meta = merge(sidecar, extracted.meta, cleaned.detected)
    # Offsets index the decoded file for plain text and Markdown, the reader's text for
    # HTML, PDF and DOCX (cg:offsetBasis says which).
    basis = "decoded" if reader in (_read_txt, _read_md) else "extracted"
    if extracted.offsets is not None:
        body = body[0], body[1].compose(extracted.offsets)
    doc = _build(body, doc_id, str(path), meta, encoding=extracted.encoding,
                 media_type=MEDIA_TYPES[path.suffix.lower()], basis=basis,
                 simplified=cleaned.simplified)
    doc.warnings = list(extracted.warnings)
    return doc


def document_from_text(text: str, doc_id: str = "text", *, date: str | None = None,
                       title: str | None = None, source: str | None = None,
                       clean: bool = True) -> Document:
    """A document from a string (notebooks, tests): cleaned and folded like a file.

    ``date``/``title``/``source`` override what the text states. Source offsets index
    the string passed in; with ``clean=False`` the text is kept as it is (only folded).

    >>> doc = document_from_text("廣州地鐵新線將於明年開通。", date="2021-02-24")
    >>> doc.norm, doc.script, doc.date
    ('广州地铁新线将于明年开通。', 'Hant', '2021-02-24')
    """
    cleaned = _clean(text)
    body, simplified = cleaned.body, cleaned.simplified
    if not clean:
        body, simplified = text, None
    elif body is None:
        body = ""
    given = Metadata(title=title, date=parse_date(date) if date else None, source=source)
    meta = merge(given, cleaned.detected)
    del cleaned
    return _build(body, doc_id, "", meta, media_type="text/plain", simplified=simplified)


def read_documents(paths: Sequence[str | Path]
                   ) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read every supported file under ``paths``.

    Returns the documents and the skipped files as ``(path, reason)``. A missing path
    raises :class:`InputError`; a file that cannot be read is skipped.
    """
    files, skipped = find_inputs(paths)
    documents: list[Document] = []
    for path, doc_id in zip(files, unique_ids(files)):
        try:
            documents.append(read_document(path, doc_id))
        except InputError as exc:
            skipped.append((str(path), str(exc)))
    return documents, skipped
