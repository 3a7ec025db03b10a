"""Movement: crossings in the window, on scheduled flights, within port hours, with permits."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

import pytest

from borderpost.sim.world import networks, officers, tables
from borderpost.sim.world.documents import papers
from borderpost.sim.world.flights import crew, schedule
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Plan
from borderpost.sim.world.movement import Context, Crossing, crossings
from borderpost.sim.world.people import traveller
from borderpost.sim.world.rota import Rota, staff
from borderpost.sim.world.spec import WorldSpec

SPEC = WorldSpec(seed=5, travellers=2000, days=20)
PORTS = {p.code: p for p in geography().ports}


@pytest.fixture(scope="module")
def world() -> tuple[Plan, list[list[Crossing]]]:
    roster = officers.roster(SPEC)
    plan = networks.plan(SPEC, roster)
    crew_staff = staff(roster)
    found = []
    for index in range(SPEC.travellers):
        person = traveller(SPEC, index)
        context = Context(crew_staff, False, plan.trips_of(index))
        found.append(crossings(SPEC, context, person, papers(SPEC, person)[0]))
    return plan, found


def test_crossings_fall_in_the_window_in_time_order(
    world: tuple[Plan, list[list[Crossing]]],
) -> None:
    _plan, found = world
    assert sum(bool(c) for c in found) > 0.97 * SPEC.travellers
    first = datetime.combine(SPEC.start, time())
    last = datetime.combine(SPEC.end + timedelta(days=1), time())
    for passages in found:
        assert [c.when for c in passages] == sorted(c.when for c in passages)
        assert len({c.id for c in passages}) == len(passages)
        for crossing in passages:
            assert first - timedelta(hours=4) <= crossing.when < last + timedelta(hours=3)


def test_ports_hours_flights_and_permits(world: tuple[Plan, list[list[Crossing]]]) -> None:
    _plan, found = world
    flights = {f.number: f for f in schedule(SPEC)}
    modes = set()
    for crossing in (c for passages in found for c in passages):
        port = PORTS[crossing.port]
        modes.add(crossing.mode)
        if crossing.mode == "air":
            assert crossing.flight is not None and crossing.flight_date is not None
            assert flights[crossing.flight.number].port == crossing.port
            leg = "inbound" if crossing.direction == "entry" else "outbound"
            assert crossing.flight.leg == leg
        elif port.hours < 24 and not crossing.network_id:
            opens = officers.rules().opens
            assert opens <= crossing.when.hour < opens + port.hours
        if crossing.direction == "entry":
            assert crossing.permit
            if crossing.permit not in ("citizen", "residence_permit"):
                permit = tables.permit(crossing.document.nationality)
                assert crossing.permit == permit.kind
                assert crossing.permitted_until == crossing.when.date() + timedelta(
                    days=permit.stay_days - 1
                )
        else:
            assert crossing.permit == "" and crossing.permitted_until is None
    assert modes == {"air", "sea", "land"}


def test_overstayers_leave_late_or_not_at_all(world: tuple[Plan, list[list[Crossing]]]) -> None:
    spec = WorldSpec(seed=5, travellers=20000, days=120)
    roster = officers.roster(spec)
    overstays = 0
    for index in range(3000):
        person = traveller(spec, index)
        passages = crossings(spec, Context(staff(roster)), person, papers(spec, person)[0])
        for number, crossing in enumerate(passages):
            if not crossing.overstay:
                continue
            overstays += 1
            assert crossing.direction == "entry" and crossing.permitted_until is not None
            later = passages[number + 1 :]
            assert not later or later[0].when.date() > crossing.permitted_until
    assert overstays


def test_network_trips_become_the_members_crossings(
    world: tuple[Plan, list[list[Crossing]]],
) -> None:
    plan, found = world
    assert plan.trips
    for index, trips in plan.trips.items():
        passages = found[index]
        merged = [c.planned_id for c in passages if c.network_id]
        assert merged == [c.planned_id for c in passages]  # members travel for the network
        if any(c.decision == "refused" for c in passages):
            continue
        in_window = sorted(t.id for t in trips if SPEC.start <= t.when.date() <= SPEC.end)
        assert sorted(merged) == in_window


def test_the_rota_answers_as_officers_on_duty_does() -> None:
    roster = officers.roster(SPEC)
    rota = Rota(roster, size=50)
    rng = random.Random(1)
    for _k in range(2000):
        port = rng.choice(list(PORTS))
        when = datetime.combine(SPEC.start, time()) + timedelta(minutes=rng.randrange(20 * 1440))
        seed = rng.random()
        expected = officers.on_duty(roster, port, when, random.Random(seed))
        assert rota.on_duty(port, when, random.Random(seed)) == expected


def test_flights_have_crews_from_their_airline() -> None:
    flights = schedule(SPEC)
    assert len({f.number for f in flights}) == len(flights)
    first = crew(SPEC, flights[0], SPEC.start)
    assert crew(SPEC, flights[0], SPEC.start) == first
    assert [m.role for m in first[:2]] == ["captain", "first officer"]
    assert all(m.airline == flights[0].airline for m in first)
    assert len({m.id for m in first}) == len(first)
