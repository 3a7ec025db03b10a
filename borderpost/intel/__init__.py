"""Intelligence: graphs of linked entities, key players, communities, paths and pictures.

The public surface: :func:`read_edges` / :func:`load_edges` (edge lists), :class:`Network`
(the graph), :func:`rank` (key players with reasons), :func:`communities` (Leiden),
:func:`shortest_path`, :func:`changes` (time slicing), :func:`draw` and :func:`export`.
"""

from __future__ import annotations

from borderpost.intel.communities import communities
from borderpost.intel.edges import Edge, EdgeListError, load_edges, read_edges
from borderpost.intel.exchange import export
from borderpost.intel.network import Network
from borderpost.intel.paths import Link, shortest_path
from borderpost.intel.pictures import draw
from borderpost.intel.ranking import KeyPlayer, rank
from borderpost.intel.timeslice import Change, changes, removal

__all__ = [
    "Change",
    "Edge",
    "EdgeListError",
    "KeyPlayer",
    "Link",
    "Network",
    "changes",
    "communities",
    "draw",
    "export",
    "load_edges",
    "rank",
    "read_edges",
    "removal",
    "shortest_path",
]
