"""Is the file a readable .pptx package? One-line reasons for every way it is not.

A missing file is E101; what cannot be a readable .pptx (not a zip, a legacy
OLE .ppt, a truncated zip, a zip without the parts a deck needs, corrupt
XML) is E102; an encrypted (password-protected) deck is E103.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO, Callable, Optional, TypeVar

from lxml import etree
from pptx.exc import PackageNotFoundError

from extract.errors import ExtractionError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

T = TypeVar("T")


def check_file(path: Path) -> None:
    """Raise E101 for a missing file and E102/E103 for what cannot be a readable .pptx.

    :param path: the file to read.
    """
    if not path.exists():
        raise ExtractionError("E101", "file not found", str(path))
    if not path.is_file():
        raise ExtractionError("E102", "not a regular file", str(path))
    try:
        with path.open("rb") as handle:
            problem = _container_problem(handle.read(len(_OLE_MAGIC)), handle)
    except OSError as exc:
        raise ExtractionError("E102", f"cannot read file ({exc.strerror})", str(path)) from exc
    if problem is not None:
        raise ExtractionError(*problem, str(path))


def _container_problem(head: bytes, handle: BinaryIO) -> Optional[tuple[str, str]]:
    """``(code, reason)`` when the file is no zip package, else ``None``.

    An encrypted OOXML file is an OLE compound file holding an
    ``EncryptionInfo`` stream; a zip without its central directory at the end
    was cut short.
    """
    if head == _OLE_MAGIC:
        if _ENCRYPTION_STREAM in handle.read():
            return "E103", "encrypted (password-protected) PowerPoint file"
        return "E102", "OLE compound file (legacy .ppt?), not a .pptx zip package"
    if zipfile.is_zipfile(handle):
        return None
    if head.startswith(_ZIP_MAGIC):
        return "E102", "truncated or damaged zip: no central directory at the end"
    return "E102", "not a zip archive, so not a .pptx package"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, prefixed by its type name.

    Example: ``KeyError: "no member '/[Content_Types].xml' in package"``.
    """
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"


def guarded(path: Path, read: Callable[[], T]) -> T:
    """``read()``, with every library error turned into an E102 :class:`ExtractionError`.

    :param path: the file being read (named in the error).
    :param read: the reading itself.
    """
    try:
        return read()
    except zipfile.BadZipFile as exc:
        reason = f"damaged zip ({_one_line(exc)})"
    except PackageNotFoundError as exc:
        reason = f"not a .pptx package ({_one_line(exc)})"
    except KeyError as exc:
        reason = f"zip lacks a part a .pptx needs ({_one_line(exc)})"
    except etree.LxmlError as exc:
        reason = f"corrupt XML in the deck ({_one_line(exc)})"
    except Exception as exc:  # noqa: BLE001 - the contract: no raw exception escapes a reader
        reason = f"unreadable .pptx ({_one_line(exc)})"
    raise ExtractionError("E102", reason, str(path))
