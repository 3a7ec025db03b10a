"""Casework: seizures, arrests, the persons and things they name, and their links, stored
with source and date (:mod:`.recording`), read back with audited access (:mod:`.reading`),
imported from seizure ledgers (:mod:`.importing`), and handed to the analysis as facts
(:mod:`.facts`) and as an evidence graph (:mod:`.graph`). The pure rules live in
:mod:`borderpost.intel.recording`.
"""
