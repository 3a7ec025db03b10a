"""Vehicles at land posts: checks against the stolen-vehicle lists, vehicle crossings with
their driver and passengers (linked to traveller inspections), hits confirmed by a person, and
the facts the intelligence graph links vehicles by. Every check and record is audited; the
caller owns the transaction."""

from borderpost.vehicles.crossings import check_vehicle, record_crossing, vehicle_crossing
from borderpost.vehicles.facts import facts_of
from borderpost.vehicles.hits import decide_hit, open_hits
from borderpost.vehicles.stolen_list import ImportSummary, import_stolen_list, stolen_lookup

__all__ = [
    "ImportSummary",
    "check_vehicle",
    "decide_hit",
    "facts_of",
    "import_stolen_list",
    "open_hits",
    "record_crossing",
    "stolen_lookup",
    "vehicle_crossing",
]
