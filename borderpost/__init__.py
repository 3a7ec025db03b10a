"""Borderpost: open-source border-security and anti-smuggling platform."""

__version__ = "0.1.0"
