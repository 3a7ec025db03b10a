"""Rich renderings of chip verification reports and master lists for people."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from borderpost.cli.render import SEVERITY_STYLE
from borderpost.documents.chip import ChipReport, MasterList

_VERDICT = {
    "authentic": ("AUTHENTIC", "bold green"),
    "unverified": ("NOT VERIFIED", "bold yellow"),
    "failed": ("FAILED", "bold red"),
}


def _yes(value: bool) -> Text:
    return Text("yes", style="green") if value else Text("no", style="red")


def report_panel(report: ChipReport) -> Panel:
    label, style = _VERDICT[report.verdict]
    facts = Table(show_header=False, box=None, pad_edge=False)
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("SOD signature valid", _yes(report.sod_signature_valid))
    if report.signature_scheme:
        facts.add_row("signature", report.signature_scheme)
    if report.dsc is not None:
        facts.add_row("document signer", f"{report.dsc.subject} (serial {report.dsc.serial_hex})")
        facts.add_row("issued by", report.dsc.issuer)
    facts.add_row("chain to CSCA valid", _yes(report.chain_valid))
    facts.add_row("trust anchor", report.trust_anchor.subject if report.trust_anchor else "none")
    if report.dg_hash_algorithm:
        facts.add_row("DG hash algorithm", report.dg_hash_algorithm)
    groups = ", ".join(
        f"DG{n} {'ok' if ok else 'MISMATCH'}" for n, ok in sorted(report.dg_matches.items())
    )
    facts.add_row("data groups", groups or "none supplied")
    if report.chip_mrz is not None:
        facts.add_row("chip MRZ", report.chip_mrz.mrz)
    for key in report.chip_keys:
        facts.add_row(f"DG{key.data_group} key", f"{key.purpose}: {key.description}")
    findings = Text()
    for index, item in enumerate(report.findings):
        if index:
            findings.append("\n")
        findings.append(item.code, style=SEVERITY_STYLE[item.severity])
        findings.append(f": {item.message}")
    body = Group(facts, Text(""), findings) if report.findings else facts
    return Panel(body, title=Text(f"chip {label}", style=style), border_style=style.split()[-1])


def masterlist_panel(checked: MasterList, name: str) -> Panel:
    facts = Table(show_header=False, box=None, pad_edge=False)
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("signature valid", _yes(checked.signature_valid))
    facts.add_row("scheme", checked.signature_scheme or "?")
    facts.add_row("signer", checked.signer.subject if checked.signer else "not found")
    facts.add_row("signer chain valid", _yes(checked.signer_chain_valid))
    if checked.signer_anchor is not None:
        facts.add_row("signer anchor", checked.signer_anchor.subject)
    countries = checked.by_country()
    facts.add_row(
        "CSCA certificates", f"{len(checked.certificates)} from {len(countries)} countries"
    )
    table = Table(show_header=True, box=None)
    table.add_column("country", style="bold")
    table.add_column("CSCAs")
    table.add_column("latest expiry")
    for country, certs in countries.items():
        latest = max(c.not_after for c in certs)
        table.add_row(country, str(len(certs)), f"{latest:%Y-%m-%d}")
    findings = Text("\n".join(f"{f.code}: {f.message}" for f in checked.findings), style="red")
    style = "green" if checked.trusted else "red"
    return Panel(Group(facts, Text(""), table, findings), title=name, border_style=style)
