"""The ``strategy-kb`` command: a thin shell over the library.

``build`` runs extract → link → kb; ``extract`` prints one document as JSON;
``serve`` starts Datasette; ``trace`` prints a statement's links. Nothing here
opens a source file itself.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import click

import extract
import link
from extract.errors import ManifestError, StrategyKBError
from extract.records import DocumentInfo
from extract.pipeline import extract_document
from kb.build import build as build_db

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent / "corpus"
DEFAULT_DB = Path("strategies.db")


def corpus_option(f):
    """``--corpus DIR``: the folder with ``corpus.toml`` (default: the bundled corpus)."""
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPUS,
        show_default=True, help="Corpus folder holding corpus.toml.",
    )(f)


def db_option(f):
    """``--db PATH``: the SQLite knowledge base."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
        show_default=True, help="SQLite database file.",
    )(f)


@click.group()
@click.version_option(package_name="strategy-kb")
def main() -> None:
    """Strategy documents of wellbeing services counties as a knowledge base."""


@main.command()
@corpus_option
@db_option
def build(corpus_dir: Path, db_path: Path) -> None:
    """Extract every document of the corpus, link goals and write the database.

    Exit status 0 when every document was built, 1 when some failed (the
    others are still in the database), 2 when nothing could be built.
    """
    sys.exit(run_build(corpus_dir, db_path))


def run_build(corpus_dir: Path, db_path: Path) -> int:
    """The ``build`` command as a function returning the exit status."""
    started = time.monotonic()

    def progress(info: DocumentInfo, doc: Optional[extract.ExtractedDocument]) -> None:
        if doc is None:
            click.echo(f"extracting {info.file} …", err=True, nl=False)
        elif doc.error:
            click.echo(" failed", err=True)
            click.echo(f"error {doc.error}", err=True)
        else:
            click.echo(f" {doc.pages or '?'} pages, {len(doc.sections)} sections, {len(doc.statements)} statements", err=True)

    try:
        documents = extract.run(corpus_dir, progress)
    except ManifestError as exc:
        click.echo(f"error {exc.one_line()}", err=True)
        return 2
    links = link.run(documents)
    try:
        path = build_db(documents, links, db_path)
    except StrategyKBError as exc:
        click.echo(f"error {exc.one_line()}", err=True)
        return 2
    _summary(documents, links, path, time.monotonic() - started)
    failed = [d for d in documents if d.error]
    return 1 if failed else 0


def _summary(documents, links, path: Path, seconds: float) -> None:
    kinds = Counter(s.kind for d in documents for s in d.statements)
    relations = Counter(l.relation for l in links)
    failed = [d.info.file for d in documents if d.error]
    click.echo(f"built {path} in {seconds:.1f} s", err=True)
    click.echo(f"  documents  {len(documents)} ({len(failed)} failed{': ' + ', '.join(failed) if failed else ''})", err=True)
    click.echo(f"  pages      {sum(d.pages or 0 for d in documents)}", err=True)
    click.echo(f"  sections   {sum(len(d.sections) for d in documents)}", err=True)
    click.echo(f"  statements {sum(kinds.values())}: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())), err=True)
    click.echo(f"  evaluations {sum(len(d.evaluations) for d in documents)}", err=True)
    click.echo(f"  links      {len(links)}: " + ", ".join(f"{k} {n}" for k, n in sorted(relations.items())), err=True)
    click.echo(f"  findings   {sum(len(d.findings) for d in documents)}", err=True)


@main.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", default="strategy", show_default=True, help="Document kind (evaluation reports are parsed as tables).")
def extract_cmd(file: Path, kind: str) -> None:
    """Print one document's sections, statements and findings as JSON."""
    info = DocumentInfo(
        id=file.stem, file=file.name, organisation="", region="", period="", kind=kind, languages=(), title=file.stem
    )
    doc = extract_document(file.resolve().parent, info)
    if doc.error:
        click.echo(f"error {doc.error}", err=True)
        sys.exit(1)
    payload = {
        "document": {"id": info.id, "file": str(file), "sha256": doc.sha256, "pages": doc.pages},
        "sections": [dataclasses.asdict(s) for s in doc.sections],
        "goals": [dataclasses.asdict(s) for s in doc.statements],
        "targets": [dataclasses.asdict(t) for t in doc.targets],
        "evaluations": [dataclasses.asdict(e) for e in doc.evaluations],
        "findings": [dataclasses.asdict(f) for f in doc.findings],
    }
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@main.command()
@db_option
@click.option("--port", default=8001, show_default=True, help="Port to listen on (loopback).")
@corpus_option
def serve(db_path: Path, port: int, corpus_dir: Path) -> None:
    """Serve the knowledge base with Datasette (read-only); builds it first when missing."""
    if not db_path.exists():
        status = run_build(corpus_dir, db_path)
        if status == 2:
            sys.exit(status)
    command = [
        sys.executable, "-m", "datasette", "serve", "--immutable", str(db_path),
        "--metadata", str(HERE / "site" / "metadata.yml"),
        "--setting", "sql_time_limit_ms", "2000",
        "--setting", "max_returned_rows", "2000",
        "--host", "127.0.0.1", "--port", str(port),
    ]
    sys.exit(subprocess.call(command))


@main.command()
@click.argument("text_or_id")
@db_option
def trace(text_or_id: str, db_path: Path) -> None:
    """Show a statement and the links that lead to and from it."""
    if not db_path.exists():
        click.echo(f"error [E201] {db_path}: no database; run `strategy-kb build` first", err=True)
        sys.exit(2)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT * FROM goals WHERE id = ?", (text_or_id,)).fetchall() or conn.execute(
        "SELECT * FROM goals WHERE text LIKE ? ORDER BY id LIMIT 5", (f"%{text_or_id}%",)
    ).fetchall()
    if not rows:
        click.echo(f"no statement matches {text_or_id!r}", err=True)
        sys.exit(1)
    for goal in rows:
        click.echo(f"{goal['id']}  [{goal['kind']}, {goal['lang']}, p. {goal['page'] or '?'}]  {goal['text']}")
        for direction, column, other in (("→", "source_id", "target_id"), ("←", "target_id", "source_id")):
            for l in conn.execute(f"SELECT * FROM links WHERE {column} = ? ORDER BY id", (goal["id"],)):
                peer = conn.execute("SELECT * FROM goals WHERE id = ?", (l[other],)).fetchone()
                click.echo(f"  {direction} {l['relation']} ({l['score']:.2f}, {l['method']}) {l[other]}"
                           f" [{peer['lang'] if peer else '?'}, p. {peer['page'] if peer else '?'}]"
                           f"  {peer['text'] if peer else ''}")
                evaluation = conn.execute("SELECT * FROM evaluations WHERE goal_id = ?", (l[other],)).fetchone()
                if evaluation:
                    click.echo(f"      evaluated: achieved {evaluation['achieved']}, score {evaluation['score']}")
