"""Officers: every port staffed around its opening hours, a few corrupt, and how they decide."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any

import pytest

from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Officer
from borderpost.sim.world.officers import decide, duty, on_duty, parse, roster, rules
from borderpost.sim.world.spec import WorldSpec
from borderpost.sim.world.trades import data_file, network_count, outline

SPEC = WorldSpec(seed=7, travellers=20_000, days=60)


@cache
def _roster(spec: WorldSpec = SPEC) -> tuple[Officer, ...]:
    return roster(spec)


def test_same_spec_same_roster_and_other_seed_other_names() -> None:
    assert roster(SPEC) == _roster()
    other = roster(WorldSpec(seed=8, travellers=20_000, days=60))
    assert [o.name for o in other] != [o.name for o in _roster()]


def test_every_port_is_staffed_with_numbered_officers_of_the_home_country() -> None:
    officers = _roster()
    assert [o.id for o in officers] == [f"O{k:04d}" for k in range(1, len(officers) + 1)]
    home = geography().home.code
    assert all(o.name.nationality == home and o.birth_date is not None for o in officers)
    for port in geography().ports:
        staff = [o for o in officers if o.port == port.code]
        assert len(staff) >= rules().per_port
        if port.remote:
            assert len(staff) <= rules().remote_most
    busiest = max(geography().ports, key=lambda p: p.share)
    assert len([o for o in officers if o.port == busiest.code]) > 2 * rules().per_port


def test_every_open_hour_of_every_port_has_an_officer_on_duty() -> None:
    officers = _roster()
    opens = rules().opens
    for port in geography().ports:
        staff = [o for o in officers if o.port == port.code]
        for offset in range(14):
            day = SPEC.day(offset)
            for hour in range(opens, opens + port.hours):
                when = datetime.combine(day, time(0)) + timedelta(hours=hour, minutes=30)
                windows = [duty(o, d) for o in staff for d in (day, when.date())]
                assert any(w is not None and w[0] <= when < w[1] for w in windows), (port, when)


def test_on_duty_picks_an_officer_of_the_port_whose_shift_covers_the_time() -> None:
    officers = _roster()
    rng = random.Random(3)
    night = datetime(2026, 1, 6, 2, 15)
    for _ in range(50):
        officer = on_duty(officers, "UTO-CAP", night, rng)
        assert officer.port == "UTO-CAP"
        window = duty(officer, night.date() - timedelta(days=1))
        assert window is not None and window[0] <= night < window[1]
    closed = datetime(2026, 1, 6, 3, 0)  # a part-time post: anyone of the port answers
    assert on_duty(officers, "UTO-DST", closed, rng).port == "UTO-DST"
    with pytest.raises(ValueError, match="no officer"):
        on_duty(officers, "UTO-NOPE", night, rng)


def test_corrupt_officers_are_few_work_odd_hours_and_serve_a_network_at_their_port() -> None:
    officers = _roster()
    corrupt = [o for o in officers if o.corrupt]
    assert 1 <= len(corrupt) <= 0.06 * len(officers)
    ports = {n: outline(SPEC, n) for n in range(1, network_count(SPEC) + 1)}
    by_id = {o.id: o for o in ports.values()}
    for officer in corrupt:
        assert officer.network_id in by_id
        assert officer.port in by_id[officer.network_id].ports
        assert officer.shift != "day"
    assert all(o.network_id is None for o in officers if not o.corrupt)
    small = roster(WorldSpec(seed=1, travellers=100, days=10))
    assert sum(o.corrupt for o in small) >= 1


def test_corrupt_officers_clear_hits_and_members_far_more_often() -> None:
    honest = next(o for o in _roster() if not o.corrupt)
    corrupt = next(o for o in _roster() if o.corrupt)
    rng = random.Random(11)

    def cleared(officer: Officer, hit: bool, member: bool) -> float:
        decisions = [decide(officer, hit, member, rng) for _ in range(4000)]
        assert set(decisions) <= {"cleared", "referred", "refused"}
        return decisions.count("cleared") / len(decisions)

    assert cleared(honest, True, False) < 0.2
    assert cleared(corrupt, True, False) > 0.4
    assert cleared(honest, True, True) < 0.2
    assert cleared(corrupt, True, True) > 0.9
    assert cleared(honest, False, False) > 0.95


def test_bad_rates_are_refused_with_a_clear_message() -> None:
    table: dict[str, Any] = data_file("officers.toml")
    table["decide"]["honest"]["hit"] = {"cleared": 0.5, "referred": 0.6, "refused": 0.0}
    with pytest.raises(ValueError, match=r"decide\.honest\.hit"):
        parse(table)
    table = data_file("officers.toml")
    table["shifts"]["part_time"] = {"evening": 1.0}
    with pytest.raises(ValueError, match="part_time"):
        parse(table)
