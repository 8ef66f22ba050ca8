"""kg: knowledge graphs from French and English news articles.

``extract`` turns one article's text into its facts (the JSON line
``kg extract`` writes, as a dict); ``open`` opens a database built by
``kg ingest`` (or ``kg load``) for the queries of the command line:
``neighbors``, ``relations``, ``path`` and ``to_networkx``. Every answer
is the JSON the matching command prints with ``--json``, as Python
objects: the package runs kg's own library, not the binary.
"""

import json
import os
from typing import Any, Union

from . import _kg
from ._kg import EntityError, KgError, __version__, extract

__all__ = ["EntityError", "Graph", "KgError", "__version__", "extract", "open"]


class Graph(_kg.Graph):
    """A kg database opened for reading (see ``kg.open``)."""

    def to_networkx(self) -> Any:
        """The whole graph as a ``networkx.MultiDiGraph``: what
        ``networkx.node_link_graph`` makes of ``kg export --format json``.
        NetworkX is imported on the first call, not with kg."""
        import networkx as nx

        data = json.loads(self._export_json())
        try:
            return nx.node_link_graph(data, edges="edges")
        except TypeError:  # NetworkX before 3.4 names it `link`
            return nx.node_link_graph(data, link="edges")


def open(path: Union[str, "os.PathLike[str]"]) -> Graph:
    """Opens the database at ``path`` for reading; ``kg.KgError`` when it
    is missing or not a kg database."""
    return Graph(path)
