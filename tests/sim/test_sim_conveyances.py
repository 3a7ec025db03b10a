"""Generated cargo and vehicle traffic: deterministic, well formed, with their truth."""

from __future__ import annotations

from borderpost.conveyances.containers import ContainerNumber
from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.conveyances.stolen import StolenIndex
from borderpost.conveyances.vin import CheckStatus, read_vin
from borderpost.sim.cargo import generate_cargo
from borderpost.sim.vehicles import generate_vehicle_traffic


def test_cargo_is_seeded_and_its_truth_points_at_real_containers() -> None:
    first = generate_cargo(11, voyages=3, consignments=80)
    again = generate_cargo(11, voyages=3, consignments=80)
    assert first.manifests == again.manifests and first.planted == again.planted
    assert generate_cargo(12, voyages=3, consignments=80).manifests != first.manifests
    boxes = {b.number: b for m in first.manifests for c in m.consignments for b in c.equipment}
    assert set(first.planted) <= set(boxes)
    valid = sum(ContainerNumber.is_valid(number) for number in boxes)
    assert valid >= 0.95 * len(boxes)  # a few typos on purpose
    assert {p.how for p in first.planted.values()} <= {"front", "rip-on"}
    reading = read_cuscar(write_cuscar(first.manifests))
    assert [m.consignments for m in reading.manifests] == [m.consignments for m in first.manifests]


def test_vehicle_traffic_has_stolen_cars_found_by_the_list() -> None:
    world = generate_vehicle_traffic(4, crossings=600, stolen_share=0.05)
    assert world == generate_vehicle_traffic(4, crossings=600, stolen_share=0.05)
    stolen = [c for c in world.crossings if c.stolen]
    assert stolen and all(c.direction == "exit" for c in stolen)
    north_american = [c.true_vin for c in world.crossings if c.true_vin[0] in "12345"]
    assert all(read_vin(vin).status is CheckStatus.VALID for vin in north_american)
    index = StolenIndex(world.stolen_list)
    found = [c for c in stolen if index.lookup(vin=c.vin_read, engine_number=c.engine_read)]
    assert len(found) == len(stolen)
    honest = [c for c in world.crossings if not c.stolen]
    assert not any(index.lookup(vin=c.vin_read, engine_number=c.engine_read) for c in honest)
    assert any(c.concealment for c in world.crossings) or len(world.crossings) < 200
