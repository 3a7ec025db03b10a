"""Each kind of defect gives the right finding, with a message a person can act on."""

from __future__ import annotations

import datetime as dt

from borderpost.documents import parse
from borderpost.documents.findings import Severity, catalogue

AT = dt.date(2026, 11, 29)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)


def codes(text: str, at: dt.date = AT) -> set[str]:
    return {f.code for f in parse(text, at=at).findings}


def test_expired_and_valid_are_separate() -> None:
    result = parse(TD3, at=AT)
    assert result.valid
    expired = next(f for f in result.findings if f.code == "expired")
    assert expired.severity is Severity.ERROR
    assert expired.message == "expired on 2012-04-15 (reference date 2026-11-29)"
    assert not parse(TD3, at=dt.date(2011, 1, 1)).has("expired")


def test_not_yet_valid_when_expiry_too_far_ahead() -> None:
    result = parse(TD3, at=dt.date(1999, 1, 1))
    assert result.has("not_yet_valid")
    assert result.expiry_date == dt.date(2012, 4, 15)


def test_expiry_in_next_century() -> None:
    result = parse(TD3, at=dt.date(2095, 6, 1))
    assert result.expiry_date == dt.date(2112, 4, 15)
    assert result.birth_date == dt.date(2074, 8, 12)


def test_birth_century_follows_from_the_expiry() -> None:
    # Born 1925, passport expired 2025: both read 25. No document expires before its holder
    # is born, so the birth date is 1925, not 2025 (and no expiry_before_birth finding).
    old = (
        "P<BENMARECHAL<<LAURENT<<<<<<<<<<<<<<<<<<<<<<\nBU31952678BEN2511052M2502151<<<<<<<<<<<<<<<8"
    )
    result = parse(old, at=dt.date(2026, 1, 16))
    assert result.birth_date == dt.date(1925, 11, 5)
    assert {f.code for f in result.findings} == {"expired"}
    # Where the earlier century would make the holder older than 120, the dates stand.
    assert parse(old, at=dt.date(2046, 1, 16)).has("expiry_before_birth")


def test_check_digit_message_names_both_digits() -> None:
    bad = TD3.replace("1204159", "1204154")
    result = parse(bad, at=AT)
    assert not result.valid
    assert result.checks["expiry_date"] is False
    messages = [f.message for f in result.findings if f.code == "check_digit_mismatch"]
    assert "expiry date check digit is 4, computed 9" in messages
    assert "composite check digit is 0, computed 5" in messages


def test_lowercase_and_whitespace_are_cleaned_with_findings() -> None:
    text = "  " + TD3.lower().replace("\n", "  \n\n  ") + "\n"
    result = parse(text, at=AT)
    assert result.valid
    assert {"lowercase", "whitespace_removed"} <= {f.code for f in result.findings}


def test_single_line_is_split() -> None:
    result = parse(TD3.replace("\n", ""), at=AT)
    assert result.type == "TD3" and result.valid
    assert result.has("single_line_split")


def test_wrong_characters() -> None:
    result = parse(TD3.replace("ERIKSSON", "ERIK$SON"), at=AT)
    assert not result.valid
    finding = next(f for f in result.findings if f.code == "invalid_character")
    assert finding.field == "name" and "line 1, position 10" in finding.message
    result = parse(TD3.replace("7408122", "74O8122"), at=AT)
    assert result.has("character_class") and not result.valid


def test_missing_line_and_wrong_lengths() -> None:
    assert codes(TD3.split("\n")[0]) == {"line_count"}
    message = parse(TD3[:-1], at=AT).findings[0].message
    assert "44, 43" in message and "TD3/MRVA" in message
    assert codes("") == {"empty_input"}
    assert codes("\n\n  \n") == {"empty_input"}


def test_sex_values() -> None:
    x = TD3.replace("7408122F", "7408122X")
    assert "sex_x" in codes(x)
    assert parse(x, at=AT).valid
    q = TD3.replace("7408122F", "7408122Q")
    assert "sex_invalid" in codes(q)
    assert not parse(q, at=AT).valid


def test_germany_d_and_nonstandard_codes() -> None:
    german = (
        "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"
    )
    result = parse(german, at=AT)
    assert result.valid, result.findings
    assert (result.issuing_state, result.nationality) == ("D", "D")
    assert result.issuing_state_name is not None and "Germany" in result.issuing_state_name
    wrong = german.replace("P<D<<", "P<DE<")
    result = parse(wrong, at=AT)
    finding = next(f for f in result.findings if f.code == "issuing_state_nonstandard")
    assert "D<<" in finding.message
    unknown = german.replace("P<D<<", "P<QQQ")
    assert "issuing_state_unknown" in codes(unknown)


def test_extension_codes_are_known() -> None:
    for code in ("XXA", "XXB", "XXC", "XXX", "RKS", "EUE", "UNO", "UNA", "UNK", "GBD", "XPO"):
        text = TD3.replace("UTO7408", f"{code}7408")
        assert "nationality_unknown" not in codes(text), code


def test_partial_birth_date() -> None:
    from borderpost.documents import MrzFields, make_mrz

    text = make_mrz(
        MrzFields(
            type="TD3",
            document_code="P",
            issuing_state="XXA",
            surname="DOE",
            given_names="JANE",
            document_number="X1234567",
            nationality="SOM",
            birth_date=dt.date(1990, 1, 1),
            sex="F",
            expiry_date=dt.date(2030, 1, 1),
        )
    )
    from borderpost.documents.checks import format_check_digit

    line2 = text.split("\n")[1]
    line2 = line2[:13] + "90<<<<" + format_check_digit("90<<<<") + line2[20:]
    body = line2[0:10] + line2[13:20] + line2[21:43]
    line2 = line2[:43] + format_check_digit(body)
    result = parse(text.split("\n")[0] + "\n" + line2, at=AT)
    assert result.birth_date is None
    assert result.valid
    finding = next(f for f in result.findings if f.code == "birth_date_incomplete")
    assert "1990" in finding.message


def test_invalid_calendar_dates() -> None:
    from borderpost.documents.checks import format_check_digit

    line1, line2 = TD3.split("\n")
    line2 = line2[:13] + "740231" + format_check_digit("740231") + line2[20:]
    result = parse(f"{line1}\n{line2}", at=AT)
    assert result.birth_date is None and not result.valid
    assert result.has("birth_date_invalid")


def test_truncated_name_flagged() -> None:
    result = parse(TD1.replace("ERIKSSON<<ANNA<MARIA<<<<<<<<<<", "VAN<DER<STEEN<<MARIANNE<LOUISE"))
    assert result.name_truncated_possible and result.has("name_truncated_possible")
    assert result.surname == "VAN DER STEEN"


def test_td1_extended_number_both_conventions() -> None:
    icao = (
        "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\n"
        "STEVENSON<<PETER<JOHN<<<<<<<<<"
    )
    result = parse(icao, at=AT)
    assert result.valid and result.document_number == "D23145890734"
    assert result.document_number_extended
    # A number whose check digit only agrees when the filler is counted (weights shift).
    from borderpost.documents.checks import check_digit

    head, overflow = "AB1234567", "12"
    digit = check_digit(f"{head}<{overflow}")
    assert digit != check_digit(head + overflow)
    line1 = f"I<UTO{head}<{overflow}{digit}".ljust(30, "<")
    line2 = "3407127M9507122UTO<<<<<<<<<<<"
    composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    text = f"{line1}\n{line2}{composite}\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
    result = parse(text, at=AT)
    assert result.valid and result.document_number == "AB123456712"
    assert result.has("document_number_extension_convention")


def test_extension_missing() -> None:
    text = TD1.replace("D231458907<<<", "D23145890<<<<")
    result = parse(text, at=AT)
    assert result.has("document_number_extension_missing") and not result.valid


def test_every_emitted_code_is_catalogued() -> None:
    known = set(catalogue())
    samples = [TD3, TD1, TD3.lower(), TD3[:-3], "garbage", TD3.replace("F", "Q")]
    for text in samples:
        assert codes(text) <= known
