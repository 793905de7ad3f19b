"""coopgraph: a knowledge graph of inter-regional economic cooperation in China."""

__version__ = "0.1.0"
