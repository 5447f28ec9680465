"""A cache of extraction results, so that a rebuild does not extract unchanged documents again.

An entry's key is made of the source file's sha256, its manifest entry, the
page limit and a code version: a hash of every file of the ``extract``
package, the versions of the libraries that read and analyse the files, and
the OCR engine. Changing any of them changes the key, so a stale result is
never returned. Entries live in a subfolder per code version, and opening
the cache deletes the subfolders of other versions, so it holds no more than
one result per document and setting. Entries are pickles of the records
(loading one is several times faster than rebuilding them from JSON), read by
an unpickler that admits no class but the document model's records, so
loading an entry runs no code; an entry is written to a temporary file and
moved into place, so a killed build leaves no half-written entry; temporaries
of killed builds are removed when the cache is opened. A cache that cannot be
read or written is only slower.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Iterator, Optional

from extract import records
from extract.fi_morphology import voikko_engine
from extract.readers.ocr import ocr_engine
from extract.records import DocumentInfo, ExtractedDocument

CACHE_DIR_NAME = ".strategy-kb-cache"
_TMP_MARK = ".tmp-"
_VERSION_DIR = re.compile(r"[0-9a-f]{16}")  # only such folders are removed, whatever else the folder holds
_LIBRARIES = (
    "pdfplumber", "pdfminer.six", "pypdfium2", "python-pptx", "pyvoikko", "libvoikko", "spacy", "spacy-lookups-data",
    "langdetect", "wordfreq",
)


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, or ``""`` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)  # hashes the package and asks Tesseract: once per process, not per document
def code_version() -> str:
    """A hash of what decides an extraction result besides the file: the code, libraries, OCR and Voikko engines."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    digest.update(f"ocr={ocr_engine()}\nvoikko={voikko_engine()}".encode())
    return digest.hexdigest()


def result_origin(doc: ExtractedDocument, max_pages: Optional[int]) -> str:
    """What decided an extraction result: the key of its file's bytes, manifest entry, page limit and code, and its error.

    Equal origins, equal results: extraction is deterministic, and a document
    that timed out or crashed (which depends on the machine, not the key) differs by its error.
    """
    return f"{ExtractionCache.key(doc.info, doc.sha256, max_pages)} {doc.error or ''}"


class _RecordUnpickler(pickle.Unpickler):
    """Unpickles the document model's records and nothing else: any other class or function fails the load."""

    def find_class(self, module: str, name: str) -> type:
        record = getattr(records, name, None) if module == records.__name__ else None
        if not (isinstance(record, type) and dataclasses.is_dataclass(record)):
            raise pickle.UnpicklingError(f"not a record of the document model: {module}.{name}")
        return record


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector within the block: a cache entry being loaded, or linking.

    Both make many objects at once, and every collection they set off walks
    the objects of the whole process (the documents and links already in
    memory): a large entry loads several times faster without. What they
    make holds no reference cycles, so reference counting frees it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Leave the objects alive now out of the collector's walks until the block ends (``gc.freeze``).

    For objects that live through the block, such as the extracted documents while they are linked
    and written: the collections set off by the block's own objects need not walk them.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def load_document(data: bytes) -> ExtractedDocument:
    """The extraction result a cache entry holds (:meth:`ExtractionCache.put` wrote it).

    :raises pickle.UnpicklingError: when the data holds anything but the records, or no :class:`ExtractedDocument`
    """
    with collector_paused():
        doc = _RecordUnpickler(io.BytesIO(data)).load()
    if not isinstance(doc, ExtractedDocument):
        raise pickle.UnpicklingError(f"not an extraction result: {type(doc).__name__}")
    return doc


class ExtractionCache:
    """Extraction results in a folder, one pickle file per key; counts its hits and stores.

    :param folder: the cache folder (created on the first store)
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.entries = open_version_folder(self.folder, code_version()[:16], _VERSION_DIR)
        self.hits = 0
        self.stores = 0

    @staticmethod
    def key(info: DocumentInfo, sha256: str, max_pages: Optional[int]) -> str:
        """The key of a document's result: its file's hash, manifest entry, page limit and the code version."""
        payload = {"info": dataclasses.asdict(info), "sha256": sha256, "max_pages": max_pages, "code": code_version()}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def path(self, key: str) -> Path:
        """The file an entry is stored in."""
        return self.entries / f"{key}.pickle"

    def get(self, key: str) -> Optional[ExtractedDocument]:
        """The stored result, or ``None``; an entry that cannot be read is deleted."""
        path = self.path(key)
        try:
            doc = load_document(path.read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - damaged data makes the unpickler raise almost anything; the entry is dropped
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return doc

    def put(self, key: str, doc: ExtractedDocument) -> None:
        """Store a result atomically; a failure to write leaves the cache as it was."""
        self.stores += write_atomically(self.path(key), pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


def open_version_folder(folder: Path, version: str, version_names: re.Pattern) -> Path:
    """``folder / version``, after removing the other versions' folders and temporaries left by a killed write.

    Only subfolders whose whole name matches ``version_names`` count as versions, whatever else ``folder`` holds.
    """
    entries = folder / version
    for other in folder.glob("*"):
        if other.is_dir() and other != entries and version_names.fullmatch(other.name):
            shutil.rmtree(other, ignore_errors=True)
    for stale in entries.glob(f".*{_TMP_MARK}*"):
        stale.unlink(missing_ok=True)
    return entries


def write_atomically(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) to a temporary file beside ``path`` and move it there; ``False`` (nothing written) on failure.

    The temporary file is named ``.<stem>.tmp-<pid>``: what a cache removes when it is opened.
    """
    tmp = path.with_name(f".{path.stem}{_TMP_MARK}{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True
