"""Intelligence: graphs of linked entities, key players, communities, paths and pictures.

The public surface: :func:`read_edges` / :func:`load_edges` (edge lists), :class:`Network`
(the graph), :func:`rank` (key players with reasons), :func:`communities` (Leiden),
:func:`shortest_path`, :func:`changes` (time slicing), :func:`draw` and :func:`export`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from borderpost.intel.communities import communities
    from borderpost.intel.edges import Edge, EdgeListError, load_edges, read_edges
    from borderpost.intel.exchange import export
    from borderpost.intel.network import Network
    from borderpost.intel.paths import Link, shortest_path
    from borderpost.intel.pictures import draw
    from borderpost.intel.ranking import KeyPlayer, rank
    from borderpost.intel.timeslice import Change, changes, removal

# numpy, scipy, rustworkx and matplotlib load only when a name is used.
_WHERE = {
    "Change": "borderpost.intel.timeslice",
    "Edge": "borderpost.intel.edges",
    "EdgeListError": "borderpost.intel.edges",
    "KeyPlayer": "borderpost.intel.ranking",
    "Link": "borderpost.intel.paths",
    "Network": "borderpost.intel.network",
    "changes": "borderpost.intel.timeslice",
    "communities": "borderpost.intel.communities",
    "draw": "borderpost.intel.pictures",
    "export": "borderpost.intel.exchange",
    "load_edges": "borderpost.intel.edges",
    "rank": "borderpost.intel.ranking",
    "read_edges": "borderpost.intel.edges",
    "removal": "borderpost.intel.timeslice",
    "shortest_path": "borderpost.intel.paths",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)


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
