"""GraphML/GEXF round trips, the offline map and timeline, the console's network view."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta
from pathlib import Path

import pytest

from borderpost.intel.edges import Edge
from borderpost.intel.exchange import ExchangeError, export, load
from borderpost.intel.facts import RecordFacts
from borderpost.intel.maps import map_groups, map_svg
from borderpost.intel.network import Network
from borderpost.intel.places import port_place, ports
from borderpost.intel.ranking import rank
from borderpost.intel.record_network import facts_network, network_view
from borderpost.intel.timelines import timeline_counts, timeline_svg

EDGES = [Edge("a", "b", 2.0), Edge("b", "c"), Edge("c", "d"), Edge("d", "a"), Edge("c", "e")]


def _records() -> list[RecordFacts]:
    cap, brg = port_place("UTO-CAP"), port_place("UTO-BRG")
    assert cap is not None and brg is not None
    start = date(2026, 3, 2)
    return [
        RecordFacts(
            f"S-{k}",
            "seizure" if k % 3 else "arrest",
            start + timedelta(days=k),
            "x",
            (("phone", f"+2290197{k % 4:06d}"),),
            place=p.code,
            latitude=p.latitude,
            longitude=p.longitude,
        )
        for k, p in enumerate([cap, cap, brg, cap, brg, brg, cap, cap, cap])
    ] + [RecordFacts("A-0", "arrest", start, "inland", ())]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_gephi_files_round_trip(tmp_path: Path, suffix: str) -> None:
    network = Network.from_edges(EDGES)
    players = rank(network)
    imported = load(export(network, tmp_path / f"n{suffix}", players))
    assert sorted(imported.network.labels) == sorted(network.labels)
    assert imported.network.links == network.links
    assert float(imported.network.weights.sum()) == float(network.weights.sum())
    assert imported.attributes[players[0].node]["rank"] == 1


def test_gephi_labels_name_nodes(tmp_path: Path) -> None:
    path = tmp_path / "gephi.gexf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">'
        '<nodes><node id="0" label="phone:+1"/><node id="1" label="person:A"/></nodes>'
        '<edges><edge id="0" source="0" target="1" weight="-3"/></edges></graph></gexf>',
        encoding="utf-8",
    )
    imported = load(path)
    assert set(imported.network.labels) == {"phone:+1", "person:A"}
    assert imported.network.weights.tolist() == [1.0]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("n.graphml", "<graphml><broken", "not valid GRAPHML"),
        ("n.gexf", "nothing", "not valid GEXF"),
        ("n.csv", "a,b", "an import is .graphml or .gexf"),
    ],
)
def test_bad_gephi_files_are_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExchangeError, match=message):
        load(path)


def test_every_world_port_has_a_place() -> None:
    from borderpost.sim.world.geography import geography

    assert {p.code for p in geography().ports} <= set(ports())


def test_map_groups_records_by_place_and_kind() -> None:
    groups = map_groups(_records())
    assert sum(len(g.refs) for g in groups) == 9  # the inland arrest has no position
    cap = next(g for g in groups if g.place == "UTO-CAP" and g.category == "seizure")
    assert cap.refs == ("S-1", "S-7", "S-8")
    svg = map_svg(_records(), title="March")
    root = ElementTree.fromstring(svg)
    circles = root.findall(".//{http://www.w3.org/2000/svg}circle")
    assert len(circles) == len(groups)
    assert "9 records placed, 1 without a position" in svg
    assert "UTO-BRG" in svg and "°" in svg


def test_an_empty_map_says_so() -> None:
    assert "nothing to map" in map_svg([RecordFacts("A", "arrest", date(2026, 1, 1), "x")])


def test_timeline_counts_every_week_and_marks_arrests() -> None:
    weeks = timeline_counts(_records(), "week")
    assert [w.start for w in weeks] == [date(2026, 3, 2), date(2026, 3, 9)]
    assert sum(w.total for w in weeks) == 10
    days = timeline_counts(_records(), "day")
    assert len(days) == 9 and days[0].counts == {"arrest": 2}
    svg = timeline_svg(_records(), bucket="day")
    ElementTree.fromstring(svg)
    assert svg.count('class="arrest"') == 3
    with pytest.raises(ValueError, match="bucket 'month'"):
        timeline_counts(_records(), "month")


def test_network_view_lays_out_records_and_identifiers() -> None:
    built = facts_network(_records())
    view = network_view(built.network, built.rank(), records=built.records, limit=5)
    assert view["shown"] == 5 and view["total"] == built.network.size
    assert all(0.0 <= n["x"] <= 1.0 and 0.0 <= n["y"] <= 1.0 for n in view["nodes"])
    first = view["nodes"][0]
    assert first["rank"] == 1 and first["reasons"] and first["key"]
    phone = next(n for n in view["nodes"] if n["kind"] == "phone")
    assert phone["records"]
