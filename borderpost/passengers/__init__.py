"""Advance passenger information: airline messages (UN/EDIFACT PAXLST and PNRGOV) read into
manifests and bookings, and manifests written back as PAXLST."""

from borderpost.passengers.edifact import EdifactError
from borderpost.passengers.manifest import Booking, Flight, Leg, Manifest, Person, TravelDocument
from borderpost.passengers.reading import MessageReading, Reading, read
from borderpost.passengers.simflights import manifest_from_sim
from borderpost.passengers.writer import write_paxlst

__all__ = [
    "Booking",
    "EdifactError",
    "Flight",
    "Leg",
    "Manifest",
    "MessageReading",
    "Person",
    "Reading",
    "TravelDocument",
    "manifest_from_sim",
    "read",
    "write_paxlst",
]
