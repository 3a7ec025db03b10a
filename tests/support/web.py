"""The API tests' accounts: who exists, with which role at which port."""

from __future__ import annotations

SECRET = "web-tests-" + "k" * 40
#: username -> (role, port); ``olga`` logs in with the password, the others only use tokens.
ACCOUNTS = {
    "olga": ("officer", "LHR"),
    "otto": ("officer", "DOV"),
    "sue": ("supervisor", "LHR"),
    "sam": ("supervisor", "DOV"),
    "ann": ("analyst", None),
    "aud": ("auditor", None),
    "adm": ("admin", None),
    "iso": ("issuance_officer", None),
    "isu": ("issuance_supervisor", None),
}
#: One account per role, for the access matrix.
ROLE_USERS = {
    "officer": "olga",
    "supervisor": "sue",
    "analyst": "ann",
    "auditor": "aud",
    "admin": "adm",
    "issuance_officer": "iso",
    "issuance_supervisor": "isu",
}
