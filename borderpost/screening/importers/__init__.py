"""Watchlist importers: each parses bytes or streams the caller opened into a snapshot."""

from borderpost.screening.importers.csvlist import parse_csv_list
from borderpost.screening.importers.ftm import parse_ftm
from borderpost.screening.importers.ofac import parse_ofac
from borderpost.screening.importers.un import parse_un

__all__ = ["parse_csv_list", "parse_ftm", "parse_ofac", "parse_un"]
