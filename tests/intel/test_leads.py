"""Leads between records: shared identifiers, specificity, hops, recency, network."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.intel.facts import RecordFacts
from borderpost.intel.leads import FactsIndex, NetworkContext, find_leads, lead_weights
from borderpost.intel.ranking import KeyPlayer

PHONE = ("phone", "+22997000001")
ADDRESS = ("address", "12 MARKET ROAD")


def _seizure() -> RecordFacts:
    return RecordFacts(
        "S-12",
        "seizure",
        date(2026, 3, 2),
        "4.1 kg cocaine",
        (PHONE, ("person", "T000001"), ADDRESS),
        place="UTO-CAP",
    )


def _arrest(ref: str = "A-7", day: date = date(2026, 5, 19), *ids: tuple[str, str]) -> RecordFacts:
    return RecordFacts(ref, "arrest", day, "trafficking", ids or (PHONE,))


def test_a_shared_phone_raises_an_explained_lead() -> None:
    index = FactsIndex.of([_seizure()])
    (lead,) = find_leads(_arrest(), index)
    assert (lead.record, lead.other) == ("A-7", "S-12")
    assert lead.headline == (
        "phone +22997000001 in arrest A-7 (trafficking, 2026-05-19) also in "
        "seizure S-12 (4.1 kg cocaine, 2026-03-02)"
    )
    text = " | ".join(lead.reasons)
    assert "named in 2 of 2 records" in text
    assert "recency: 78 days apart" in text
    assert "seriousness: arrest and seizure" in text
    assert "1 independent link (1 direct)" in text


def test_a_record_is_never_its_own_lead_and_unlinked_records_raise_none() -> None:
    index = FactsIndex.of([_seizure()])
    index.add(_arrest())
    assert [lead.other for lead in find_leads(_arrest(), index)] == ["S-12"]
    assert find_leads(_arrest("A-8", date(2026, 5, 19), ("phone", "+1555")), index) == []


def test_a_rare_identifier_outweighs_one_named_by_many() -> None:
    crowd = [
        RecordFacts(f"C-{k}", "crossing", date(2026, 1, 1), "entry", (ADDRESS,)) for k in range(30)
    ]
    index = FactsIndex.of([_seizure(), *crowd])
    by_address = find_leads(_arrest("A-9", date(2026, 3, 2), ADDRESS), index)
    by_phone = find_leads(_arrest("A-9", date(2026, 3, 2), PHONE), index)
    seizure_by_address = next(lead for lead in by_address if lead.other == "S-12")
    assert by_phone[0].score > 2 * seizure_by_address.score


def test_more_independent_links_score_higher_and_recent_beats_old() -> None:
    index = FactsIndex.of([_seizure()])
    one = find_leads(_arrest("A-1", date(2026, 3, 5), PHONE), index)[0]
    two = find_leads(_arrest("A-2", date(2026, 3, 5), PHONE, ("person", "T000001")), index)[0]
    old = find_leads(_arrest("A-3", date(2028, 3, 5), PHONE), index)[0]
    assert two.score > one.score > old.score
    assert "2 independent links (2 direct)" in two.reasons


def test_two_hops_link_records_through_a_middle_one() -> None:
    middle = RecordFacts(
        "X-1", "crossing", date(2026, 4, 1), "entry", (PHONE, ("vehicle", "AB123CD"))
    )
    index = FactsIndex.of([_seizure(), middle])
    later = _arrest("A-5", date(2026, 4, 2), ("vehicle", "AB123CD"))
    leads = {lead.other: lead for lead in find_leads(later, index)}
    assert set(leads) == {"S-12", "X-1"}
    assert "through X-1" in leads["S-12"].headline
    assert any(
        r.startswith("two hops: vehicle AB123CD → X-1 → phone") for r in leads["S-12"].reasons
    )
    assert leads["S-12"].score < leads["X-1"].score


def test_two_crossings_raise_no_lead_of_their_own() -> None:
    first = RecordFacts(
        "C-1", "crossing", date(2026, 1, 1), "entry", (("flight", "XY1 2026-01-01"),)
    )
    second = RecordFacts(
        "C-2", "crossing", date(2026, 1, 1), "entry", (("flight", "XY1 2026-01-01"),)
    )
    assert find_leads(second, FactsIndex.of([first])) == []


def test_network_context_adds_community_and_key_player_reasons() -> None:
    players = [
        KeyPlayer("phone:+22997000001", 1, 1.0, 3, ("highest betweenness",)),
        KeyPlayer("person:T000001", 2, 0.5, 3, ()),
    ]
    index = FactsIndex.of([_seizure()])
    plain = find_leads(_arrest(), index)[0]
    ranked = find_leads(_arrest(), index, network=NetworkContext.from_players(players))[0]
    assert ranked.score == pytest.approx(plain.score * 1.5, rel=1e-3)
    assert "network: both records in community 3 (+0.25)" in ranked.reasons
    assert "network: phone:+22997000001 is key player #1 (+0.25)" in ranked.reasons


def test_weights_are_shipped_as_data() -> None:
    table = lead_weights()
    assert table.identifier["phone"] > table.identifier["address"] > table.identifier["flight"]
    assert table.seriousness["seizure"] > table.seriousness["crossing"]


_ids = st.lists(
    st.tuples(st.sampled_from(["phone", "person", "address", "vehicle"]), st.sampled_from("abcde")),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ids, min_size=1, max_size=8), _ids)
def test_scores_are_bounded_and_sorted(
    earlier: list[list[tuple[str, str]]], new: list[tuple[str, str]]
) -> None:
    index = FactsIndex.of(
        RecordFacts(f"R-{k}", "seizure", date(2026, 1, 1 + k), "x", tuple(ids))
        for k, ids in enumerate(earlier)
    )
    leads = find_leads(RecordFacts("N", "arrest", date(2026, 2, 1), "y", tuple(new)), index)
    scores = [lead.score for lead in leads]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1.0 for s in scores)
    assert all(lead.other != "N" for lead in leads)
