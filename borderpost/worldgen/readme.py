"""README.md of a generated world: what every file holds, field by field."""

from __future__ import annotations

from pathlib import Path

from borderpost.sim.world.spec import WorldSpec

__all__ = ["FIELDS", "readme", "write_readme"]

#: Every file of a world with its description and fields (name, meaning).
FIELDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "travellers.jsonl": (
        "One JSON object per traveller (person who crosses), in id order.",
        (
            ("id", "T000000017: stable, from the traveller's index"),
            ("name", "the passport's Latin name in the culture's own order"),
            ("native_name", "the name in its own script (Иван Петрович Сидоров, 习近平)"),
            ("surname", "the MRZ primary identifier"),
            ("given_names", "the MRZ secondary identifier"),
            ("culture", "the naming culture (borderpost.sim cultures.toml)"),
            ("script", "the script of native_name"),
            ("birth_date", "ISO date"),
            ("gender", "male or female"),
            ("nationality", "ICAO code; UTO is the home country, Utopia"),
            ("residence", "ICAO code of the country the traveller lives in"),
            ("phone", "E.164 with the country's calling code (+999: Utopia)"),
            ("address", "street, town, country code"),
            ("document_ids", "the traveller's documents, the one they cross with first"),
        ),
    ),
    "documents.jsonl": (
        "One JSON object per travel document (TD3 passports). What the document says; "
        "whether it is genuine is in truth.json.",
        (
            ("id", "D000000017-0: the traveller who holds or uses it, and its number among theirs"),
            ("type", "P (passport)"),
            ("layout", "TD3"),
            ("number", "passport number: prefix of the issuing State, a letter, seven digits"),
            ("issuing_state", "ICAO code"),
            ("nationality", "ICAO code"),
            ("surname", "as printed"),
            ("given_names", "as printed"),
            ("birth_date", "ISO date (as printed; a forged MRZ may say otherwise)"),
            ("sex", "M or F"),
            ("issued", "ISO date"),
            ("expiry", "ISO date (for a forged document: the altered one)"),
            ("holder_id", "the traveller the document names"),
            ("mrz", "the two MRZ lines joined by a newline"),
        ),
    ),
    "crossings.jsonl": (
        "One JSON object per passage of the border in the window, by traveller, in time order.",
        (
            ("id", "C000000017-002: the traveller's index and the crossing's number"),
            ("traveller_id", "who crossed (an impostor crosses with another's passport)"),
            ("document_id", "the document presented"),
            ("document_number", "its number"),
            ("document_country", "its issuing State"),
            ("direction", "entry or exit"),
            ("port", "the port of entry (geography.toml code)"),
            ("mode", "air, sea or land"),
            ("time", "local time at the booth, ISO, minutes"),
            ("officer_id", "the officer who checked the document (officers.jsonl)"),
            ("decision", "cleared, referred (to secondary) or refused"),
            ("alerts", "what the booth saw: watchlist, lost_stolen, document"),
            ("flight", "flight number (air), else null"),
            ("flight_date", "the flight's scheduled date (air), else null"),
            ("vessel", "ship name (sea), else null"),
            ("vehicle", "number plate, when known, else null"),
            (
                "permit",
                "on entries: citizen, residence_permit, ecowas, visa_exempt, evisa, "
                "tourist_visa; null on exits",
            ),
            ("permitted_until", "the last day a visitor may stay (entries), else null"),
        ),
    ),
    "manifests.jsonl": (
        "One JSON object per scheduled flight per day of the window (passenger and crew lists "
        "as an airline sends them). Crews are a population of their own, not travellers.",
        (
            ("flight", "flight number (airline designator and number)"),
            ("airline", "IATA designator"),
            ("date", "the day the flight is flown"),
            ("origin", "IATA airport it leaves from"),
            ("destination", "IATA airport it goes to"),
            ("direction", "inbound (to the home country) or outbound"),
            ("port", "the home airport's port code"),
            ("scheduled", "arrival (inbound) or departure (outbound), ISO local time"),
            (
                "passengers",
                "crossing_id, traveller_id, surname, given_names, birth_date, sex, "
                "nationality, document_number, document_country",
            ),
            (
                "crew",
                "id, role, surname, given_names, nationality, birth_date, sex, document_number",
            ),
        ),
    ),
    "paxlst": (
        "A folder with one file per day, <date>.edi, holding each flight's passenger list "
        "(BGM+745) and crew list (BGM+250) as the UN/EDIFACT PAXLST D.05B interchanges an "
        "airline sends, prepared an hour before the scheduled time; the count is of "
        "interchanges. The same people as manifests.jsonl; `borderpost api parse` and "
        "`borderpost api screen` read them.",
        (),
    ),
    "watchlist.csv": (
        "The watchlist in Borderpost's CSV list format (borderpost lists import --format csv). "
        "Entries describe travellers with real-world noise; WX... entries name people who never "
        "cross. truth.json's watchlist section says whom each entry refers to.",
        (
            ("id", "W000000017 (traveller 17) or WX00000003 (not in the population)"),
            ("name", "the listed name"),
            ("aliases", "other names, separated by ;"),
            ("dob", "YYYY-MM-DD, YYYY, or empty (sometimes wrong)"),
            ("nationality", "ICAO code or empty"),
            ("gender", "M or F"),
            ("document_number", "a passport number, sometimes"),
            ("document_country", "its issuing State"),
        ),
    ),
    "lost_stolen.csv": (
        "Lost, stolen and blank-stolen passports (borderpost lists import --format sltd).",
        (
            ("issuing_country", "ICAO code"),
            ("document_number", "the reported number"),
            ("document_type", "passport"),
            ("status", "lost, stolen or blank-stolen"),
            ("reported_on", "ISO date"),
            ("reference", "SLTD-D...: a traveller's passport; SLTD-B...: a stolen blank batch"),
        ),
    ),
    "declarations.jsonl": (
        "Currency declarations: honest travellers carrying cash above the threshold (DH...) "
        "and money couriers, mostly just under it (DN...).",
        (
            ("id", "DH000000017-002 (the crossing's) or DN000001"),
            ("traveller_id", "who declared"),
            ("name", "as the traveller wrote it"),
            ("birth_date", "ISO date"),
            ("nationality", "ICAO code"),
            ("date", "ISO date"),
            ("time", "HH:MM"),
            ("port", "port code"),
            ("direction", "entry or exit"),
            ("currency", "ISO 4217"),
            ("amount", "in that currency"),
            ("amount_usd", "whole US dollars"),
            ("source", "free text"),
            ("purpose", "free text"),
        ),
    ),
    "seizures.jsonl": (
        "Seizures, as the seizing officer's clerk wrote them (names with their variations). "
        "Fields: id, date, time, port, commodity, item, quantity, unit, currency, concealment, "
        "location, conveyance {kind, id}, persons [{name, birth_date, nationality, gender}], "
        "phones, documents [{kind, number}], officer_id.",
        (),
    ),
    "arrests.jsonl": (
        "Arrests at the border and follow-up arrests inland. Fields: id, date, time, port, "
        "name, birth_date, nationality, gender, charge, seizure_id, phones, documents.",
        (),
    ),
    "officers.jsonl": (
        "The border officers. Which of them are corrupt is in truth.json.",
        (
            ("id", "O0001 ..."),
            ("name", "given names first"),
            ("surname", "family name"),
            ("given_names", "given names"),
            ("port", "the port they staff"),
            ("shift", "day, night or rotating"),
            ("birth_date", "ISO date"),
        ),
    ),
    "truth.json": (
        "Every planted fact, one JSON object with these sections, keys sorted.",
        (
            ("world", "seed, travellers, days, start, end, and the record count of each file"),
            (
                "defects",
                "each forgery defect kind: the finding code and field the documents "
                "engine raises for it",
            ),
            (
                "documents",
                "each document that is not simply genuine: status (expired, "
                "lost_stolen, forged, blank_stolen, impostor, replaced), defect and expected "
                "finding, holder_id, bearer_id (who crosses with it), reported, batch",
            ),
            ("batches", "stolen blank booklet batches: country, first and last number"),
            (
                "watchlist",
                "each entry's traveller_id (null: not in the population), and how its "
                "name and birth date were varied",
            ),
            ("overstayers", "traveller, entry crossing, permitted_until, exit crossing or null"),
            (
                "network_crossings",
                "crossings planned by a network: network, commodity, concealment",
            ),
            ("officers", "corrupt officers and the network paying each"),
            (
                "networks",
                "networks, members and roles, shared phones, addresses, vehicles, "
                "accounts, planned crossings",
            ),
            (
                "enforcement",
                "which person, network and planned crossing each seizure, arrest "
                "and courier declaration refers to",
            ),
        ),
    ),
}


def readme(spec: WorldSpec, counts: dict[str, int]) -> str:
    """The README text of a world."""
    lines = [
        "# Synthetic border world",
        "",
        f"Generated by `borderpost sim world --seed {spec.seed} --travellers {spec.travellers} "
        f"--days {spec.days}`: the same command always writes the same bytes. The window runs "
        f"from {spec.start.isoformat()} to {spec.end.isoformat()}. The home country is Utopia "
        "(UTO), ICAO's specimen State; every other country is real. Everything here is "
        "synthetic: no record describes a real person.",
        "",
        "`borderpost sim world --load` imports watchlist.csv (as `sim-watchlist`) and "
        "lost_stolen.csv (as `sim-sltd`) into the configured database. The other records have "
        "no tables yet: read them from these files.",
        "",
        "JSON-lines files hold one JSON object per line, keys in the order listed below, text "
        "in UTF-8.",
        "",
    ]
    for name, (about, fields) in FIELDS.items():
        count = counts.get(name)
        heading = f"## {name}" + (f" ({count:,} records)" if count is not None else "")
        lines += [heading, "", about, ""]
        if fields:
            lines += [f"- `{key}`: {meaning}" for key, meaning in fields]
            lines.append("")
    return "\n".join(lines)


def write_readme(path: Path, spec: WorldSpec, counts: dict[str, int]) -> None:
    """Write the README of a world to ``path``."""
    path.write_text(readme(spec, counts), encoding="utf-8", newline="\n")
