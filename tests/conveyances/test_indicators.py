"""Risk indicators: each explained, selection only by combination."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderpost.conveyances.cargo import CargoManifest, Consignment, Equipment, GoodsItem, Party
from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.indicators import TargetingContext, assess, load_profile
from borderpost.conveyances.parties import party_key
from borderpost.conveyances.reference import yaml_data

DATA = Path(__file__).parents[1] / "data" / "cuscar"


def _one(consignment: Consignment, context: TargetingContext | None = None) -> Any:
    (result,) = assess(CargoManifest(consignments=(consignment,)), context)
    return result


def _plain(**changes: Any) -> Consignment:
    base: dict[str, Any] = {
        "bill_of_lading": "BL1",
        "shipper": Party("Ningbo Bright Home"),
        "consignee": Party("Lagos Home Furnishings"),
        "place_of_loading": "CNNGB",
        "place_of_discharge": "UTLAG",
        "goods": (GoodsItem("WOODEN DINING CHAIRS", "940161", 340, "CT", 9650.0),),
        "equipment": (Equipment("CSQU3054383", "45G1", True, ("CN1234567",)),),
    }
    base.update(changes)
    return Consignment(**base)


def test_clean_consignment_fires_nothing() -> None:
    result = _one(_plain())
    assert result.fired == () and not result.selected
    assert result.reason == "no indicator fired"


def test_freight_all_kinds_alone_raises_but_does_not_select() -> None:
    result = _one(_plain(goods=(GoodsItem("FREIGHT ALL KINDS", "940161", 10, "CT", 9000.0),)))
    assert [f.indicator for f in result.fired] == ["vague_description"]
    assert '"freight all kinds"' in result.fired[0].reason
    assert not result.selected
    assert "only 1 indicator" in result.reason


def test_combination_selects_with_every_reason() -> None:
    consignment = _plain(
        goods=(GoodsItem("SAID TO CONTAIN FRESH BANANAS", "080390", 1200, "BX", 31800.0),),
        place_of_loading="ECGYE",
        transhipment=("PABLB",),
        equipment=(Equipment("MSKU1234565", "45R1", True, ()),),
    )
    result = _one(consignment, TargetingContext(consignee_history={}))
    fired = {f.indicator for f in result.fired}
    assert {
        "said_to_contain",
        "missing_seal",
        "weight_implausible",
        "transit_hub",
        "source_country",
        "cover_commodity",
        "new_consignee",
    } <= fired
    assert result.selected and result.reason.startswith("selected")
    weight = next(f for f in result.fired if f.indicator == "weight_implausible")
    assert "31,800 kg in MSKU1234565 for HS 08" in weight.reason


def test_seizure_link_uses_party_keys() -> None:
    assert party_key("ACME Trading Co., Ltd.") == party_key("Acme Trading")
    context = TargetingContext(seizure_parties={party_key("Lagos Home Furnishings"): "S-12"})
    result = _one(_plain(consignee=Party("LAGOS HOME FURNISHINGS LTD")), context)
    assert [f.reason for f in result.fired] == [
        "consignee LAGOS HOME FURNISHINGS LTD appears in seizure S-12"
    ]
    assert not result.selected  # still one indicator


def test_new_consignee_needs_history() -> None:
    assert _one(_plain()).fired == ()
    known = TargetingContext(consignee_history={party_key("Lagos Home Furnishings"): 3})
    assert _one(_plain(), known).fired == ()
    fired = _one(_plain(), TargetingContext(consignee_history={})).fired
    assert [f.indicator for f in fired] == ["new_consignee"]


def test_sample_manifest_selects_the_banana_container_only() -> None:
    (manifest,) = read_cuscar((DATA / "two_bills.edi").read_text()).manifests
    results = assess(manifest)
    assert [(r.container, r.selected) for r in results] == [
        ("CSQU3054383", False),
        ("MSKU1234565", True),
    ]


def test_profile_errors_name_the_problem() -> None:
    raw = dict(yaml_data("indicators.yaml"))
    with pytest.raises(ValueError, match="at least 2"):
        load_profile({**raw, "selection": {"threshold": 1, "min_indicators": 1}})
    with pytest.raises(ValueError, match="unknown check"):
        load_profile(
            {**raw, "indicators": [{"id": "x", "weight": 1, "check": "nope", "explain": "x"}]}
        )
    with pytest.raises(ValueError, match="positive"):
        load_profile(
            {
                **raw,
                "indicators": [{"id": "x", "weight": -1, "check": "missing_seal", "explain": "x"}],
            }
        )
    with pytest.raises(ValueError, match="lacks"):
        load_profile({**raw, "indicators": [{"id": "x"}]})


@given(st.text(max_size=60))
def test_party_key_idempotent(name: str) -> None:
    key = party_key(name)
    assert party_key(key) == key
