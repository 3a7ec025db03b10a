"""Measures, communities, ranking, paths and time slices on small graphs with known answers."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from borderpost.intel.communities import communities
from borderpost.intel.edges import Edge
from borderpost.intel.measures import _dependencies, betweenness, brokerage, eigenvector
from borderpost.intel.network import Network
from borderpost.intel.paths import PathError, shortest_path
from borderpost.intel.ranking import rank
from borderpost.intel.timeslice import changes, removal


def _network(pairs: list[tuple[str, str]], *, directed: bool = False) -> Network:
    return Network.from_edges([Edge(a, b) for a, b in pairs], directed=directed)


def _cliques() -> Network:
    """Two 5-cliques joined only through X, linked to two nodes of each."""
    left = list(itertools.combinations([f"a{i}" for i in range(5)], 2))
    right = list(itertools.combinations([f"b{i}" for i in range(5)], 2))
    return _network([*left, *right, ("X", "a0"), ("X", "a1"), ("X", "b0"), ("X", "b1")])


def test_parallel_links_merge_and_self_links_drop() -> None:
    net = Network.from_edges([Edge("a", "b", 1), Edge("b", "a", 2), Edge("a", "a", 5)])
    assert net.links == 1 and float(net.weights[0]) == 3.0
    directed = Network.from_edges([Edge("a", "b"), Edge("b", "a")], directed=True)
    assert directed.links == 2


def test_star_centre_ranks_first() -> None:
    net = _network([("hub", f"s{i}") for i in range(8)])
    players = rank(net)
    assert players[0].node == "hub"
    assert "highest betweenness (exact)" in players[0].reasons
    assert betweenness(net).values[net.index("hub")] == pytest.approx(1.0)


def test_bridge_between_cliques_ranks_first_as_broker() -> None:
    net = _cliques()
    community = communities(net)
    assert len(set(community.tolist())) >= 2
    bridged, _share = brokerage(net, community)
    assert bridged[net.index("X")] >= 1
    best = rank(net)[0]
    assert best.node == "X"
    assert any(r.startswith("bridges") for r in best.reasons)
    assert "highest betweenness (exact)" in best.reasons


def test_same_input_same_ranks_and_communities() -> None:
    graph = nx.les_miserables_graph()
    edges = [Edge(a, b, float(w)) for a, b, w in graph.edges(data="weight")]
    first = [p.as_json() for p in rank(Network.from_edges(edges))]
    second = [p.as_json() for p in rank(Network.from_edges(edges))]
    assert first == second
    assert first[0]["node"] == "Valjean"


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_with_every_pivot_is_exact(directed: bool) -> None:
    graph = nx.gnp_random_graph(50, 0.08, seed=3, directed=directed)
    net = Network.from_edges(
        [Edge(str(a), str(b)) for a, b in graph.edges()],
        directed=directed,
        nodes=[str(i) for i in range(50)],
    )
    n = net.size
    exact = betweenness(net).values
    summed = _dependencies(net, np.arange(n)) / ((n - 1) * (n - 2))
    assert np.allclose(exact, summed)
    sampled = betweenness(net, exact_limit=0, pivots=25)
    assert sampled.method == "approximate, 25 pivots"
    assert int(np.argmax(sampled.values)) == int(np.argmax(exact)) or sampled.values.max() > 0


def test_approximation_is_stated_in_reasons() -> None:
    graph = nx.barabasi_albert_graph(300, 2, seed=1)
    net = Network.from_edges([Edge(str(a), str(b)) for a, b in graph.edges()])
    from borderpost.intel.ranking import analyse

    players = rank(net, structure=analyse(net, exact_limit=0, pivots=64))
    assert any("(approximate, 64 pivots)" in r for r in players[0].reasons)


def test_eigenvector_matches_networkx() -> None:
    graph = nx.karate_club_graph()
    net = Network.from_edges([Edge(str(a), str(b)) for a, b in graph.edges()])
    mine = eigenvector(net)
    theirs = nx.eigenvector_centrality_numpy(graph, weight=None)
    top = max(theirs.values())
    assert np.allclose(
        [mine[net.index(str(i))] for i in range(34)], [theirs[i] / top for i in range(34)]
    )


def test_evidence_lifts_a_node_and_explains_itself() -> None:
    net = _network([("hub", f"s{i}") for i in range(8)])
    evidence = {"s3": {"seizures": 3, "organiser": 2, "payer": 3, "found": 3}}
    players = rank(net, evidence=evidence)
    assert players[0].node == "s3"
    assert "named in 3 seizures" in players[0].reasons
    with pytest.raises(ValueError, match="unknown kinds of evidence"):
        rank(net, evidence={"s3": {"gossip": 1}})


def test_path_lists_the_links_on_the_way() -> None:
    net = _cliques()
    links = shortest_path(net, "a4", "b4")
    assert [link.source for link in links][1] in {"a0", "a1"}
    assert len(links) == 4 and links[-1].target == "b4"
    with pytest.raises(PathError, match="not in the network"):
        shortest_path(net, "a4", "nobody")
    with pytest.raises(PathError, match="no path"):
        shortest_path(_network([("a", "b"), ("c", "d")]), "a", "d")


def test_removing_the_bridge_splits_the_network() -> None:
    change = removal(_cliques(), ["X"])
    assert change.removed == ("X",)
    assert change.components_before == 1 and change.components_after == 2
    assert change.split == ((5, 5),)


def test_time_slices_show_what_changed() -> None:
    from datetime import datetime

    early, late = datetime(2026, 1, 1), datetime(2026, 3, 1)
    edges = [
        Edge("boss", "a", 1, early),
        Edge("boss", "b", 1, early),
        Edge("a", "c", 1, late),
        Edge("c", "b", 1, late),
        Edge("c", "d", 1, late),
    ]
    change = changes(edges, datetime(2026, 2, 1))
    assert change.removed == ("boss",)
    assert "c" in change.added
    assert "c" in change.new_brokers
    with pytest.raises(ValueError, match="needs a time"):
        changes([Edge("a", "b")], early)
