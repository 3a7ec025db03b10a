"""Write cargo manifests as UN/EDIFACT CUSCAR D.95B, so that simulated voyages become the
messages a carrier would send (and the reader can be tested on them).

One interchange, one message per manifest, exact ``UNT``/``UNZ`` counts, every service
character inside a value released with ``?``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from borderpost.conveyances.cargo import CargoManifest, Consignment, Party

__all__ = ["write_cuscar"]

_SPECIAL = set(":+?'")
_MODES = {"sea": "1", "rail": "2", "road": "3", "air": "4"}


def _escape(value: str) -> str:
    return "".join("?" + c if c in _SPECIAL else c for c in value)


def _segment(tag: str, *elements: str | Sequence[str]) -> str:
    parts = [tag]
    for element in elements:
        if isinstance(element, str):
            parts.append(_escape(element))
        else:
            parts.append(":".join(_escape(c) for c in element))
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return "+".join(parts) + "'"


def _weight(kg: float) -> str:
    return f"{kg:.3f}".rstrip("0").rstrip(".")


def _party(qualifier: str, party: Party) -> str:
    return _segment(
        "NAD", qualifier, "", "", [party.name[:70]], [party.address[:70]], "", "", "", party.country
    )


def _consignment(number: int, c: Consignment) -> list[str]:
    out = [
        _segment("CNI", str(number), c.bill_of_lading),
        _segment("RFF", ["BM", c.bill_of_lading]),
    ]
    for qualifier, place in (("88", c.place_of_receipt), ("9", c.place_of_loading)):
        if place:
            out.append(_segment("LOC", qualifier, [place]))
    out.extend(_segment("LOC", "13", [place]) for place in c.transhipment)
    for qualifier, place in (("11", c.place_of_discharge), ("7", c.place_of_delivery)):
        if place:
            out.append(_segment("LOC", qualifier, [place]))
    if c.gross_kg is not None:
        out.append(_segment("MEA", "AAE", "G", ["KGM", _weight(c.gross_kg)]))
    for qualifier, party in (("CZ", c.shipper), ("CN", c.consignee), ("N1", c.notify)):
        if party is not None:
            out.append(_party(qualifier, party))
    for index, item in enumerate(c.goods, start=1):
        count = "" if item.packages is None else str(item.packages)
        out.append(_segment("GID", str(index), [count, item.package_type]))
        if item.description:
            out.append(_segment("FTX", "AAA", "", "", [item.description[:512]]))
        if item.hs_code:
            out.append(_segment("PIA", "5", [item.hs_code, "HS"]))
        if item.gross_kg is not None:
            out.append(_segment("MEA", "AAE", "G", ["KGM", _weight(item.gross_kg)]))
    for box in c.equipment:
        out.append(
            _segment(
                "EQD",
                "CN",
                [box.number],
                [box.size_type, "6346", "5"],
                "",
                "",
                "5" if box.full else "4",
            )
        )
        if box.gross_kg is not None:
            out.append(_segment("MEA", "AAE", "G", ["KGM", _weight(box.gross_kg)]))
        out.extend(_segment("SEL", seal, "CA") for seal in box.seals)
    return out


def write_cuscar(
    manifests: Sequence[CargoManifest],
    *,
    sender: str = "CARRIER",
    recipient: str = "CUSTOMS",
    prepared: dt.datetime | None = None,
    reference: str = "1",
) -> str:
    """The manifests as one CUSCAR interchange (text, one segment per line)."""
    when = prepared or dt.datetime(2026, 1, 1)
    lines = [
        "UNA:+.? '",
        _segment(
            "UNB",
            ["UNOC", "3"],
            sender,
            recipient,
            [when.strftime("%y%m%d"), when.strftime("%H%M")],
            reference,
        ),
    ]
    for number, manifest in enumerate(manifests, start=1):
        body = [
            _segment("UNH", str(number), ["CUSCAR", "D", "95B", "UN"]),
            _segment("BGM", "85", manifest.reference, "9"),
        ]
        if manifest.arrival_date is not None:
            body.append(_segment("DTM", ["132", manifest.arrival_date.strftime("%Y%m%d"), "102"]))
        body.append(
            _segment(
                "TDT",
                "20",
                manifest.voyage,
                _MODES.get(manifest.mode, "1"),
                "",
                [manifest.carrier, "172", "20"],
                "",
                "",
                [manifest.imo, "146", "11", manifest.vessel],
            )
        )
        if manifest.departure:
            body.append(_segment("LOC", "5", [manifest.departure]))
        if manifest.arrival:
            body.append(_segment("LOC", "60", [manifest.arrival]))
        for index, consignment in enumerate(manifest.consignments, start=1):
            body.extend(_consignment(index, consignment))
        body.append(_segment("CNT", ["5", str(len(manifest.consignments))]))
        body.append(_segment("CNT", ["16", str(manifest.container_count)]))
        body.append(_segment("UNT", str(len(body) + 1), str(number)))
        lines.extend(body)
    lines.append(_segment("UNZ", str(len(manifests)), reference))
    return "\n".join(lines) + "\n"
