"""Conveyances and cargo: vehicle, container, ship and seal identifiers, cargo manifests
(UN/EDIFACT CUSCAR and CSV) and the risk indicators that select containers for examination.

Pure domain: no I/O beyond the package's own data files, no database, no web.
"""
