"""``borderpost chip``: passive authentication of ePassport chips, master lists, trust store.

``chip verify`` exits 0 whatever the verdict (the verdict is in the output), 2 for unusable
arguments; a file that cannot be read gives a report with a ``file_unreadable`` finding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from borderpost.cli.chip_render import masterlist_panel, report_panel
from borderpost.cli.context import console, default_actor, errors, fail, state
from borderpost.documents.chip import (
    ChipFormatError,
    ChipReport,
    RevocationList,
    TrustAnchors,
    check_masterlist,
    load_certificate,
    load_crl,
    verify,
)
from borderpost.documents.chip.findings import Finding, Severity, chip_finding
from borderpost.documents.chip.report import failed
from borderpost.store import UnitOfWork
from borderpost.trust import (
    TrustError,
    import_certificates,
    import_masterlist,
    load_anchors,
    overview,
)

app = typer.Typer(
    help="ePassport chips (ICAO 9303-11 passive authentication), CSCA master lists, trust store.",
    no_args_is_help=True,
)
trust_app = typer.Typer(help="The stored CSCA trust store: import, list.", no_args_is_help=True)
app.add_typer(trust_app, name="trust")


class _Unreadable(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.message = f"{path}: {reason}"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _Unreadable(path, "no such file") from None
    except IsADirectoryError:
        raise _Unreadable(path, "is a directory, not a file") from None
    except OSError as exc:
        raise _Unreadable(path, exc.strerror or "cannot be read") from None


def dg_arguments(values: list[str]) -> dict[int, Path]:
    """``--dg N=FILE`` options by data group number (exit 2 on a malformed one)."""
    groups: dict[int, Path] = {}
    for value in values:
        number, sep, name = value.partition("=")
        if not sep or not number.strip().isdigit() or not name:
            fail(f"--dg {value!r}: write the data group as N=FILE, e.g. --dg 1=EF_DG1.bin")
        n = int(number)
        if not 1 <= n <= 16:
            fail(f"--dg {value!r}: data groups are numbered 1 to 16")
        if n in groups:
            fail(f"--dg {n} is given twice")
        groups[n] = Path(name)
    return groups


def _anchors_from_files(
    masterlists: list[Path], cscas: list[Path], findings: list[Finding]
) -> TrustAnchors:
    anchors = TrustAnchors()
    out_of_band = []
    for path in cscas:
        try:
            cert = load_certificate(_read(path), str(path))
        except ChipFormatError as exc:
            findings.append(chip_finding(exc.code, "csca", exc.message))
            continue
        out_of_band.append(cert)
        anchors.add(cert, f"file {path.name}")
    for path in masterlists:
        try:
            checked = check_masterlist(_read(path), out_of_band)
        except ChipFormatError as exc:
            findings.append(chip_finding(exc.code, "masterlist", f"{path}: {exc.message}"))
            continue
        if not checked.trusted:
            for item in checked.findings:
                findings.append(dataclasses.replace(item, message=f"{path}: {item.message}"))
            continue
        anchors.extend(checked.certificates, f"master list {path.name}")
    return anchors


def _with_findings(report: ChipReport, extra: list[Finding]) -> ChipReport:
    if not extra:
        return report
    errors_found = any(f.severity is Severity.ERROR for f in extra)
    return dataclasses.replace(
        report,
        findings=(*extra, *report.findings),
        authentic=report.authentic and not errors_found,
    )


def _print(report: ChipReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        console.print(report_panel(report))


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    sod: Path = typer.Option(..., "--sod", help="EF.SOD as read from the chip."),
    dg: list[str] = typer.Option(
        [], "--dg", help="A data group as N=FILE (e.g. 1=EF_DG1.bin); repeat for each."
    ),
    masterlist: list[Path] = typer.Option(
        [], "--masterlist", help="A CSCA master list (.ml) to trust once it verifies; repeatable."
    ),
    csca: list[Path] = typer.Option(
        [], "--csca", help="A CSCA or link certificate (DER/PEM) to trust; repeatable."
    ),
    crl: list[Path] = typer.Option([], "--crl", help="A CSCA revocation list; repeatable."),
    mrz: str | None = typer.Option(
        None, "--mrz", help="The printed MRZ (lines joined by \\n), compared with DG1."
    ),
    at: str | None = typer.Option(None, "--at", help="Reference date YYYY-MM-DD for DG1."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object (stable keys)."),
) -> None:
    """Passive authentication: SOD signature, Document Signer chain, data group hashes.

    Without --masterlist or --csca the CSCAs of the stored trust store are used
    (`borderpost chip trust import`).
    """
    groups = dg_arguments(dg)
    reference = None
    if at is not None:
        try:
            reference = dt.date.fromisoformat(at)
        except ValueError:
            fail(f"--at {at!r} is not a date in the form YYYY-MM-DD")
    try:
        sod_bytes = _read(sod)
        data = {n: _read(path) for n, path in groups.items()}
        crl_bytes = [(path, _read(path)) for path in crl]
        extra: list[Finding] = []
        if masterlist or csca:
            anchors = _anchors_from_files(masterlist, csca, extra)
        else:
            with UnitOfWork(state(ctx).store()) as uow:
                anchors = load_anchors(uow.session)
    except _Unreadable as exc:
        _print(failed("file_unreadable", None, exc.message), as_json)
        return
    crls: list[RevocationList] = []
    for path, raw in crl_bytes:
        try:
            crls.append(load_crl(raw))
        except ChipFormatError as exc:
            extra.append(chip_finding(exc.code, "crl", f"{path}: {exc.message}"))
    printed = mrz.replace("\\n", "\n") if mrz is not None else None
    report = verify(sod_bytes, data, anchors=anchors, crls=crls, printed_mrz=printed, at=reference)
    _print(_with_findings(report, extra), as_json)


@app.command("masterlist")
def masterlist_command(
    path: Path = typer.Argument(..., help="The master list (.ml, CMS DER)."),
    csca: list[Path] = typer.Option(
        [], "--csca", help="The publishing State's CSCA, obtained out of band; repeatable."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Verify a CSCA master list and show its CSCA certificates by country."""
    try:
        anchors = [load_certificate(_read(p), str(p)) for p in csca]
        checked = check_masterlist(_read(path), anchors)
    except _Unreadable as exc:
        fail(exc.message)
        return
    except ChipFormatError as exc:
        if as_json:
            print(json.dumps({"error": {"code": exc.code, "message": exc.message}}))
            raise typer.Exit(1) from None
        fail(exc.message, code=1)
        return
    if as_json:
        print(json.dumps(checked.to_dict(), ensure_ascii=False))
    else:
        console.print(masterlist_panel(checked, str(path)))


@trust_app.command("import")
def trust_import(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Master lists (.ml) and CSCA/link certificates (DER or PEM)."
    ),
    anchor: list[Path] = typer.Option(
        [], "--anchor", help="A publishing State's CSCA that anchors a master list's signer."
    ),
    actor: str | None = typer.Option(None, "--actor", help="Who imports (default: OS user)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Import master lists (only when they verify) and CSCA certificates into the trust store.

    Exit 1 and nothing stored when any file is unreadable, malformed or does not verify.
    """
    who = actor or default_actor()
    now = dt.datetime.now(dt.UTC)
    try:
        anchors = [load_certificate(_read(p), str(p)) for p in anchor]
        files = [(p, _read(p)) for p in paths]
    except _Unreadable as exc:
        fail(exc.message)
        return
    except ChipFormatError as exc:
        fail(exc.message)
        return
    summaries = []
    try:
        with UnitOfWork(state(ctx).store()) as uow:
            certificates = []
            for path, data in files:
                if _is_certificate(data):
                    certificates.append((path.name, data))
                    continue
                with errors.status(f"verifying {path.name}", spinner="dots"):
                    summaries.append(
                        import_masterlist(
                            uow.session, data, source=path.name, actor=who, now=now,
                            anchors=anchors,
                        )
                    )  # fmt: skip
            if certificates:
                summaries.append(import_certificates(uow.session, certificates, actor=who, now=now))
            uow.commit()
    except TrustError as exc:
        fail(f"{exc} (nothing was imported)", code=1)
        return
    for summary in summaries:
        if as_json:
            print(json.dumps(summary.to_dict()))
        else:
            console.print(
                f"{summary.source}: {summary.read} certificate(s), {summary.added} added, "
                f"{summary.already_trusted} already trusted; countries "
                f"{', '.join(summary.countries)}",
                highlight=False,
            )


def _is_certificate(data: bytes) -> bool:
    try:
        load_certificate(data)
    except ChipFormatError:
        return False
    return True


@trust_app.command("list")
def trust_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """What is trusted per country, and which countries have no CSCA at all."""
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(state(ctx).store()) as uow:
        trusted, missing = overview(uow.session, now)
    if as_json:
        print(json.dumps({"countries": [c.to_dict() for c in trusted], "without_anchor": missing}))
        return
    table = Table(title="Trusted CSCAs by country")
    for column in ("country", "certificates", "valid now", "latest expiry"):
        table.add_column(column)
    for entry in trusted:
        latest = entry.latest_not_after
        table.add_row(
            entry.country,
            str(entry.certificates),
            Text(str(entry.valid_now), style="green" if entry.valid_now else "red"),
            "" if latest is None else f"{latest:%Y-%m-%d}",
        )
    console.print(table)
    console.print(
        Panel(
            ", ".join(missing) or "none",
            title=f"{len(missing)} countries without a trust anchor",
            border_style="yellow" if missing else "green",
        )
    )
