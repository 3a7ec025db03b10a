"""The evidence graph of a small generated world: records only, and organisers near the top."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli.intel import app
from borderpost.intel.evaluation import score_networks
from borderpost.intel.world import WorldError, normal_phone, world_graph
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world

pytestmark = pytest.mark.slow

SPEC = WorldSpec(seed=7, travellers=5_000, days=365)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("intel-world")
    write_world(SPEC, folder)
    return folder


def test_phone_numbers_normalise_to_e164() -> None:
    assert normal_phone("070161412") == "+99970161412"
    assert normal_phone("+229 742-871 28") == "+22974287128"
    assert normal_phone("0044 20 1234") == "+44201234"


def test_graph_holds_record_entities_only(world: Path) -> None:
    graph = world_graph(world)
    kinds = {label.split(":", 1)[0] for label in graph.network.labels}
    assert kinds <= {
        "person",
        "mention",
        "phone",
        "account",
        "address",
        "vehicle",
        "document",
        "seizure",
    }
    assert {"person", "phone", "seizure"} <= kinds
    truth = json.loads((world / "truth.json").read_text(encoding="utf-8"))
    outsiders = {
        m["person_id"]
        for n in truth["networks"]["networks"]
        for m in n["members"]
        if m["traveller_index"] is None
    }
    assert not {f"person:{o}" for o in outsiders} & set(graph.network.labels)


def test_organisers_lines_rank_near_the_top(world: Path) -> None:
    graph = world_graph(world)
    players = graph.rank()
    assert all(p.node.startswith(("person:", "mention:", "phone:", "account:")) for p in players)
    scores = score_networks(world / "truth.json", players, top=10)
    visible = sum(s.visible for s in scores)
    assert visible >= 1
    assert sum(s.top for s in scores) >= visible / 2  # 5,000 x 365: 4 of 4 at seed 7
    assert sum(s.top_in_community for s in scores) >= visible / 2
    assert [p.as_json() for p in graph.rank()] == [p.as_json() for p in players]


def test_cli_ranks_a_world(world: Path) -> None:
    result = CliRunner().invoke(app, ["world", str(world), "--json", "--top", "5"])
    assert result.exit_code == 0, result.output
    players = json.loads(result.stdout)
    assert [p["rank"] for p in players] == [1, 2, 3, 4, 5]
    assert all(p["reasons"] for p in players)


def test_not_a_world(tmp_path: Path) -> None:
    with pytest.raises(WorldError, match="not a generated world"):
        world_graph(tmp_path)
