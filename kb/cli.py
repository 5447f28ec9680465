"""The ``strategy-kb`` command: a thin shell over the library.

``build`` runs extract → link → kb; ``extract`` prints one document as JSON;
``serve`` starts Datasette; ``trace`` prints a statement's lineage tree;
``lineage`` answers the lineage questions; ``graph`` exports the graph.
Nothing here opens a source file itself.
"""

from __future__ import annotations

import dataclasses
import json
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
from extract.cache import CACHE_DIR_NAME, ExtractionCache, frozen, result_origin
from extract.manifest import MANIFEST_NAME, SUFFIXES
from extract.nlp import warm_up
from extract.pipeline import Limits, extract_document
from extract.workers import default_jobs, stop_server
from kb.add import add_file, inferred_origins, known_files, manifest_entries
from kb.build import build as build_db
from kb.optional_tools import LIBVOIKKO, missing_notes
from kb.trace import candidate_lines, describe, find_statements, render
from link.graph import FORMATS, load_graph, write_graph
from link.lineage_queries import dropped, lineage, low_scores, new, region_matches
from kb.serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKERS, serve as serve_site

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent / "corpus"
DEFAULT_DB = Path("strategies.db")
_noted: set[str] = set()


def _note_missing_tools(*tools) -> None:
    """Print one line per missing optional tool (all of them by default), each at most once per command."""
    for line in missing_notes(*tools):
        if line not in _noted:
            _noted.add(line)
            click.echo(line, err=True)


def corpus_option(f):
    """``--corpus DIR``: the folder with ``corpus.toml`` (default: the bundled corpus)."""
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPUS, metavar="DIR",
        show_default=True, help="Corpus folder holding corpus.toml.",
    )(f)


def db_option(f):
    """``--db PATH``: the SQLite knowledge base."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, metavar="PATH",
        show_default=True, help="SQLite database file.",
    )(f)


@click.group()
@click.version_option(package_name="strategy-kb")
def main() -> None:
    """Strategy documents of wellbeing services counties as a knowledge base."""


@main.command()
@corpus_option
@db_option
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=Limits.time_limit, metavar="S",
              show_default=True, help="Seconds one document may take; then it fails with E107.")
@click.option("--max-pages", type=click.IntRange(min=1), default=Limits.max_pages, show_default=True, metavar="N",
              help="Pages (slides) read per document; the rest is left out with a finding.")
@click.option("--jobs", type=click.IntRange(min=1), default=default_jobs(), show_default=True, metavar="N",
              help="Worker processes extracting documents at once.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help=f"Extraction and link cache folder  [default: {CACHE_DIR_NAME}/ beside the database]")
@click.option("--no-cache", is_flag=True, help="Extract and link every document again and write the database whole; read and write no cache.")
def build(
    corpus_dir: Path, db_path: Path, time_limit: float, max_pages: int, jobs: int, cache_dir: Optional[Path],
    no_cache: bool,
) -> None:
    """Extract every document of corpus.toml, link goals and write the database atomically.

    Exit status 0 when every document was built, 1 when some failed (the
    others are still in the database), 2 when nothing could be built.

    \b
    Example:
      strategy-kb build --corpus my-corpus --db my.db --jobs 2
    """
    limits = Limits(time_limit=time_limit, max_pages=max_pages, jobs=jobs)
    sys.exit(run_build(corpus_dir, db_path, limits, None if no_cache else cache_dir or db_path.parent / CACHE_DIR_NAME))


def run_build(
    corpus_dir: Path, db_path: Path, limits: Optional[Limits] = None, cache_dir: Optional[Path] = None
) -> int:
    """The ``build`` command as a function returning the exit status.

    :param corpus_dir: the folder with ``corpus.toml``
    :param db_path: the database to write
    :param limits: time limit, page limit and worker count (default :class:`~extract.pipeline.Limits`)
    :param cache_dir: the extraction and link cache folder (with it the database is updated in place where it can be); ``None``: no cache
    """
    started = time.monotonic()
    _note_missing_tools()
    cache = ExtractionCache(cache_dir) if cache_dir else None

    def progress(info: DocumentInfo, doc: Optional[extract.ExtractedDocument]) -> None:
        if doc is None:
            click.echo(f"extracting {info.file} …", err=True, nl=False)
        elif doc.error:
            click.echo(" failed", err=True)
            click.echo(f"error {doc.error}", err=True)
        else:
            click.echo(f" {doc.pages or '?'} pages, {len(doc.sections)} sections, {len(doc.statements)} statements", err=True)

    try:
        corrections = link.load_corrections(corpus_dir)
        reviews = link.load_reviews(corpus_dir)
        # the linker's pipelines load in this process while the workers start and extract
        documents = extract.run(corpus_dir, progress, limits, cache, meanwhile=warm_up)
        stop_server()  # its preloaded lexicons would stay in memory through linking
    except ManifestError as exc:
        click.echo(f"error {exc.one_line()}", err=True)
        if not (corpus_dir / MANIFEST_NAME).exists() and any(
            p.suffix.lower() in SUFFIXES for p in corpus_dir.glob("*")
        ):
            click.echo(f"  {corpus_dir} holds documents but no {MANIFEST_NAME}: "
                       f"`strategy-kb add FILE... --corpus {corpus_dir}` proposes one to review", err=True)
        return 2
    click.echo("linking (parallel text, evaluations, lineage) …", err=True)
    max_pages = (limits or Limits()).max_pages
    origins = {d.info.id: result_origin(d, max_pages) for d in documents}
    # the documents live to the end of the build: collections set off by linking's objects need not walk them
    with frozen():
        links = link.run(documents, corrections, reviews, link.LinkCache(cache_dir, origins) if cache_dir else None)
        click.echo("writing the database …", err=True)
        try:
            inferred = inferred_origins(corpus_dir, [d.info for d in documents])
            path = build_db(documents, links, db_path, inferred=inferred, incremental=cache is not None, origins=origins)
        except StrategyKBError as exc:
            click.echo(f"error {exc.one_line()}", err=True)
            return 2
    _summary(documents, links, path, time.monotonic() - started)
    if cache:
        click.echo(f"  cache      {cache.hits} reused, {len(documents) - cache.hits} extracted ({cache.folder})", err=True)
    failed = [d for d in documents if d.error]
    return 1 if failed else 0


def _summary(documents, links: link.Linked, path: Path, seconds: float) -> None:
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
    click.echo(f"  glossary   {len(links.glossary)} word pairs learned or accepted", err=True)
    findings = Counter(f.kind for f in (*(f for d in documents for f in d.findings), *links.findings))
    click.echo(f"  findings   {sum(findings.values())}" + (": " + ", ".join(f"{k} {n}" for k, n in sorted(findings.items()))
                                                          if findings else ""), err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="FILE...")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Corpus folder whose corpus.toml gets the entries (created if missing)  [default: the first FILE's folder]")
def add(files: tuple[Path, ...], corpus_dir: Optional[Path]) -> None:
    """Read each file and append its proposed manifest entry to corpus.toml, each inferred field with
    where it came from and the others commented out with a note; the same file twice is refused.

    Files outside the corpus folder are copied into it. Exit status 1 when a file was refused or
    could not be read.

    \b
    Example:
      strategy-kb add corpus/keusote-strategia-2023-2025.txt --corpus my-corpus
    """
    corpus = corpus_dir or files[0].resolve().parent
    corpus.mkdir(parents=True, exist_ok=True)
    entries = manifest_entries(corpus)
    taken = {str(e.get("id")) for e in entries}
    known = known_files(corpus, entries)
    failed = False
    for file in files:
        status, message = add_file(corpus, file, taken, known)
        click.echo(message, err=status != "added")
        failed = failed or status != "added"
    sys.exit(1 if failed else 0)


@main.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", default="strategy", show_default=True, metavar="KIND",
              help="Document kind (evaluation reports are parsed as tables).")
def extract_cmd(file: Path, kind: str) -> None:
    """One document's sections, statements, targets, evaluations and findings as JSON.

    \b
    Example:
      strategy-kb extract corpus/luvn-strategia-2023-2025-arviointi.txt --kind evaluation
    """
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
@click.option("--port", default=DEFAULT_PORT, show_default=True, metavar="N", help="Port to listen on.")
@click.option("--host", default=DEFAULT_HOST, show_default=True, metavar="ADDR",
              help="Address to listen on (loopback by default).")
@click.option("--workers", default=DEFAULT_WORKERS, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Server processes answering requests at once.")
@corpus_option
def serve(db_path: Path, port: int, host: str, workers: int, corpus_dir: Path) -> None:
    """Datasette with the site (pages, lemma search, canned queries) on the database, in N server
    processes; builds the database first when it is missing.

    \b
    Example:
      strategy-kb serve --db my.db --port 8002
    """
    if not db_path.exists():
        status = run_build(corpus_dir, db_path)
        if status == 2:
            sys.exit(status)
    _note_missing_tools((LIBVOIKKO,))  # the search rewrites query words with Voikko
    click.echo(f"serving {db_path} on http://{host}:{port}/ ({workers} worker{'s' if workers > 1 else ''})", err=True)
    serve_site(db_path, host=host, port=port, workers=workers)


@main.command()
@click.argument("text_or_id")
@db_option
def trace(text_or_id: str, db_path: Path) -> None:
    """A statement (by id, or by words of its text in any Finnish or Swedish inflection) and its
    lineage as a tree: predecessors, successors, translations, evaluations, with relation, score,
    change, language and page on each step.

    \b
    Example:
      strategy-kb trace "talous tasapainossa"
    """
    _require_db(db_path)
    found = find_statements(db_path, text_or_id)
    if not found:
        click.echo(f"no statement matches {text_or_id!r}", err=True)
        sys.exit(1)
    g = load_graph(db_path)
    for i, node in enumerate(found):
        if i:
            click.echo("")
        click.echo("\n".join(render(g, lineage(g, node)) + candidate_lines(db_path, node)))


def _require_db(db_path: Path) -> None:
    if not db_path.exists():
        click.echo(f"error [E201] {db_path}: no database; run `strategy-kb build` first", err=True)
        sys.exit(2)


@main.command("graph")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="graphml", show_default=True,
              help="GraphML or node-link JSON.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, metavar="FILE",
              help="File to write.")
def graph_cmd(db_path: Path, fmt: str, out: Path) -> None:
    """The knowledge base as a networkx graph (documents, sections, statements, every relation) in
    GraphML or node-link JSON.

    \b
    Example:
      strategy-kb graph --format json --out kb-graph.json
    """
    _require_db(db_path)
    g = load_graph(db_path)
    write_graph(g, out, fmt)
    click.echo(f"wrote {out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges", err=True)


@main.command("lineage")
@click.argument("question", type=click.Choice(["orphans", "new", "low-scores", "regions"]))
@db_option
@click.option("--kind", default=None, metavar="KIND", help="Only statements of this kind (orphans: goal by default).")
@click.option("--max-score", default=2, show_default=True, metavar="N", help="low-scores: the highest score listed.")
def lineage_cmd(question: str, db_path: Path, kind: Optional[str], max_score: int) -> None:
    """Earlier goals with no successor (orphans), later statements with no origin (new), goals
    evaluated at most N and what became of them (low-scores), the strongest matches across regions
    (regions).

    \b
    Example:
      strategy-kb lineage low-scores --max-score 2
    """
    _require_db(db_path)
    g = load_graph(db_path)
    if question == "orphans":
        lines = [describe(g, n) for n in dropped(g, kind or "goal")]
    elif question == "new":
        lines = [describe(g, n) for n in new(g, kind)]
    elif question == "low-scores":
        lines = []
        for row in low_scores(g, max_score):
            lines.append(f"score {row['score']} ({row['achieved']}): {describe(g, row['goal'])}")
            lines.extend(f"    → continues ({score:.2f}, {change})  {describe(g, t)}" for t, score, change in row["successors"])
            if row["goal"] == row["evaluation"]:
                lines.append("    (no strategy goal of the corpus is evaluated in this row)")
            elif not row["successors"]:
                lines.append("    → no successor (dropped)")
    else:
        lines = [f"{score:.2f}  {describe(g, s)}\n      ~ {describe(g, t)}" for s, t, score in region_matches(g)]
    click.echo("\n".join(lines) if lines else "(none)")
