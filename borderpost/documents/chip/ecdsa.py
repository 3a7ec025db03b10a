"""ECDSA verification over any prime-field curve, with our own arithmetic.

ePassport PKIs (Germany, France, Netherlands and many more) encode brainpool keys with
explicit domain parameters, which ``cryptography`` refuses to load. Verification needs no
secret, so plain Python integers in Jacobian coordinates are enough (no constant-time
concerns). :func:`named` gives a curve from ``data/curves.toml`` (RFC 5639, SEC 2).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

# A point in Jacobian coordinates (X, Y, Z): affine (X/Z², Y/Z³); Z == 0 is infinity.
_Jacobian = tuple[int, int, int]
_INFINITY: _Jacobian = (1, 1, 0)


class CurveError(ValueError):
    """Domain parameters or a point that cannot be used."""


@dataclass(frozen=True, slots=True)
class Curve:
    """Short Weierstrass curve y² = x³ + ax + b over GF(p), base point G of order n."""

    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    h: int = 1
    name: str | None = None

    def check(self) -> None:
        """Raise CurveError unless the parameters make a usable curve."""
        p = self.p
        if p < 3 or p % 2 == 0 or self.n < 3:
            raise CurveError("the field prime or the order is not a plausible value")
        if not (0 <= self.a < p and 0 <= self.b < p):
            raise CurveError("a coefficient is not reduced modulo the field prime")
        if (4 * pow(self.a, 3, p) + 27 * pow(self.b, 2, p)) % p == 0:
            raise CurveError("the curve is singular")
        if not self.contains(self.gx, self.gy):
            raise CurveError("the base point is not on the curve")

    @property
    def byte_length(self) -> int:
        return (self.p.bit_length() + 7) // 8

    def contains(self, x: int, y: int) -> bool:
        p = self.p
        return 0 <= x < p and 0 <= y < p and (y * y - (x * x * x + self.a * x + self.b)) % p == 0

    def same_domain(self, other: Curve) -> bool:
        return (self.p, self.a, self.b, self.gx, self.gy, self.n) == (
            other.p,
            other.a,
            other.b,
            other.gx,
            other.gy,
            other.n,
        )

    def decode_point(self, data: bytes) -> tuple[int, int]:
        """An encoded point (SEC 1: 04‖X‖Y, or compressed 02/03‖X) on this curve."""
        size = self.byte_length
        if len(data) == 1 + 2 * size and data[0] == 4:
            x = int.from_bytes(data[1 : 1 + size], "big")
            y = int.from_bytes(data[1 + size :], "big")
        elif len(data) == 1 + size and data[0] in (2, 3):
            x = int.from_bytes(data[1:], "big")
            y = _sqrt_mod(x * x * x + self.a * x + self.b, self.p)
            if y % 2 != data[0] - 2:
                y = self.p - y
        else:
            raise CurveError(f"a point of {len(data)} bytes is not an encoded point of this curve")
        if not self.contains(x, y):
            raise CurveError("the public key point is not on the curve")
        if self.h != 1 and _multiply(self, (x, y, 1), self.n)[2] % self.p != 0:
            raise CurveError("the public key point is not in the base point's subgroup")
        return x, y


def _sqrt_mod(value: int, p: int) -> int:
    """A square root of ``value`` modulo the odd prime ``p`` (Tonelli-Shanks)."""
    value %= p
    if value == 0:
        return 0
    if pow(value, (p - 1) // 2, p) != 1:
        raise CurveError("a compressed point's x has no y on the curve")
    if p % 4 == 3:
        return pow(value, (p + 1) // 4, p)
    q, s = p - 1, 0
    while q % 2 == 0:
        q //= 2
        s += 1
    z = 2
    while pow(z, (p - 1) // 2, p) != p - 1:
        z += 1
    m, c, t, r = s, pow(z, q, p), pow(value, q, p), pow(value, (q + 1) // 2, p)
    while t != 1:
        i, t2 = 0, t
        while t2 != 1:
            t2 = t2 * t2 % p
            i += 1
        b = pow(c, 1 << (m - i - 1), p)
        m, c, t, r = i, b * b % p, t * b * b % p, r * b % p
    return r


def _double(curve: Curve, point: _Jacobian) -> _Jacobian:
    x, y, z = point
    p = curve.p
    if z == 0 or y == 0:
        return _INFINITY
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    m = (3 * x * x + curve.a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    y3 = (m * (s - x3) - 8 * yy * yy) % p
    z3 = 2 * y * z % p
    return x3, y3, z3


def _add(curve: Curve, one: _Jacobian, two: _Jacobian) -> _Jacobian:
    x1, y1, z1 = one
    x2, y2, z2 = two
    if z1 == 0:
        return two
    if z2 == 0:
        return one
    p = curve.p
    z1z1 = z1 * z1 % p
    z2z2 = z2 * z2 % p
    u1 = x1 * z2z2 % p
    u2 = x2 * z1z1 % p
    s1 = y1 * z2 * z2z2 % p
    s2 = y2 * z1 * z1z1 % p
    if u1 == u2:
        return _double(curve, one) if s1 == s2 else _INFINITY
    h = (u2 - u1) % p
    r = (s2 - s1) % p
    hh = h * h % p
    hhh = h * hh % p
    v = u1 * hh % p
    x3 = (r * r - hhh - 2 * v) % p
    y3 = (r * (v - x3) - s1 * hhh) % p
    z3 = h * z1 * z2 % p
    return x3, y3, z3


def _multiply(curve: Curve, point: _Jacobian, k: int) -> _Jacobian:
    result = _INFINITY
    for bit in bin(k)[2:]:
        result = _double(curve, result)
        if bit == "1":
            result = _add(curve, result, point)
    return result


def _twin_multiply(curve: Curve, u1: int, u2: int, q: tuple[int, int]) -> _Jacobian:
    """u1·G + u2·Q in one pass over the bits (Shamir's trick)."""
    g: _Jacobian = (curve.gx, curve.gy, 1)
    qj: _Jacobian = (q[0], q[1], 1)
    table = {1: g, 2: qj, 3: _add(curve, g, qj)}
    result = _INFINITY
    for i in range(max(u1.bit_length(), u2.bit_length()) - 1, -1, -1):
        result = _double(curve, result)
        index = ((u1 >> i) & 1) | (((u2 >> i) & 1) << 1)
        if index:
            result = _add(curve, result, table[index])
    return result


def affine_x(curve: Curve, point: _Jacobian) -> int | None:
    x, _, z = point
    if z % curve.p == 0:
        return None
    return x * pow(z * z, -1, curve.p) % curve.p


def public_point(curve: Curve, secret: int) -> tuple[int, int]:
    """secret·G (used by tests to check the curve constants against another library)."""
    x, y, z = _multiply(curve, (curve.gx, curve.gy, 1), secret)
    if z == 0:
        raise CurveError("the point at infinity")
    zi = pow(z, -1, curve.p)
    return x * zi * zi % curve.p, y * zi * zi * zi % curve.p


def digest_integer(curve: Curve, digest: bytes) -> int:
    """The hash as an integer, cut to the bit length of the order (SEC 1, 4.1.4)."""
    e = int.from_bytes(digest, "big")
    excess = len(digest) * 8 - curve.n.bit_length()
    return e >> excess if excess > 0 else e


def verify(curve: Curve, q: tuple[int, int], digest: bytes, r: int, s: int) -> bool:
    """True when (r, s) is a valid ECDSA signature of ``digest`` under public point ``q``."""
    n = curve.n
    if not (0 < r < n and 0 < s < n):
        return False
    e = digest_integer(curve, digest)
    w = pow(s, -1, n)
    point = _twin_multiply(curve, e * w % n, r * w % n, q)
    x = affine_x(curve, point)
    return x is not None and x % n == r


@cache
def _named() -> Mapping[str, Curve]:
    text = resources.files("borderpost.documents.chip").joinpath("data/curves.toml").read_text()
    curves = {}
    for name, raw in tomllib.loads(text).items():
        values = {key: int(raw[key], 16) for key in ("p", "a", "b", "gx", "gy", "n")}
        curves[name] = Curve(**values, h=int(raw["h"]), name=name)
    return curves


def named(name: str) -> Curve | None:
    """A curve from ``data/curves.toml`` by name (``brainpoolP256r1``, ``secp256r1`` ...)."""
    return _named().get(name)


def identify(curve: Curve) -> str | None:
    """The name of the standard curve these explicit parameters describe, if any."""
    for name, known in _named().items():
        if known.same_domain(curve):
            return name
    return None
