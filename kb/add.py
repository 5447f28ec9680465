"""``strategy-kb add``: propose a file's manifest entry and append it to ``corpus.toml`` for review.

Each inferred field carries a comment saying where it came from; a field that
could not be inferred is written commented out with a note, so ``build``
refuses the entry until someone fills it in. A file whose sha256 is already in
the manifest is refused. What was proposed is kept in ``corpus.proposed.json``,
so the build can tell which fields are still as inferred and show their origin.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path

from extract.errors import ExtractionError
from extract.manifest import MANIFEST_NAME, REQUIRED
from extract.records import DocumentInfo
from extract.metadata import Proposal, propose, slug
from extract.pipeline import read_source


def sha256(path: Path) -> str:
    """The file's sha256 in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_entries(corpus: Path) -> list[dict]:
    """The ``[[document]]`` tables of ``corpus/corpus.toml`` (none when it is missing)."""
    path = corpus / MANIFEST_NAME
    if not path.is_file():
        return []
    return [e for e in tomllib.loads(path.read_text(encoding="utf-8")).get("document", []) if isinstance(e, dict)]


def known_files(corpus: Path, entries: list[dict]) -> dict[str, str]:
    """sha256 → manifest file name of every listed file that exists."""
    known = {}
    for entry in entries:
        file = corpus / str(entry.get("file", ""))
        if entry.get("file") and file.is_file():
            known.setdefault(sha256(file), str(entry["file"]))
    return known


def unique_id(proposal: Proposal, file: Path, taken: set[str]) -> str:
    """A slug of organisation (its region), kind and period, or of the file name; unique among ``taken``."""
    region = proposal.fields.get("region")
    parts = [region.value if region else file.stem, proposal.fields["kind"].value]
    if "period" in proposal.fields:
        parts.append(proposal.fields["period"].value)
    base = slug(" ".join(parts))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def entry_text(proposal: Proposal, file_name: str, entry_id: str, origin_of_id: str) -> str:
    """The ``[[document]]`` entry as TOML, a comment on every field."""
    lines = ["", "[[document]]", f"# proposed by `strategy-kb add` from {file_name}: check every field, then delete this line"]
    values = {"id": (entry_id, origin_of_id), "file": (file_name, "the file added")}
    values.update({name: (f.value, f.origin) for name, f in proposal.fields.items()})
    for name in REQUIRED:
        if name in values:
            value, origin = values[name]
            lines.append(f"{name} = {json.dumps(value, ensure_ascii=False)}  # {origin}")
        else:
            lines.append(f'# {name} = ""  # not inferred: {proposal.missing.get(name, "unknown")}')
    return "\n".join(lines) + "\n"


def add_file(corpus: Path, file: Path, taken_ids: set[str], known: dict[str, str]) -> tuple[str, str]:
    """Propose ``file``'s entry and append it to the manifest; returns (status, message).

    status is ``added``, ``refused`` (the same file is listed) or ``error`` (the file cannot be
    read; message is the one-line error ``build`` gives). A file outside ``corpus`` is copied in.
    """
    digest = sha256(file)
    if digest in known:
        return "refused", f"refused {file}: the same file (sha256 {digest[:12]}…) is already listed as {known[digest]}"
    target = corpus / file.name
    copied = file.resolve() != target.resolve()
    if copied:
        if target.exists():
            return "refused", f"refused {file}: {target} exists and is another file"
        shutil.copyfile(file, target)
    try:
        source = read_source(target.resolve())
    except ExtractionError as exc:
        if copied:
            target.unlink()
        return "error", f"error {exc.one_line()}"
    proposal = propose(source, target.name)
    region = proposal.fields.get("region")
    entry_id = unique_id(proposal, target, taken_ids)
    origin = "from region, kind and period" if region else "from the file name, kind and period"
    manifest = corpus / MANIFEST_NAME
    with manifest.open("a", encoding="utf-8") as out:
        out.write(entry_text(proposal, target.name, entry_id, origin))
    _record(corpus, entry_id, {"id": (entry_id, origin), **{k: (f.value, f.origin) for k, f in proposal.fields.items()}})
    taken_ids.add(entry_id)
    known[digest] = target.name
    missing = f"; not inferred: {', '.join(proposal.missing)}" if proposal.missing else ""
    return "added", f"added {target.name} as {entry_id} to {manifest}{missing}"


PROPOSED_NAME = "corpus.proposed.json"


def _record(corpus: Path, entry_id: str, fields: dict[str, tuple]) -> None:
    path = corpus / PROPOSED_NAME
    proposed = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    proposed[entry_id] = {name: {"value": value, "origin": origin} for name, (value, origin) in fields.items()}
    path.write_text(json.dumps(proposed, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def inferred_origins(corpus: Path, infos: list[DocumentInfo]) -> dict[str, dict[str, str]]:
    """Per document id, the fields still as ``add`` proposed them, each with where it came from.

    A field edited since (its value differs from the proposal) is no longer inferred and left out.
    """
    path = corpus / PROPOSED_NAME
    try:
        proposed = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):  # a damaged record only loses the origins, never the build
        return {}
    out = {}
    for info in infos:
        fields = proposed.get(info.id, {}) if isinstance(proposed, dict) else {}
        current = {name: list(value) if isinstance(value, tuple) else value for name, value in vars(info).items()}
        same = {name: f["origin"] for name, f in fields.items()
                if name != "id" and isinstance(f, dict) and current.get(name) == f.get("value")}
        if same:
            out[info.id] = same
    return out
