"""Chip verification speed: passive authentications per second, master list import time.

    .venv/bin/python bench/chip.py [--seconds 3]

Each scheme runs the whole of :func:`borderpost.documents.chip.verify` on a test PKI made
here (CSCA -> Document Signer -> EF.SOD over DG1 and DG2): SOD signature, Document Signer
certificate signature under the CSCA, DG hashes and the DG1 MRZ read. ``brainpool`` keys
carry explicit domain parameters, so both signatures go through our own curve arithmetic;
the raw ECDSA line compares that arithmetic with OpenSSL on the same curve. The Dutch master
list (../shared/data/chip) is verified and imported into a fresh SQLite trust store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from peers import machine
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from borderpost.config import Settings  # noqa: E402
from borderpost.documents import MrzFields, make_mrz  # noqa: E402
from borderpost.documents.chip import (  # noqa: E402
    TrustAnchors,
    check_masterlist,
    ecdsa,
    load_certificate,
    verify,
)
from borderpost.documents.chip.publickey import digest  # noqa: E402
from borderpost.store import UnitOfWork, open_store  # noqa: E402
from borderpost.trust import import_masterlist  # noqa: E402
from tests.documents.chip import pki  # noqa: E402

CHIP = ROOT.parent / "shared" / "data" / "chip"
MRZ = make_mrz(
    MrzFields(
        type="TD3", document_code="P", issuing_state="NLD", surname="De Vries",
        given_names="Anna", document_number="NX4C81P02", nationality="NLD",
        birth_date=dt.date(1990, 3, 14), sex="F", expiry_date=dt.date(2030, 1, 31),
    )
)  # fmt: skip


def rate(work: Callable[[], object], seconds: float) -> tuple[float, int]:
    """Operations per second (median of per-batch rates) and how many were run."""
    rates: list[float] = []
    done = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or done < 3:
        start = time.perf_counter()
        work()
        rates.append(1.0 / (time.perf_counter() - start))
        done += 1
    return statistics.median(rates), done


def verification(kind: pki.KeyKind) -> Callable[[], object]:
    csca = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key(kind), ca=True)
    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key(kind, 1), issuer=csca)
    groups = {1: pki.dg1(MRZ), 2: pki.data_group(2, bytes(20_000))}
    sod = pki.sod(pki.SodSpec(groups, ds))
    anchors = TrustAnchors()
    anchors.add(load_certificate(csca.der), "bench")
    report = verify(sod, groups, anchors=anchors)
    assert report.authentic, report.findings
    return lambda: verify(sod, groups, anchors=anchors)


def raw_ecdsa() -> tuple[Callable[[], object], Callable[[], object]]:
    key = ec.generate_private_key(ec.BrainpoolP256R1())
    message = b"signed attributes"
    signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(signature)
    numbers = key.public_key().public_numbers()
    curve = ecdsa.named("brainpoolP256r1")
    assert curve is not None
    point = (numbers.x, numbers.y)
    hashed = digest("sha256", message)
    assert ecdsa.verify(curve, point, hashed, r, s)
    public = key.public_key()
    return (
        lambda: ecdsa.verify(curve, point, hashed, r, s),
        lambda: public.verify(signature, message, ec.ECDSA(hashes.SHA256())),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measured case")
    args = parser.parse_args()
    console = Console()
    console.print(f"[bold]chip verification[/] on {machine()}")
    table = Table(title="passive authentications per second (whole verify(), median)")
    for column in ("case", "per second", "ms each", "runs"):
        table.add_column(column, justify="right" if column != "case" else "left")
    labels = {
        "rsa": "RSA-2048 PKCS#1 v1.5",
        "pss": "RSA-2048 PSS",
        "p256": "ECDSA P-256 (OpenSSL)",
        "brainpool": "ECDSA brainpoolP256r1 explicit (own arithmetic)",
    }
    for kind, label in labels.items():
        per_second, runs = rate(verification(kind), args.seconds)  # type: ignore[arg-type]
        table.add_row(label, f"{per_second:,.0f}", f"{1000 / per_second:.2f}", str(runs))
    real = (CHIP / "sod/etsi_EF_SOD.bin").read_bytes()
    dg1 = (CHIP / "dg/etsi_EF_DG1.bin").read_bytes()
    per_second, runs = rate(lambda: verify(real, {1: dg1}), args.seconds)
    table.add_row("ETSI reference SOD (PSS, no anchor)", f"{per_second:,.0f}",
                  f"{1000 / per_second:.2f}", str(runs))  # fmt: skip
    own, openssl = raw_ecdsa()
    for label, work in (("raw ECDSA brainpoolP256r1: own arithmetic", own),
                        ("raw ECDSA brainpoolP256r1: OpenSSL", openssl)):  # fmt: skip
        per_second, runs = rate(work, args.seconds)
        table.add_row(label, f"{per_second:,.0f}", f"{1000 / per_second:.2f}", str(runs))
    console.print(table)

    data = (CHIP / "masterlists/NL_ML_2026-07-22.ml").read_bytes()
    start = time.perf_counter()
    checked = check_masterlist(data)
    verified = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Settings(database_url=f"sqlite:///{folder}/trust.db"), auto_migrate=True)
        start = time.perf_counter()
        with UnitOfWork(store) as uow:
            summary = import_masterlist(
                uow.session, data, source="NL", actor="bench", now=dt.datetime.now(dt.UTC)
            )
            uow.commit()
        imported = time.perf_counter() - start
        store.dispose()
    console.print(
        f"Dutch master list ({len(data) / 1024:.0f} kB, {len(checked.certificates)} CSCAs, "
        f"{len(checked.by_country())} countries): verify + parse {verified:.2f} s; "
        f"import into SQLite trust store {imported:.2f} s ({summary.added} added)"
    )


if __name__ == "__main__":
    main()
