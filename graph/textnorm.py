"""Clean extracted article text and fold it for matching.

Two jobs:

* **Folding** (:func:`fold`): Traditional → Simplified (OpenCC ``t2s``) and full-width →
  ASCII (NFKC), always one character for one character, so an offset found in the folded
  text is valid in the original.
* **Cleaning** (:func:`clean_lines`): drop layout-noise lines (photo captions, credits,
  copyright and page furniture; patterns in ``data/noise.json``), join words broken across
  lines, and drop repeated paragraphs. :func:`clean_mapped` does the same on lines that
  carry, per character, its index in the source text, so that evidence found in the
  cleaned text can be located in the file the user has.

>>> fold("澳門輕軌２０２４年開通，")
'澳门轻轨2024年开通,'
>>> len(fold("澳門輕軌２０２４年開通，")) == len("澳門輕軌２０２４年開通，")
True
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import opencc

from .chars import is_xml_safe, xml_safe
from .offsetmap import OffsetBuilder, OffsetMap
from .resources import read_json

#: CJK ideographs (URO, Ext. A, compatibility block, supplementary planes).
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = re.compile(f"[{CJK_CLASS}]")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_CJK_RUNS = re.compile(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_SPLIT = re.compile("([\ud800-\udfff]+)")

#: Share of CJK characters that t2s changes above which a text counts as Traditional.
#: Traditional articles score ~0.3 (many characters are the same in both scripts),
#: Simplified ones ~0.0.
HANT_THRESHOLD = 0.1

#: Sentence-final marks, as they appear after folding (full-width ！？； become ASCII).
_FINAL = "。!?;…"
_FINAL_MARK = re.compile(f"[{_FINAL}]")
#: A line may continue on the next one only if it ends with a word character or , 、
#: (checked after width folding) ...
_CONTINUING_END = re.compile(f"[{CJK_CLASS}0-9A-Za-z,、]$")
#: ... and the next line must start like a continuation: a word, an opening bracket or
#: quote, or a closing mark that no paragraph starts with.
_CONTINUING_START = re.compile(f"^[{CJK_CLASS}0-9A-Za-z“‘《(「『,、。!?;:)」』”’》]")
#: Hard-wrapped text is wider than this (a narrow newspaper column holds about 12
#: characters); lines mostly shorter are items of a list or headings.
MIN_WRAP_WIDTH = 12
#: A line opening with the mark of a list item ((一), 1., 一、) starts a paragraph.
ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)")
#: A line opening with a field's label (注册地：…, 项目内容：…) is a line of a form or a list.
FIELD_LABEL = re.compile(f"[{CJK_CLASS}]{{2,6}}:")
#: A paragraph shorter than this may legitimately repeat (headings such as 一、总体要求).
MIN_DEDUPE_LEN = 15

#: (the space first, so that the regex engine scans for spaces; then the characters
#: around it)
_CJK_SPACE_CJK = re.compile(f" (?<=[{CJK_CLASS}] )(?=[{CJK_CLASS}])")


# ---------------------------------------------------------------- folding

@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def t2s(text: str) -> str:
    """Simplified form of ``text`` with exactly the same length.

    OpenCC converts the whole text in one call. Every entry of its t2s dictionaries is a
    run of CJK characters, so its longest-match segmentation never crosses from CJK to
    other characters and one call gives what converting each run of CJK (or non-CJK)
    characters alone gives. The result is taken when every character it changed is a CJK
    character changed into a CJK character, position for position (so no run changed
    length); otherwise (another OpenCC, lone surrogates) :func:`t2s_runs` decides.

    >>> t2s("橫琴粵澳深度合作區")
    '横琴粤澳深度合作区'
    """
    if not text or _SURROGATE.search(text):
        return t2s_runs(text)
    out = _converter().convert(text)
    if out == text or (len(out) == len(text) and _aligned(text, out)):
        return out
    return t2s_runs(text)


_NON_CJK = re.compile(f"[^{CJK_CLASS}]")


def _codes(text: str):  # noqa: ANN202 - a numpy array
    """The code points of ``text`` as an array (lone surrogates included)."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _changed(a: str, b: str) -> tuple[str, str]:
    """The characters of ``a`` and of ``b`` at the positions where they differ, up to the
    shorter one's length (compared as arrays of code points)."""
    ca, cb = _codes(a), _codes(b)
    n = min(len(ca), len(cb))
    ca, cb = ca[:n], cb[:n]
    diff = ca != cb
    return (ca[diff].tobytes().decode("utf-32-le", "surrogatepass"),
            cb[diff].tobytes().decode("utf-32-le", "surrogatepass"))


def _aligned(text: str, out: str) -> bool:
    """Whether ``out`` differs from ``text`` (same length) only by CJK for CJK."""
    was, now = _changed(text, out)
    return _NON_CJK.search(was) is None and _NON_CJK.search(now) is None


def t2s_runs(text: str) -> str:
    """:func:`t2s` run by run: each run of CJK (or non-CJK) characters is converted as a
    whole so that OpenCC's phrase table applies; a run whose conversion changes length is
    converted character by character instead."""
    conv = _converter()
    parts = []
    for run in _CJK_RUNS.findall(text):
        if _SURROGATE.search(run):  # OpenCC cannot take them (not UTF-8); they stay
            parts.append("".join(p if _SURROGATE.match(p) else t2s_runs(p)
                                 for p in _SURROGATE_SPLIT.split(run) if p))
            continue
        out = conv.convert(run)
        parts.append(out if len(out) == len(run) else "".join(map(_t2s_char, run)))
    return "".join(parts)


@lru_cache(maxsize=65536)
def _width_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    return out if len(out) == 1 else ch


#: Characters NFKC leaves alone for certain: ASCII and the CJK ideographs of the main
#: blocks (no compatibility decomposition); everything else is looked up.
_MAYBE_WIDE = re.compile("[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=256)
def _width_table(chars: frozenset[str]) -> dict[str, str]:
    return {c: out for c in chars if (out := _width_char(c)) != c}


def fold_width(text: str) -> str:
    """NFKC per character where it maps one character to one (全角 ＡＢ１２，→ AB12,).

    >>> fold_width("ＧＤＰ增长５％。")
    'GDP增长5%。'
    """
    # one str.replace per character to fold (a pass at memory speed, no call per match);
    # what NFKC gives folds to itself, so no replacement feeds another
    for ch, out in _width_table(frozenset(_MAYBE_WIDE.findall(text))).items():
        text = text.replace(ch, out)
    return text


#: The Cantonese possessive particle that Hong Kong and Macau outlets write where Mandarin
#: prose has 的 (位於甲嘅乙 = 位于甲的乙): read as 的, one character for one, so every rule
#: that reads 的 reads it too. (喺 "at" stays: read as 在 it would join Cantonese words into
#: Mandarin ones, 咁早|喺 → 早在; name_rules and function splits read it as it is.)
_PARTICLE, _MANDARIN = "嘅", "的"


#: 丨 (the radical "a line") stands in web and WeChat titles for a vertical bar between a
#: column's name and the headline (某某合作丨某某产业园…): read as |, so no name runs across it.
_BAR_RADICAL = "丨"


def fold_particles(text: str) -> str:
    """Cantonese 嘅 as Mandarin 的, and 丨 as | (same length).

    >>> fold_particles("位於河套嘅園區")
    '位於河套的園區'
    >>> fold_particles("两地合作丨某某产业园开园")
    '两地合作|某某产业园开园'
    """
    # (not str.translate: a lookup per character)
    return text.replace(_PARTICLE, _MANDARIN).replace(_BAR_RADICAL, "|")


def fold(text: str) -> str:
    """The matching form of ``text``: Simplified and width-folded, same length."""
    return fold_width(t2s(text))


#: :func:`_batch` converts at most about this many characters per call, so that the
#: temporary copies of a huge text stay small.
BATCH_CHARS = 1 << 20


def _batch(fn, lines: Sequence[str]) -> list[str]:  # noqa: ANN001 - str -> str
    """``[fn(line) for line in lines]`` in few calls of ``fn``, each on consecutive lines
    joined by newlines (``fn`` must keep length, and treat a newline as a boundary)."""
    out: list[str] = []
    start, size = 0, 0
    for i, line in enumerate(lines):
        size += len(line) + 1
        if size >= BATCH_CHARS:
            out += _batch_call(fn, lines[start:i + 1])
            start, size = i + 1, 0
    if start < len(lines):
        out += _batch_call(fn, lines[start:])
    return out


def _batch_call(fn, lines: Sequence[str]) -> list[str]:  # noqa: ANN001 - str -> str
    joined = "\n".join(lines)
    if joined.count("\n") != len(lines) - 1:  # a line holds a newline itself
        return [fn(line) for line in lines]
    return fn(joined).split("\n")


def fold_lines(lines: Sequence[str]) -> list[str]:
    """``[fold(line) for line in lines]``, in one conversion (much faster on many lines).

    >>> fold_lines(["澳門輕軌", "", "２０２４年"])
    ['澳门轻轨', '', '2024年']
    """
    return _batch(fold, lines)


def t2s_lines(lines: Sequence[str]) -> list[str]:
    """``[t2s(line) for line in lines]`` in one call."""
    return _batch(t2s, lines)


def fold_width_lines(lines: Sequence[str]) -> list[str]:
    """``[fold_width(line) for line in lines]`` in one call."""
    return _batch(fold_width, lines)


def script_of(text: str, simplified: str | None = None) -> str:
    """``"Hant"`` when t2s changes a large share of the CJK characters, else ``"Hans"``.

    ``simplified`` is ``t2s(text)`` when the caller already has it.

    >>> script_of("廣州地鐵新線將於明年開通"), script_of("广州地铁新线将于明年开通")
    ('Hant', 'Hans')
    """
    simplified = t2s(text) if simplified is None else simplified
    if text == simplified:
        return "Hans"  # (nothing changed: no count needed)
    cjk = cjk_count(text)
    if not cjk:
        return "Hans"
    was, _ = _changed(text[:len(simplified)], simplified[:len(text)])
    if len(was) < HANT_THRESHOLD * cjk:  # an upper bound of changed
        return "Hans"
    changed = cjk_count(was)
    return "Hant" if changed / cjk >= HANT_THRESHOLD else "Hans"


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return len(text) - len(_CJK_RUN.sub("", text))


# ---------------------------------------------------------------- lines

#: A cleaned line or paragraph and, per character, its index in the source text.
Mapped = tuple[str, OffsetMap]

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
#: A run of two or more asterisks is markdown emphasis (位于Y的**P**, posts written for
#: phone apps): dropped like a zero-width character, so the words it wraps read as prose.
#: A lone asterisk stays.
_SPACES = r" \t\u00a0\u2000-\u200a\u202f\u205f\u3000"  # collapsed to one space
_DROPS = r"\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f"  # dropped
_LINE_RUNS = re.compile(rf"(?P<sp>[{_SPACES}]+)|(?P<drop>[{_DROPS}]+|\*{{2,}})|[^{_SPACES}{_DROPS}*]+|\*")
#: a line with none of them but single ASCII spaces between words (and no ``**``: see
#: where it is used) is kept as it is, without the spaces it starts or ends with (group 1)
_PLAIN_LINE = re.compile(
    rf"[{_SPACES}]*([^{_SPACES}{_DROPS}]+(?: [^{_SPACES}{_DROPS}]+)*)[{_SPACES}]*")


def split_lines_mapped(text: str) -> list[Mapped]:
    """:func:`split_lines` with, for every character kept, its index in ``text`` (a
    collapsed run of spaces maps to its first character)."""
    out: list[Mapped] = []
    start = 0
    unsafe = not is_xml_safe(text)
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)] + [(len(text),) * 2]
    for end, nxt in bounds:
        if start == end:  # a blank line
            start = nxt
            continue
        plain = _PLAIN_LINE.fullmatch(text, start, end)
        if plain and text.find("**", start, end) < 0:
            # most lines: nothing to collapse
            s, e = plain.span(1)
            line = text[s:e]
            out.append((xml_safe(line) if unsafe else line, OffsetMap.identity(e - s, s)))
            start = nxt
            continue
        parts: list[str] = []
        offs = OffsetBuilder()
        space: int | None = None  # where a pending space (between words) comes from
        for m in _LINE_RUNS.finditer(text, start, end):
            if m.lastgroup == "sp":
                if parts and space is None:
                    space = m.start()
            elif m.lastgroup is None:
                if space is not None:
                    parts.append(" ")
                    offs.add(space)
                    space = None
                parts.append(xml_safe(m.group()))  # one character for one
                offs.add(m.start(), m.end() - m.start())
        if parts:
            out.append(("".join(parts), offs.build()))
        start = nxt
    return out


def split_lines(text: str) -> list[str]:
    """Non-blank lines of ``text``, stripped, with whitespace runs collapsed to one space
    and zero-width/control characters removed (other characters XML cannot carry become
    U+FFFD, see :func:`graph.chars.xml_safe`)."""
    return [line for line, _ in split_lines_mapped(text)]


def _squeeze_mapped(lines: list[Mapped]) -> list[Mapped]:
    joined = "\n".join(line for line, _ in lines)
    if joined.count(" ") < 10:
        return lines  # (fewer than ten spaces: fewer than ten between CJK characters)
    spaced = sum(1 for _ in _CJK_SPACE_CJK.finditer(joined))
    if spaced < 10:
        return lines
    rest, runs = _CJK_RUN.subn("", joined)
    adjacent = len(joined) - len(rest) - runs  # CJK characters followed by another
    del joined, rest
    if spaced < adjacent:
        return lines
    out = []
    for line, offs in lines:
        keep = OffsetBuilder()
        pos = 0
        for m in _CJK_SPACE_CJK.finditer(line):
            keep.extend(offs, pos, m.start())
            pos = m.end()
        keep.extend(offs, pos)
        out.append((_CJK_SPACE_CJK.sub("", line), keep.build()))
    return out


def squeeze_cjk_spaces(lines: list[str]) -> list[str]:
    """Remove single spaces between CJK characters when most CJK pairs are spaced out
    (a PDF text layer that puts a space after every glyph), else return ``lines``."""
    return [line for line, _ in _squeeze_mapped(_unmapped(lines))]


def _unmapped(lines: Iterable[str]) -> list[Mapped]:
    return [(line, OffsetMap.identity(len(line))) for line in lines]


# ---------------------------------------------------------------- noise

@dataclass(frozen=True)
class NoiseRules:
    #: (name, longest line, the group's patterns)
    groups: tuple[tuple[str, int, tuple[re.Pattern[str], ...]], ...]
    nav_min_tokens: int
    nav_max_token_len: int
    related: re.Pattern[str]
    related_max_item_len: int


@lru_cache(maxsize=1)
def noise_rules() -> NoiseRules:
    data = read_json("noise.json")
    # each pattern on its own: most start with a literal or an anchor that the regex
    # engine scans for, which one alternation of them all hides (twice the CPU)
    groups = tuple((g["name"], int(g["max_len"]), tuple(map(re.compile, g["patterns"])))
                   for g in data["groups"])
    nav, rel = data["nav_line"], data["related_heading"]
    return NoiseRules(groups, int(nav["min_tokens"]), int(nav["max_token_len"]),
                      re.compile(rel["pattern"]), int(rel["max_item_len"]))


_ANY_PUNCT = re.compile(r"[^\w\s]")


def _is_nav_line(folded: str, rules: NoiseRules) -> bool:
    tokens = folded.split(" ")
    return (len(tokens) >= rules.nav_min_tokens
            and all(len(t) <= rules.nav_max_token_len for t in tokens)
            and not _ANY_PUNCT.search(folded))


def noise_kind(line: str, folded: str | None = None) -> str | None:
    """The noise group a line belongs to (``caption``, ``credit``, ``copyright``,
    ``meta``, ``nav``), or ``None`` for content.

    >>> noise_kind("圖為合作區一景。"), noise_kind("责任编辑：王五"), noise_kind("两地共建产业园。")
    ('caption', 'credit', None)
    """
    rules = noise_rules()
    folded = fold(line) if folded is None else folded
    for name, max_len, patterns in rules.groups:
        if len(folded) <= max_len and any(p.search(folded) for p in patterns):
            return name
    return "nav" if _is_nav_line(folded, rules) else None


def _is_related_item(folded: str, rules: NoiseRules) -> bool:
    return len(folded) <= rules.related_max_item_len and not _FINAL_MARK.search(folded)


def _noise_mask(lines: Sequence[str], folded_lines: Sequence[str] | None = None
                ) -> list[bool]:
    """Per line: True to keep it (not noise, not in a "相关阅读"-style link list).
    ``folded_lines``: ``fold_lines(lines)`` when the caller has it."""
    rules = noise_rules()
    keep: list[bool] = []
    in_related = False
    if folded_lines is None:
        folded_lines = fold_lines(lines)
    for line, folded in zip(lines, folded_lines):
        if in_related and _is_related_item(folded, rules):
            keep.append(False)
            continue
        in_related = bool(rules.related.match(folded))
        keep.append(not in_related and noise_kind(line, folded) is None)
    for i, folded in enumerate(folded_lines):  # a table's header reads like a menu bar
        if not keep[i] and _table_row(folded):
            nxt = next((j for j in range(i + 1, len(folded_lines)) if folded_lines[j].strip()), None)
            if nxt is not None and keep[nxt] and len(folded_lines[nxt].split()) == len(folded.split()):
                keep[i] = True  # (序号 帮扶方 被帮扶方 …, then rows of as many cells)
    return keep


#: what parts a table's cells: spaces (tabs the reader folded) or a Markdown table's pipes
_CELL_SEP = re.compile(r"[\s|]+")


def _cells(folded: str) -> list[str]:
    return [c for c in _CELL_SEP.split(folded) if c]


def _rows_of_a_table(above: str, line: str) -> bool:
    """Two lines of as many cells (three or more) are rows of one table: not one sentence
    broken across them."""
    return _table_row(above) and _table_row(line) and len(_cells(above)) == len(_cells(line))


def _table_row(folded: str) -> bool:
    """A line of three cells or more parted by spaces or pipes (a table's row or header),
    not prose."""
    cells = _cells(folded)
    return len(cells) >= 3 and all(len(c) <= 40 for c in cells)


def drop_noise(lines: Iterable[str]) -> list[str]:
    """``lines`` without noise lines and without "相关阅读"-style link lists."""
    lines = list(lines)
    return [line for line, keep in zip(lines, _noise_mask(lines)) if keep]


# ---------------------------------------------------------------- joining

def _ends_sentence(folded: str) -> bool:
    return bool(re.search(f"[{_FINAL}][”’」』\"')]*$", folded))


def wrap_width(lines: Sequence[str], widths: Sequence[str] | None = None) -> int | None:
    """The line width of hard-wrapped text (PDF text layers, wrapped .txt), or ``None``
    when lines are whole paragraphs.

    In hard-wrapped text most lines have about the same length and most of those stop
    mid-sentence; a web page with paragraphs of similar length ends them with 。.
    ``widths``: ``fold_width_lines(lines)`` when the caller has it.
    """
    widths = fold_width_lines(lines) if widths is None else widths
    # (items and fields of a list, 一、某某公司 / 注册地：某区, are as long as they are, not wrapped)
    kept = [(line, w) for line, w in zip(lines, widths)
            if not (ITEM_MARK.match(w) or FIELD_LABEL.match(w))]
    lines, widths = [line for line, _ in kept], [w for _, w in kept]
    lengths = [len(line) for line in lines if len(line) >= 10]
    if len(lengths) < 4:
        return None
    width = statistics.median(lengths)
    if width < MIN_WRAP_WIDTH:
        return None  # (lines of ten characters or so are a list's items, not a wrapped text)
    near = [w for line, w in zip(lines, widths) if abs(len(line) - width) <= 0.15 * width]
    cut = [w for w in near if not _ends_sentence(w)]
    if len(near) >= 0.5 * len(lengths) and len(cut) >= 0.5 * len(near):
        return int(width)
    return None


_ASCII_WORD = re.compile(r"[0-9A-Za-z]")


def _glue(left: str, right: str) -> str:
    """Nothing between CJK text; a space between two Latin words or numbers."""
    return " " if _ASCII_WORD.match(fold_width(left[-1])) and _ASCII_WORD.match(
        fold_width(right[0])) else ""


class _Paragraph:
    """A paragraph being joined from lines: what :func:`_breaks_mid_sentence` asks of
    its text, kept up to date line by line (not recomputed over the whole paragraph)."""

    __slots__ = ("parts", "offs", "length", "last", "final_before_last")

    def __init__(self, line: str, wline: str, offs: OffsetMap) -> None:
        self.parts, self.offs = [line], OffsetBuilder()
        self.offs.extend(offs)
        self.length, self.last = len(line), wline[-1]
        self.final_before_last = _FINAL_MARK.search(wline, 0, len(wline) - 1) is not None

    def breaks_mid_sentence(self, width: int | None) -> bool:
        if not _CONTINUING_END.search(self.last):
            return False
        if width is not None and self.length >= 0.85 * width:
            return True
        return self.final_before_last

    def add(self, glue: str, line: str, wline: str, offs: OffsetMap) -> None:
        if glue:  # the glue stands for the line break after the previous line
            self.parts.append(glue)
            self.offs.add(self.offs.last() + 1)
        # the glue is a space or nothing, never a sentence-final mark
        self.final_before_last = (self.final_before_last or self.last in _FINAL
                                  or _FINAL_MARK.search(wline, 0, len(wline) - 1) is not None)
        self.parts.append(line)
        self.offs.extend(offs)
        self.length += len(glue) + len(line)
        self.last = wline[-1]


def _join_mapped(lines: Sequence[Mapped], width: int | None,
                 widths: Sequence[str] | None = None) -> list[Mapped]:
    widths = fold_width_lines([line for line, _ in lines]) if widths is None else widths
    out: list[_Paragraph] = []
    for i, ((line, offs), wline) in enumerate(zip(lines, widths)):
        if out and out[-1].breaks_mid_sentence(width) and _CONTINUING_START.match(wline[:1]) \
                and not ITEM_MARK.match(wline) and not _rows_of_a_table(fold_width(out[-1].parts[-1]), wline) \
                and not (i + 1 < len(widths) and _rows_of_a_table(wline, widths[i + 1])):  # (a table's header)
            out[-1].add(_glue(out[-1].parts[-1], line), line, wline, offs)
        else:
            out.append(_Paragraph(line, wline, offs))
    return [("".join(p.parts), p.offs.build()) for p in out]


def join_broken(lines: Sequence[str], width: int | None = None) -> list[str]:
    """Join a line to the next when the line stops mid-sentence.

    >>> join_broken(["两地合作多年。为推动产业加快发展，双方以产", "业协同为先导。", "小标题"])
    ['两地合作多年。为推动产业加快发展，双方以产业协同为先导。', '小标题']
    """
    return [para for para, _ in _join_mapped(_unmapped(lines), width)]


# ---------------------------------------------------------------- duplicates

def _dedupe_mask(paragraphs: Sequence[str], simplified: Sequence[str] | None = None
                 ) -> list[bool]:
    """Per paragraph: True unless it repeats an earlier one. ``simplified``: the t2s
    form of each paragraph when the caller has it."""
    seen: set[str] = set()
    keep = []
    if simplified is None:
        simplified = t2s_lines(paragraphs)
    for folded in fold_width_lines(simplified):
        key = folded.replace(" ", "")
        if len(key) >= MIN_DEDUPE_LEN:
            if key in seen:
                keep.append(False)
                continue
            seen.add(key)
        keep.append(True)
    return keep


def dedupe_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Drop the second and later copies of a paragraph (compared folded, spaces ignored);
    short paragraphs (headings such as 一、总体要求) may repeat."""
    paragraphs = list(paragraphs)
    return [p for p, keep in zip(paragraphs, _dedupe_mask(paragraphs)) if keep]


# ---------------------------------------------------------------- all together

def clean_mapped(lines: Sequence[Mapped], folded: Sequence[str] | None = None
                 ) -> list[Mapped]:
    """:func:`clean_lines` on lines that carry source offsets (from
    :func:`split_lines_mapped`): each paragraph with the source index of every character
    (a space glued between two joined lines maps to the line break it replaces).
    ``folded``: ``fold_lines`` of the lines' texts when the caller has it."""
    return clean_mapped_t2s(lines, folded)[0]


def clean_mapped_t2s(lines: Sequence[Mapped], folded: Sequence[str] | None = None, *,
                     consume: bool = False) -> tuple[list[Mapped], list[str]]:
    """:func:`clean_mapped` and the :func:`t2s` form of each paragraph (computed anyway
    to find repeated paragraphs; the caller's document needs it).

    With ``consume``, ``lines`` and ``folded`` (lists) are emptied as cleaning goes, so
    that the raw lines of a huge text are freed once they are joined into paragraphs.
    """
    if consume and isinstance(lines, list):
        lines, given = lines[:], lines
        given.clear()
    else:
        lines = list(lines)
    squeezed = _squeeze_mapped(lines)
    texts = [t for t, _ in squeezed]
    if folded is None or squeezed is not lines:  # squeezing changed the lines
        folded = fold_lines(texts)
    mask = _noise_mask(texts, folded)
    if consume and isinstance(folded, list):
        folded.clear()
    kept = [m for m, keep in zip(squeezed, mask) if keep]
    del lines, squeezed, texts, folded
    texts = [t for t, _ in kept]
    widths = fold_width_lines(texts)
    width = wrap_width(texts, widths)
    del texts
    joined = _join_mapped(kept, width, widths)
    del kept, widths
    simplified = t2s_lines([t for t, _ in joined])
    mask = _dedupe_mask([t for t, _ in joined], simplified)
    return ([m for m, keep in zip(joined, mask) if keep],
            [p for p, keep in zip(simplified, mask) if keep])


def clean_lines(lines: Sequence[str]) -> list[str]:
    """Paragraphs of an article from its raw lines (see :func:`split_lines`)."""
    return [para for para, _ in clean_mapped(_unmapped(lines))]


def join_mapped(paragraphs: Sequence[Mapped], sep: str = "\n\n") -> Mapped:
    """Paragraphs joined by ``sep``; separator characters map just past the paragraph
    before them, so the offsets never decrease."""
    text = sep.join(p for p, _ in paragraphs)
    offsets = OffsetBuilder()
    for i, (_, offs) in enumerate(paragraphs):
        if i:
            after = offsets.last()
            for _ in sep:
                offsets.add(0 if after is None else after + 1)
        offsets.extend(offs)
    return text, offsets.build()


def clean_text(text: str) -> str:
    """Cleaned text: paragraphs separated by a blank line.

    >>> clean_text("标题\\n\\n图为园区一景。\\n第一段讲两地合作共建产业园。今年双方以产\\n\\n业协同为先导。")
    '标题\\n\\n第一段讲两地合作共建产业园。今年双方以产业协同为先导。'
    """
    return "\n\n".join(clean_lines(split_lines(text)))
