"""Character hygiene: text every output format can carry, and names safe to print.

Text enters the pipeline from files, sidecars, file names and the library API; any Python
``str`` is accepted there. Two kinds of characters cannot be written everywhere:

* characters XML 1.0 forbids -- C0 controls other than tab/newline/carriage return,
  lone surrogates, U+FFFE and U+FFFF -- which GraphML (lxml) refuses and which a UTF-8
  encoder cannot even write (surrogates);
* control characters in a file name, which would forge extra lines in a message.

:func:`xml_safe` replaces each forbidden character by U+FFFD (the Unicode replacement
character, as for damaged UTF-8), **one character for one**, so offsets into the text stay
valid. The readers call it once where text enters (see :mod:`graph.read`), so every format
(TriG, JSON-LD, GraphML, CSV, HTML) holds the same cleaned text; the GraphML and CSV
writers call it again as a guard for graphs built by older versions.

>>> xml_safe("a\\x00b\\uffffc\\ud800")
'a\\ufffdb\\ufffdc\\ufffd'
>>> shown("bad\\nname.txt")
"'bad\\\\nname.txt'"
"""
from __future__ import annotations

import re

#: Replacement for a character XML cannot carry.
REPLACEMENT = "\ufffd"

#: Characters outside the XML 1.0 ``Char`` production (surrogates included: in a Python
#: ``str`` they can only be lone code points, which no UTF encoder accepts).
XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Characters a one-line message must not print raw: C0/C1 controls, line and paragraph
#: separators, lone surrogates and the bidirectional overrides that reorder a line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")


#: Lone surrogates (the only surrogates a Python ``str`` can hold).
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length), for matchers that
    must encode their input (Aho-Corasick automata): no name holds a surrogate, so one
    character for another changes no match."""
    return _SURROGATE.sub(REPLACEMENT, text)


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD (same length)."""
    return XML_INVALID.sub(REPLACEMENT, text)


def is_xml_safe(text: str) -> bool:
    """Whether ``text`` holds only characters XML 1.0 allows."""
    return XML_INVALID.search(text) is None


def shown(name: object) -> str:
    """A file name (or any text) for a one-line message: quoted like :func:`repr` when it
    holds a control, separator, bidi override or undecodable byte, as it is otherwise.

    >>> shown("a.txt"), shown("甲.txt")
    ('a.txt', '甲.txt')
    """
    text = str(name)
    if _UNPRINTABLE.search(text) is None:
        return text
    return repr(text)


def one_line(message: str) -> str:
    """``message`` with every control, separator or bidi character written as its escape
    (``\\n``, ``\\x1b``…): a last guard so a message is one line whatever it quotes.

    >>> one_line("cannot read a\\nskipped b.txt")
    'cannot read a\\\\nskipped b.txt'
    """
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1], message)


__all__ = ["REPLACEMENT", "XML_INVALID", "is_xml_safe", "one_line", "shown", "xml_safe"]
