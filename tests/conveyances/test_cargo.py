"""CUSCAR and CSV cargo manifests: our synthetic samples, round trips, fuzzing."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.conveyances.cargo import CargoManifest, Consignment, Equipment, GoodsItem, Party
from borderpost.conveyances.cargo_csv import CargoCsvError, read_cargo_csv
from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.passengers import EdifactError

DATA = Path(__file__).parents[1] / "data" / "cuscar"


def test_two_bills_sample() -> None:
    reading = read_cuscar((DATA / "two_bills.edi").read_bytes())
    assert reading.warnings == []
    (manifest,) = reading.manifests
    assert manifest.warnings == ()
    assert (manifest.reference, manifest.vessel, manifest.imo, manifest.voyage) == (
        "MANIF-2611-07",
        "MSC ANNA",
        "9074729",
        "FA247W",
    )
    assert manifest.arrival_date == dt.date(2026, 12, 1)
    assert (manifest.departure, manifest.arrival, manifest.carrier) == ("SGSIN", "UTLAG", "MSCU")
    first, second = manifest.consignments
    assert first.bill_of_lading == "MEDU7250011"
    assert first.shipper is not None and first.shipper.name == "NINGBO BRIGHT HOME CO., LTD"
    assert first.shipper.country == "CN"
    assert first.consignee is not None and first.consignee.name == "LAGOS HOME FURNISHINGS LTD"
    assert first.notify is not None
    assert first.route == ("CNNGB", "SGSIN", "UTLAG")
    assert first.description == "WOODEN FURNITURE: DINING CHAIRS"  # released colon kept
    assert first.hs_codes == ("940161",)
    assert first.packages == 340 and first.total_kg == 9650.0
    assert first.equipment == (Equipment("CSQU3054383", "45G1", True, ("CN1234567",)),)
    assert second.transhipment == ("PABLB",)
    assert second.equipment[0].seals == ()


def test_odd_delimiters_sample_reads_with_warnings() -> None:
    reading = read_cuscar((DATA / "odd_delimiters.edi").read_text())
    assert [w.code for w in reading.warnings] == ["envelope_skipped"]
    (manifest,) = reading.manifests
    assert manifest.reference == "FAK(1)"
    assert manifest.vessel == "STAR OF LAGOS"  # TDT wrapped over two lines
    codes = [w.code for w in manifest.warnings]
    assert codes == ["bad_imo", "bad_container_check", "bad_container_number"]
    (consignment,) = manifest.consignments
    assert consignment.bill_of_lading == "HBL-0042"  # opened by RFF without CNI
    assert consignment.shipper == Party("GLOBAL*SHIP LLC")
    assert consignment.total_kg == 12500.0  # tonnes converted
    assert [box.check_digit_ok for box in consignment.equipment] == [False, False]


def test_not_edifact_is_refused() -> None:
    with pytest.raises(EdifactError):
        read_cuscar("bill,shipper\n1,2\n")


def test_paxlst_is_not_cargo() -> None:
    text = "UNA:+.? 'UNB+UNOA:4+A+B+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'UNZ+1+1'"
    reading = read_cuscar(text)
    assert reading.manifests == []
    assert [w.code for w in reading.warnings] == ["not_cuscar", "no_cuscar"]


def test_count_mismatch_reported() -> None:
    text = (DATA / "two_bills.edi").read_text().replace("CNT+5:2'", "CNT+5:3'")
    (manifest,) = read_cuscar(text).manifests
    assert [w.code for w in manifest.warnings] == ["count_mismatch"]


printable = (
    st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_characters="\x7f"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
codes = st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=5, max_size=5)


@st.composite
def manifests(draw: st.DrawFn) -> CargoManifest:
    consignments = []
    for index in range(draw(st.integers(1, 3))):
        boxes = tuple(
            Equipment(
                number,
                "45G1",
                draw(st.booleans()),
                tuple(
                    draw(st.lists(st.sampled_from(["SL0001", "EU123456"]), max_size=2, unique=True))
                ),
                draw(st.none() | st.integers(1000, 30000).map(float)),
            )
            for number in draw(
                st.lists(st.sampled_from(["CSQU3054383", "MSKU1234565"]), max_size=2, unique=True)
            )
        )
        consignments.append(
            Consignment(
                bill_of_lading=f"BL{index}{draw(codes)}",
                shipper=Party(
                    draw(printable),
                    draw(st.just("") | printable),
                    draw(st.sampled_from(["", "CN"])),
                ),
                consignee=draw(st.none() | printable.map(Party)),
                place_of_loading=draw(codes),
                transhipment=tuple(draw(st.lists(codes, max_size=2))),
                place_of_discharge="UTLAG",
                goods=(
                    GoodsItem(
                        draw(printable),
                        draw(st.sampled_from(["", "080390"])),
                        draw(st.none() | st.integers(0, 9999)),
                        "CT",
                        draw(st.none() | st.integers(1, 30000).map(float)),
                    ),
                ),
                equipment=boxes,
            )
        )
    return CargoManifest(
        reference=draw(codes),
        carrier="MSCU",
        vessel=draw(printable),
        imo="9074729",
        voyage=draw(codes),
        departure="SGSIN",
        arrival="UTLAG",
        arrival_date=dt.date(2026, 12, 1),
        consignments=tuple(consignments),
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_cuscar_round_trip(manifest: CargoManifest) -> None:
    reading = read_cuscar(write_cuscar([manifest]))
    assert reading.warnings == []
    assert reading.manifests == [manifest]


@settings(max_examples=150)
@given(st.binary(max_size=400))
def test_cuscar_reader_never_crashes_on_bytes(data: bytes) -> None:
    with contextlib.suppress(EdifactError):
        read_cuscar(data)


SAMPLE = (DATA / "two_bills.edi").read_text()


@settings(max_examples=150)
@given(st.integers(0, len(SAMPLE) - 1), st.integers(0, 40), st.text(max_size=6))
def test_cuscar_reader_survives_mangled_sample(start: int, length: int, insert: str) -> None:
    mangled = SAMPLE[:start] + insert + SAMPLE[start + length :]
    try:
        reading = read_cuscar(mangled)
    except EdifactError:
        return
    for manifest in reading.manifests:
        assert all(w.code and w.message for w in manifest.warnings)


CSV = (Path(__file__).parents[1] / "data" / "cargo" / "three_rows.csv").read_text()


def test_csv_groups_rows_by_bill() -> None:
    manifest = read_cargo_csv(CSV, vessel="MSC ANNA")
    assert manifest.vessel == "MSC ANNA"
    first, second = manifest.consignments
    assert first.transhipment == ("SGSIN", "AEJEA")
    assert [g.description for g in first.goods] == ["T-SHIRTS", "JEANS"]
    assert first.total_kg == 7500.0 and first.packages == 150
    (box,) = first.equipment
    assert box.seals == ("SL1234",)  # ';' is the file's delimiter: the second seal is a column
    assert second.goods[0].packages is None
    codes = [(w.code, w.where) for w in manifest.warnings]
    assert ("bad_number", "line 4") in codes
    assert ("bad_container_check", "line 4") in codes
    assert ("missing_bill_of_lading", "line 5") in codes


def test_csv_mapping_and_errors() -> None:
    text = "Ref,Sender,Box\nX1,Acme,CSQU3054383\n"
    with pytest.raises(CargoCsvError, match="no bill-of-lading column"):
        read_cargo_csv(text)
    manifest = read_cargo_csv(
        text, mapping={"bill_of_lading": "Ref", "shipper": "Sender", "container": "Box"}
    )
    (c,) = manifest.consignments
    assert c.shipper == Party("Acme") and c.equipment[0].number == "CSQU3054383"
    with pytest.raises(CargoCsvError, match="unknown field"):
        read_cargo_csv(text, mapping={"colour": "Ref"})
    with pytest.raises(CargoCsvError, match="not in the header"):
        read_cargo_csv(text, mapping={"bill_of_lading": "Nope"})
    with pytest.raises(CargoCsvError, match="empty"):
        read_cargo_csv("")


@settings(max_examples=150)
@given(st.text(max_size=300))
def test_csv_reader_never_crashes(text: str) -> None:
    with contextlib.suppress(CargoCsvError):
        read_cargo_csv("bill_of_lading,container,gross_kg,packages\n" + text)


def test_group_with_two_messages_and_break_bulk() -> None:
    reading = read_cuscar((DATA / "group_two_messages.edi").read_text())
    assert reading.warnings == []
    first, second = reading.manifests
    assert (first.reference, first.vessel, first.imo) == ("CMA-0442-A", "CMA CGM TAGE", "9454436")
    (tractors,) = first.consignments
    assert tractors.equipment == ()  # break bulk: no container
    assert tractors.total_kg == pytest.approx(14968.548, abs=0.01)  # pounds converted
    (tomatoes,) = second.consignments
    assert tomatoes.bill_of_lading == "CMDUTNG0002"  # CNI and RFF agree: one consignment
    (box,) = tomatoes.equipment
    assert box.seals == ("ES88123456", "ES88123457") and box.gross_kg == 24100.0
    assert second.warnings == ()
