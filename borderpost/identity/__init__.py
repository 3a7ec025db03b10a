"""Identity: users, roles and what each role may do, passwords, login with lock-out, tokens.

``roles``, ``passwords`` and ``tokens`` are pure; ``service`` reads and writes users in the
caller's unit of work and records every account event in the audit log.
"""

from borderpost.identity.roles import PERMISSIONS, Permission, Role, can, parse_role
from borderpost.identity.service import (
    DuplicateUserError,
    IdentityError,
    InvalidUsernameError,
    LoginResult,
    UnknownPortError,
    UnknownRoleError,
    WeakPasswordError,
    authenticate,
    create_user,
)
from borderpost.identity.tokens import TokenClaims, TokenError, issue_token, verify_token

__all__ = [
    "PERMISSIONS",
    "DuplicateUserError",
    "IdentityError",
    "InvalidUsernameError",
    "LoginResult",
    "Permission",
    "Role",
    "TokenClaims",
    "TokenError",
    "UnknownPortError",
    "UnknownRoleError",
    "WeakPasswordError",
    "authenticate",
    "can",
    "create_user",
    "issue_token",
    "parse_role",
    "verify_token",
]
