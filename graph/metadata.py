"""Title, publication date and source outlet of an article.

Sources, strongest first: a sidecar ``NAME.json`` next to the file, the format's own
metadata (HTML ``<title>``/``<meta>``, Markdown front matter), what the text states in its
first lines (``发布日期：2019-08-30``, ``2019-08-30 14:05 来源：人民日报``), and a date in
the file name.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError
from .textnorm import cjk_count, fold, fold_lines, noise_kind

#: How many non-blank lines count as "the top" of an article.
TOP_LINES = 20
#: A title is short; a line longer than this, or holding 。!?; is body text.
MAX_TITLE_LEN = 60
_BODY_MARKS = re.compile(r"[。!?;]")
#: a site's masthead or a page's breadcrumb above the headline (某某县人民政府, 某某在线,
#: 某某网 > 新闻 > 县市动态): no title
_MASTHEAD = re.compile(r"[\u4e00-\u9fff]{2,10}(?:人民政府|政府网|政府门户网站|在线|日报|晚报|新闻网|网)")
_BREADCRUMB = re.compile(r"[>＞›»](?:[^>＞›»]+[>＞›»]){1,}")
#: a page's tool bar (【字体：大 中 小】【打印本页】【关闭窗口】): bracketed words only
_TOOL_BAR = re.compile(r"(?:\s*[【\[][^】\]]*[】\]])+\s*")

_NUM_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_CJK_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_HAN_DATE = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                       r"([一二三四五六七八九十]{1,3})[日号]")
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}

_DATE_LABEL = re.compile(r"(?i)(?:发布|发表|更新|出版|刊发)?(?:日期|时间)\s*:|^date\b|published")
_LABEL_WORD = re.compile(r"(?:日期|时间)\s*:")  # _DATE_LABEL's first form, the same hits
_PUBLISHED = re.compile("(?i)published")  # its last form
_PUBL = re.compile("[pP][uU][bB][lL]")  # where that form may start
_SOURCE = re.compile(r"(?:^|[\s\d])(?:本文|文章|资料|新闻)?(?:来源|稿源|出处)\s*:\s*(\S)")
_SOURCE_WORDS = ("来源", "稿源", "出处")  # one is in every _SOURCE match
_TITLE_SUFFIX = re.compile(r"^(.{6,}?)\s*(?:[|_]| - )\s*[^|_]{1,12}$")


@dataclass(frozen=True)
class Metadata:
    """Optional facts about a document; ``None`` means unknown."""

    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None
    url: str | None = None

    def over(self, other: "Metadata") -> "Metadata":
        """This metadata with gaps filled from ``other``."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(other, f.name)
                                for f in fields(self)})


def merge(*layers: Metadata) -> Metadata:
    """Combine metadata layers, the first non-empty value of each field winning."""
    out = Metadata()
    for layer in layers:
        out = out.over(layer)
    return out


# ---------------------------------------------------------------- dates

def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _han_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (month and day numbers)."""
    if "十" not in text:
        return _HAN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first valid date in (folded) ``text`` as ``(iso, start, end)``.

    >>> find_date("发布日期:2019/8/30")[0], find_date("2023年1月28日")[0]
    ('2019-08-30', '2023-01-28')
    >>> find_date("二〇二三年一月十四日")[0], find_date("2023-02-30") is None
    ('2023-01-14', True)
    """
    found = []
    for m in _NUM_DATE.finditer(text):
        found.append((_iso(int(m[1]), int(m[3]), int(m[4])), m.start(), m.end()))
    for m in _CJK_DATE.finditer(text):
        found.append((_iso(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()))
    for m in _HAN_DATE.finditer(text):
        year = int("".join(str(_HAN_DIGITS[c]) for c in m[1]))
        found.append((_iso(year, _han_number(m[2]), _han_number(m[3])), m.start(), m.end()))
    valid = sorted((f for f in found if f[0]), key=lambda f: f[1])
    return valid[0] if valid else None  # type: ignore[return-value]


def parse_date(text: str) -> str | None:
    """ISO date of the first date in ``text`` (any script or width), else ``None``."""
    hit = find_date(fold(text))
    return hit[0] if hit else None


def date_from_filename(stem: str) -> str | None:
    """A date written in a file name: ``20190830_x``, ``2019-08-30-x``.

    >>> date_from_filename("news_20190830_01"), date_from_filename("000_589413ce398e9b44")
    ('2019-08-30', None)
    """
    for m in _COMPACT_DATE.finditer(stem):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            return iso
    return None


def _is_short(folded: str, limit: int = 40) -> bool:
    return len(folded) <= limit and not _BODY_MARKS.search(folded)


def _date_rank(folded: str, top: bool) -> int | None:
    """How strongly a line states the publication date (lower is stronger)."""
    if (top or _is_short(folded, 80)) and _date_label(folded):
        return 0
    if "来源" in folded and top and _is_short(folded, 80):
        return 1
    if _is_short(folded) and _TIME.search(folded):
        return 2  # a dateline: "观海融媒 2023-09-17 10:31"
    if top and _is_short(folded):
        return 3
    return None


def detect_date(folded_lines: Sequence[str]) -> str | None:
    """The publication date stated in the text, if any.

    Labelled dates (发布日期/发布时间) win, then a date next to 来源, then a dateline with
    a time, then a short date line near the top. Dates inside body sentences are events,
    not the publication date, and are ignored.
    """
    best: tuple[int, int, str] | None = None
    for i, line in enumerate(folded_lines):
        if i >= TOP_LINES and len(line) > 80:
            continue  # a body paragraph: no rank below would take its dates
        # the rank first: a long line near the top (a whole text without line breaks)
        # ranks only by a label, and most have none, so its dates are never looked for
        rank = _date_rank(line, i < TOP_LINES)
        if rank is None or (best is not None and (rank, i) >= best[:2]):
            continue
        hit = find_date(line)
        if hit:
            best = (rank, i, hit[0])
    return best[2] if best else None


def _date_label(folded: str) -> bool:
    """Whether ``_DATE_LABEL.search(folded)`` finds a label, its three forms tested apart
    so that a long line (a whole text without line breaks) is scanned fast: 日期: or 时间:
    (the word before is optional) case-sensitively, ``^date\\b`` at the start alone, and
    ``published`` (any case) only where its first four letters are (under re.IGNORECASE
    only p, u, b, l and their capitals match them)."""
    return _LABEL_WORD.search(folded) is not None or \
        _DATE_LABEL.match(folded[:6]) is not None or \
        any(_PUBLISHED.match(folded, m.start()) for m in _PUBL.finditer(folded))


# ---------------------------------------------------------------- source and title

_SOURCE_PIECE = re.compile(r"[^\s|丨【\[\]()（）,，;；。:]+")


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m[0]), text)


def source_span(value: str) -> tuple[int, int] | None:
    """Where the outlet is in the (folded) text after ``来源：``: dates, times and
    trailing fields are skipped.

    >>> v = "2021-2-24,濠江日报"; a, b = source_span(v); v[a:b]
    '濠江日报'
    """
    blanked = _blank(_TIME, _blank(_NUM_DATE, _blank(_CJK_DATE, value)))
    for m in _SOURCE_PIECE.finditer(blanked):
        if len(m[0]) >= 2 and any(c.isalpha() for c in m[0]):
            return m.span()
    return None


def _source_label(line: str) -> re.Match[str] | None:
    """``_SOURCE.search(line)``, tried only where a match can start (a long line may be a
    whole text): up to three characters before an occurrence of one of its words (a mark,
    then a two-character word before it), in order of position."""
    starts: set[int] = set()
    for word in _SOURCE_WORDS:
        at = line.find(word)
        while at >= 0:
            starts.update(range(max(0, at - 3), at + 1))
            at = line.find(word, at + 1)
    for s in sorted(starts):
        m = _SOURCE.match(line, s)
        if m:
            return m
    return None


def detect_source(lines: Sequence[str], folded_lines: Sequence[str]) -> str | None:
    """The outlet named in a ``来源：`` line (the top of the article first)."""
    order = list(range(min(TOP_LINES, len(lines)))) + list(range(TOP_LINES, len(lines)))
    for i in order:
        line = folded_lines[i]
        if not (i < TOP_LINES or _is_short(line)):
            continue
        m = _source_label(line)
        if not m:
            continue
        span = source_span(folded_lines[i][m.start(1):])
        if span:
            return lines[i][m.start(1) + span[0]:m.start(1) + span[1]]
    return _dateline_source(lines, folded_lines)


def _dateline_source(lines: Sequence[str], folded_lines: Sequence[str]) -> str | None:
    """The outlet before the date of a dateline such as ``观海融媒 2023-09-17 10:31``."""
    for line, folded in zip(lines, folded_lines):
        if len(folded) > 40:  # not short (see below): not a dateline
            continue
        hit = find_date(folded)
        if not hit or not _TIME.search(folded) or not _is_short(folded) or ":" in folded[:hit[1]]:
            continue
        prefix = folded[:hit[1]].strip()
        if 2 <= len(prefix) <= 12 and cjk_count(prefix) >= 2:
            return line[:hit[1]].strip()
    return None


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """``深汕共建产业园迎来新进展_新华网`` → ``深汕共建产业园迎来新进展``.

    >>> strip_site_suffix("禅城区赴茂南区对接协作工作|热点推荐")
    '禅城区赴茂南区对接协作工作'
    """
    if site:
        for sep in ("_", "|", " - ", "-", "—", "丨"):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
    m = _TITLE_SUFFIX.match(title)
    return m[1].strip() if m else title


def _is_title_candidate(line: str, folded: str) -> bool:
    return (4 <= len(folded) <= MAX_TITLE_LEN and not _BODY_MARKS.search(folded)
            and not folded.endswith((":", ",")) and cjk_count(folded) >= 4
            and find_date(folded) is None and noise_kind(line, folded) is None
            and not _MASTHEAD.fullmatch(folded.strip()) and not _BREADCRUMB.search(folded)
            and not _TOOL_BAR.fullmatch(folded))


def detect_title(lines: Sequence[str], folded_lines: Sequence[str]) -> str | None:
    """The headline: a short unpunctuated line before the first body paragraph.

    When a candidate appears twice among the top lines (government pages repeat the
    headline under an info table) that one is preferred.
    """
    candidates: list[int] = []
    for i, folded in enumerate(folded_lines[:TOP_LINES]):
        if len(folded) > MAX_TITLE_LEN or "。" in folded:
            break
        if _is_title_candidate(lines[i], folded):
            candidates.append(i)
    if not candidates:
        return None
    repeat = _closest_repeat(candidates, folded_lines)
    return strip_site_suffix(lines[candidates[0] if repeat is None else repeat])


def _closest_repeat(candidates: list[int], folded_lines: Sequence[str]) -> int | None:
    """The first of the two nearest copies of a repeated candidate line."""
    best: tuple[int, int] | None = None
    for n, i in enumerate(candidates):
        later = [j for j in candidates[n + 1:] if folded_lines[j] == folded_lines[i]]
        if later and (best is None or later[0] - i < best[0]):
            best = (later[0] - i, i)
    return best[1] if best else None


def detect(lines: Sequence[str], stem: str = "", folded: Sequence[str] | None = None
           ) -> Metadata:
    """Metadata stated in the text lines of an article (and the file name's date).
    ``folded``: ``fold_lines(lines)`` when the caller has it."""
    folded = fold_lines(lines) if folded is None else folded
    return Metadata(title=detect_title(lines, folded),
                    date=detect_date(folded) or date_from_filename(stem),
                    source=detect_source(lines, folded))


# ---------------------------------------------------------------- sidecar

def sidecar_path(path: Path) -> Path | None:
    """``a.txt.json`` or ``a.json`` next to ``a.txt``, whichever exists first."""
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".json")):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def _sidecar_field(data: dict[str, Any], key: str, name: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"malformed sidecar {name}: '{key}' must be a string")
    return value.strip() or None


def load_sidecar(path: Path) -> Metadata:
    """Metadata from the sidecar of ``path`` (empty when there is none).

    Raises :class:`InputError` naming the sidecar when it is not a JSON object of
    strings or its date cannot be read.
    """
    side = sidecar_path(path)
    if side is None:
        return Metadata()
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"malformed sidecar {side.name}: {_first_line(exc)}") from exc
    if not isinstance(data, dict):
        raise InputError(f"malformed sidecar {side.name}: expected a JSON object")
    raw_date = _sidecar_field(data, "date", side.name)
    date = parse_date(raw_date) if raw_date else None
    if raw_date and not date:
        raise InputError(f"malformed sidecar {side.name}: date {raw_date!r} is not a date")
    return Metadata(title=_sidecar_field(data, "title", side.name), date=date,
                    source=_sidecar_field(data, "source", side.name),
                    url=_sidecar_field(data, "url", side.name))


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
