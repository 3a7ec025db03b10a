"""Trust anchors in memory: CSCA and link certificates a verification may chain to.

Built from verified master lists, single CSCA files or the stored trust store
(:mod:`borderpost.trust`). A CSCA is looked up by the issuer name of the certificate it
signed (compared order- and case-insensitively) and, when both are present, the authority
key identifier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from borderpost.documents.chip.certificate import Certificate


@dataclass(frozen=True, slots=True)
class Anchor:
    certificate: Certificate
    source: str


@dataclass(slots=True)
class TrustAnchors:
    """A set of trusted CSCA certificates (deduplicated by fingerprint)."""

    _by_fingerprint: dict[str, Anchor] = field(default_factory=dict)
    _by_subject: dict[frozenset[tuple[str, str]], list[Anchor]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, certificate: Certificate, source: str) -> bool:
        """Trust ``certificate``; False when it was already trusted."""
        if certificate.fingerprint in self._by_fingerprint:
            return False
        anchor = Anchor(certificate, source)
        self._by_fingerprint[certificate.fingerprint] = anchor
        self._by_subject[certificate.subject_key].append(anchor)
        return True

    def extend(self, certificates: Iterable[Certificate], source: str) -> int:
        return sum(self.add(cert, source) for cert in certificates)

    def __len__(self) -> int:
        return len(self._by_fingerprint)

    def issuers_of(self, certificate: Certificate) -> list[Anchor]:
        """Anchors that may have issued ``certificate``: same name; matching key id first."""
        candidates = list(self._by_subject.get(certificate.issuer_key, ()))
        aki = certificate.authority_key_identifier
        if aki is not None:
            candidates.sort(key=lambda anchor: anchor.certificate.key_identifier != aki)
        return candidates

    def by_country(self) -> Mapping[str, tuple[Anchor, ...]]:
        grouped: dict[str, list[Anchor]] = defaultdict(list)
        for anchor in self._by_fingerprint.values():
            grouped[anchor.certificate.country or "??"].append(anchor)
        return {country: tuple(grouped[country]) for country in sorted(grouped)}

    def countries(self) -> frozenset[str]:
        return frozenset(self.by_country())
