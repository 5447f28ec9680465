"""The corpus manifest (``corpus.toml``): read, validate, refuse bad entries.

A manifest problem (unreadable TOML, duplicate ids, a missing field or file,
an unknown kind, a path escaping the corpus folder) stops the build before
anything is written: the manifest does not describe the corpus, so no
database built from it can be trusted. A file that exists but cannot be read
is reported per document by the extraction stage, so the other documents are
still built.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from extract.errors import ManifestError
from extract.records import DocumentInfo

MANIFEST_NAME = "corpus.toml"
REQUIRED = ("id", "file", "organisation", "region", "period", "kind", "languages", "title")
KINDS = ("strategy", "service-strategy", "evaluation", "slides", "report", "plan")
LANGUAGES = ("fi", "sv", "en")
SUFFIXES = (".pdf", ".pptx", ".txt")


def load_manifest(corpus_dir: str | Path) -> list[DocumentInfo]:
    """Read and validate ``corpus.toml`` in ``corpus_dir``.

    >>> docs = load_manifest("corpus")
    >>> docs[0].id
    'luvn-vammaisneuvosto-2025-dia'

    :param corpus_dir: the folder holding ``corpus.toml`` and the documents
    :raises ManifestError: with a one-line reason naming the manifest and entry
    """
    corpus = Path(corpus_dir)
    path = corpus / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError("E001", "no corpus.toml in the corpus folder", str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError("E001", f"cannot read manifest: {exc}", str(path)) from exc
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise ManifestError("E002", "no [[document]] entries", str(path))
    docs = [_validate_entry(corpus, path, i, entry) for i, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise ManifestError("E002", f"duplicate document id {doc.id!r}", str(path))
        seen.add(doc.id)
    return docs


def resolve_file(corpus_dir: str | Path, info: DocumentInfo) -> Path:
    """The absolute path of a manifest entry's file (already checked to stay inside the corpus)."""
    return (Path(corpus_dir) / info.file).resolve()


def _validate_entry(corpus: Path, path: Path, index: int, entry: Any) -> DocumentInfo:
    where = f"document #{index}"
    if not isinstance(entry, dict):
        raise ManifestError("E002", f"{where} is not a table", str(path))
    missing = [name for name in REQUIRED if not entry.get(name)]
    if missing:
        raise ManifestError("E002", f"{where} lacks required field(s): {', '.join(missing)}", str(path))
    where = f"document {entry['id']!r}"
    for name in REQUIRED:
        if name != "languages" and not isinstance(entry[name], str):
            raise ManifestError("E002", f"{where}: {name} must be a string", str(path))
    if entry["kind"] not in KINDS:
        raise ManifestError(
            "E002", f"{where}: unknown kind {entry['kind']!r} (known: {', '.join(KINDS)})", str(path)
        )
    languages = entry["languages"]
    if not isinstance(languages, list) or not all(lang in LANGUAGES for lang in languages):
        raise ManifestError("E002", f"{where}: languages must be a list of {LANGUAGES}", str(path))
    _check_inside(corpus, path, where, entry["file"])
    if Path(entry["file"]).suffix.lower() not in SUFFIXES:
        raise ManifestError(
            "E002", f"{where}: file type {Path(entry['file']).suffix!r} is not one of {SUFFIXES}", str(path)
        )
    if not (corpus / entry["file"]).is_file():
        raise ManifestError("E101", f"{where}: file not found", str(corpus / entry["file"]))
    known = set(REQUIRED) | {"source_url", "original_file"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ManifestError("E002", f"{where}: unknown field(s) {', '.join(unknown)}", str(path))
    return DocumentInfo(
        id=entry["id"],
        file=entry["file"],
        organisation=entry["organisation"],
        region=entry["region"],
        period=entry["period"],
        kind=entry["kind"],
        languages=tuple(languages),
        title=entry["title"],
        source_url=entry.get("source_url"),
        original_file=entry.get("original_file"),
    )


def _check_inside(corpus: Path, path: Path, where: str, file: str) -> None:
    """Refuse absolute paths, ``..`` and symlinks that lead out of the corpus folder."""
    if Path(file).is_absolute() or ".." in Path(file).parts:
        raise ManifestError("E002", f"{where}: file {file!r} escapes the corpus folder", str(path))
    root = corpus.resolve()
    target = (corpus / file).resolve()
    if root != target and root not in target.parents:
        raise ManifestError("E002", f"{where}: file {file!r} leads out of the corpus folder", str(path))
