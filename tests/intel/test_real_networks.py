"""The real covert networks beside the checkout load, rank, split into communities and draw."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from borderpost.intel.communities import communities
from borderpost.intel.edges import load_edges
from borderpost.intel.network import Network
from borderpost.intel.pictures import draw
from borderpost.intel.ranking import rank

REAL = ("911_hijackers_associates.csv", "siren_undirected.csv", "togo_undirected.csv")


@pytest.mark.parametrize("name", REAL)
def test_real_network_ranks_and_draws(shared_data: Path, tmp_path: Path, name: str) -> None:
    network = Network.from_edges(load_edges(shared_data / "networks" / name))
    players = rank(network)
    assert len(players) == network.size
    assert [p.rank for p in players] == list(range(1, network.size + 1))
    assert all(p.reasons for p in players)
    assert 2 <= len(set(communities(network).tolist())) < network.size // 3
    picture = draw(network, players, tmp_path / "net.svg")
    assert picture.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_911_leader_first_and_hijackers_over_represented(shared_data: Path) -> None:
    """Krebs (2002) names Mohamed Atta as the ring's hub; hijackers are 19 of the 60 nodes."""
    folder = shared_data / "networks"
    network = Network.from_edges(load_edges(folder / "911_hijackers_associates.csv"))
    with (folder / "911_nodes.csv").open(encoding="utf-8") as handle:
        hijackers = {r["id"] for r in csv.DictReader(handle) if r["is_hijacker"] == "1"}
    players = rank(network)
    assert players[0].node == "Mohamed Atta"
    in_top = sum(p.node in hijackers for p in players[:10])
    assert in_top / 10 > len(hijackers) / network.size


@pytest.mark.parametrize("name", ["siren_undirected.csv", "togo_undirected.csv"])
def test_morselli_rings_centre_on_one_broker(shared_data: Path, name: str) -> None:
    """Both stolen-vehicle rings have one actor tied to most others (n1): first, as a broker."""
    network = Network.from_edges(load_edges(shared_data / "networks" / name))
    best = rank(network)[0]
    assert best.node == "n1"
    assert any(r.startswith("bridges") for r in best.reasons)
