"""HTTPS between a post and HQ: uvicorn with a self-signed certificate (made here with
``cryptography``), trusted by the post through ``sync_ca_file``; an untrusted one is refused."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from borderpost.config import Settings
from borderpost.store import UnitOfWork
from borderpost.sync.client import HqClient, push
from borderpost.sync.errors import SyncTransportError
from borderpost.sync.loop import sync_once
from borderpost.sync.node import init_post
from borderpost.web import create_app
from tests.sync.checks import assert_hq_holds
from tests.sync.conftest import Hq, PostFactory, ServerThread, free_port
from tests.sync.world import NOW, record_crossings


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "borderpost-hq.test")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "hq.pem", folder / "hq.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_a_post_pushes_over_https_to_the_hq_it_trusts(
    hq: Hq, make_post: PostFactory, tmp_path: Path, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("TLS is the same whatever HQ's database; tested once")
    cert, key = self_signed(tmp_path)
    port = free_port()
    app = create_app(hq.settings, store=hq.store)
    kas = make_post("KAS")
    record_crossings(kas, "KAS", 15, seed=3)
    url = f"https://127.0.0.1:{port}"
    with ServerThread(app, port, ssl_certfile=str(cert), ssl_keyfile=str(key)):
        untrusting = HqClient(url, hq.keys["KAS"], timeout=5)
        with pytest.raises(SyncTransportError, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
            push(kas, untrusting)
        untrusting.close()
        with UnitOfWork(kas) as uow:
            init_post(uow.session, code="KAS", hq_url=url, key=hq.keys["KAS"], actor="t", now=NOW)
            uow.commit()
        assert not sync_once(kas, Settings(sync_ca_file=cert))  # pushed; no lists to pull
    assert_hq_holds(hq.store, kas, "KAS")
