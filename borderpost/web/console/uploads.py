"""Files sent with a console form: the chip's EF.SOD and data groups, a face image, prints.

Each is checked before anything is stored, and a file that cannot be used comes back as a
:class:`~borderpost.web.console.forms.FormError` naming the field and what is wrong.
"""

from __future__ import annotations

import re

from starlette.datastructures import FormData, UploadFile

from borderpost.biometrics import BiometricFormatError, decode_image
from borderpost.biometrics.fingerprint import FINGERS, finger_name
from borderpost.inspection import ChipData
from borderpost.inspection.chip import MAX_FILE_BYTES
from borderpost.inspection.fingers import FingerprintProbe
from borderpost.watchlists.fingerprints import MAX_FINGERPRINT_BYTES
from borderpost.web.console.forms import FormError

__all__ = ["chip_files", "face_image", "file_bytes", "fingerprint_files"]

#: A data group file is named by its number: ``DG2``, ``EF_DG2.bin``, ``dg14.der``...
_DG_NAME = re.compile(r"(?:^|[^A-Za-z])DG(\d{1,2})(?!\d)", re.IGNORECASE)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def _uploads(form: FormData, name: str) -> list[UploadFile]:
    found = []
    for value in form.getlist(name):
        if isinstance(value, str):
            if value:
                raise FormError(name, "this field takes a file")
            continue
        if value.filename:
            found.append(value)
    return found


def _read(upload: UploadFile, name: str, max_bytes: int, what: str) -> bytes:
    data = upload.file.read(max_bytes + 1)
    if not data:
        raise FormError(name, f"{what} ({upload.filename}) is empty")
    if len(data) > max_bytes:
        raise FormError(name, f"{what} ({upload.filename}) is larger than {_mb(max_bytes)}")
    return data


def file_bytes(form: FormData, name: str, *, max_bytes: int, what: str) -> bytes | None:
    """The one file of field ``name`` (None when no file was chosen).

    Raises:
        FormError: text instead of a file, several files, empty, or larger than ``max_bytes``.
    """
    uploads = _uploads(form, name)
    if not uploads:
        return None
    if len(uploads) > 1:
        raise FormError(name, f"choose one file for {what}")
    return _read(uploads[0], name, max_bytes, what)


def face_image(form: FormData, name: str, *, max_bytes: int, what: str) -> bytes | None:
    """The face image of field ``name``, decoded once to refuse what is not an image.

    Raises:
        FormError: as :func:`file_bytes`, or not a readable JPEG, PNG or JPEG 2000.
    """
    data = file_bytes(form, name, max_bytes=max_bytes, what=what)
    if data is None:
        return None
    try:
        decode_image(data, what)
    except BiometricFormatError as exc:
        raise FormError(name, exc.message) from None
    return data


def chip_files(form: FormData, sod_field: str, groups_field: str) -> ChipData | None:
    """EF.SOD and the data groups read from the chip (None when neither was chosen).

    Data group files are named by their number (``DG1.bin``, ``EF_DG2.bin``).

    Raises:
        FormError: data groups without EF.SOD, a file named without its data group number,
            the same data group twice, or a file too large for a chip.
    """
    sod = file_bytes(form, sod_field, max_bytes=MAX_FILE_BYTES, what="EF.SOD")
    groups: dict[int, bytes] = {}
    for upload in _uploads(form, groups_field):
        name = upload.filename or ""
        found = _DG_NAME.search(name)
        if found is None or not 1 <= int(found.group(1)) <= 16:
            raise FormError(
                groups_field,
                f"{name!r}: name each data group file by its number, e.g. DG1.bin, EF_DG2.bin",
            )
        number = int(found.group(1))
        if number in groups:
            raise FormError(groups_field, f"data group {number} was chosen twice")
        groups[number] = _read(upload, groups_field, MAX_FILE_BYTES, f"DG{number}")
    if sod is None:
        if groups:
            raise FormError(sod_field, "the data groups need the chip's EF.SOD to be verified")
        return None
    return ChipData(sod=sod, data_groups=groups)


def fingerprint_files(form: FormData, prefix: str = "finger_") -> list[FingerprintProbe]:
    """The prints of fields ``finger_1`` ... ``finger_10`` (one per finger position).

    Their content is checked by the inspection (an unusable print is a finding there).

    Raises:
        FormError: as :func:`file_bytes`.
    """
    probes = []
    for code in FINGERS:
        name = f"{prefix}{code}"
        data = file_bytes(
            form, name, max_bytes=MAX_FINGERPRINT_BYTES, what=f"the {finger_name(code)} print"
        )
        if data is not None:
            probes.append(FingerprintProbe(code, data))
    return probes
