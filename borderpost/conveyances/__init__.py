"""Conveyances and cargo: vehicle, container, ship and seal identifiers, cargo manifests
(UN/EDIFACT CUSCAR and CSV) and the risk indicators that select containers for examination.

Pure domain: no I/O beyond the package's own data files, no database, no web.
"""

from borderpost.conveyances.cargo import (
    CargoManifest,
    CargoWarning,
    Consignment,
    Equipment,
    GoodsItem,
    Party,
)
from borderpost.conveyances.cargo_csv import CargoCsvError, read_cargo_csv
from borderpost.conveyances.containers import ContainerNumber, read_container
from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.conveyances.imo import IMO
from borderpost.conveyances.indicators import (
    ContainerAssessment,
    TargetingContext,
    assess,
    load_profile,
)
from borderpost.conveyances.plates import Plate, read_plate
from borderpost.conveyances.seals import Seal
from borderpost.conveyances.stolen import StolenHit, StolenIndex, StolenVehicle
from borderpost.conveyances.vin import VIN, CheckStatus, read_vin

__all__ = [
    "IMO",
    "VIN",
    "CargoCsvError",
    "CargoManifest",
    "CargoWarning",
    "CheckStatus",
    "Consignment",
    "ContainerAssessment",
    "ContainerNumber",
    "Equipment",
    "GoodsItem",
    "Party",
    "Plate",
    "Seal",
    "StolenHit",
    "StolenIndex",
    "StolenVehicle",
    "TargetingContext",
    "assess",
    "load_profile",
    "read_cargo_csv",
    "read_container",
    "read_cuscar",
    "read_plate",
    "read_vin",
    "write_cuscar",
]
