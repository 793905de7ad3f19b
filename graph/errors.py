"""Exceptions raised by the library; the CLI turns them into one-line messages."""
from __future__ import annotations


class CoopgraphError(Exception):
    """Base class: the message is a complete one-line explanation for the user."""


class InputError(CoopgraphError):
    """An input file is missing, unreadable or undecodable."""


class GraphFileError(CoopgraphError):
    """A graph file cannot be read or written (bad extension, parse error)."""


class QueryError(CoopgraphError):
    """A SPARQL query is unknown or malformed."""


class ExportError(CoopgraphError):
    """An export format or target is invalid."""


class OutputError(GraphFileError):
    """An output path cannot be written (a device, FIFO or folder; locked; disk full)."""
