"""`fact-explorer draft`: articles in, draft dossiers out, each written whole or not at all."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..render.inert import inert
from .inputs import Article, InputError, article_from_bytes, articles_in, read_article

PROG = "fact-explorer draft"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a .txt article, a saved .html/.htm page, - for standard input, or a folder of articles",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="the dossier file; for a folder or several "
        "inputs, the folder for the dossiers (default: beside each article; standard input: stdout)",
    )
    add_metadata(parser)


def add_metadata(parser: argparse.ArgumentParser) -> None:
    """What is known of an article beside its text (shared with `fact-explorer new`)."""
    parser.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the article's date, the anchor for "
        "relative dates (default: the page's metadata, else a dateline in the text)",
    )
    parser.add_argument(
        "--headline", metavar="T", help="the headline (default: the page's, else a title-like first line)"
    )
    parser.add_argument("--publisher", metavar="P")
    parser.add_argument("--url", metavar="U")
    parser.add_argument("--id", metavar="ID", help="the dossier's id (default: from the file name)")
    parser.add_argument("--force", action="store_true", help="overwrite existing dossiers")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def slug(stem: str) -> str:
    """A dossier id from a file name."""
    ident = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stem).strip("-.:_")
    return ident[:200] or "article"


@dataclass(frozen=True, slots=True)
class Job:
    name: str  # as shown to the user
    read: Callable[[], Article]
    dest: Path | None  # None: standard output
    ident: str
    source: Path | None = None  # the article's file; None for standard input


def _err(line: str) -> None:
    print(inert(line), file=sys.stderr)


def write_atomic(dest: Path, data: str, force: bool) -> None:
    """Write the whole file or nothing: a temporary file beside it, moved into place. Without `force`,
    an existing file is never replaced, even one that appears meanwhile."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, dest)
        else:
            os.link(tmp, dest)  # fails if dest exists
    finally:
        tmp.unlink(missing_ok=True)


def run_one(job: Job, args: argparse.Namespace) -> tuple[dict, list[str]]:
    """Draft one article and write it; InputError for anything that stops it (nothing is written then)."""
    from ..validation import check
    from .build import Meta, draft  # deferred: the parser is built for every command, the drafter only here

    if job.dest is not None and job.source is not None and job.dest.resolve() == job.source.resolve():
        raise InputError(f"{job.dest} is the article itself; give -o another file")
    if job.dest is not None and job.dest.exists() and not args.force:
        raise InputError(f"{job.dest} exists; use --force to overwrite it")
    article = job.read()
    date, date_rule = (
        (args.date, "given with --date")
        if args.date
        else (article.date, "the page's publication date, from its metadata")
    )
    meta = Meta(
        id=job.ident,
        headline=args.headline or article.headline,
        publisher=args.publisher or article.publisher,
        url=args.url or article.url,
        date=date,
        date_rule=date_rule if date else None,
    )
    result = draft(article.text, meta)
    problems = check(result.dossier).errors
    if problems:  # a fault of the draft, not of the article: say so rather than write a broken file
        raise InputError(f"internal error: the draft does not validate ({problems[0].line('draft')})")
    data = json.dumps(result.dossier, ensure_ascii=False, indent=2) + "\n"
    if job.dest is None:
        sys.stdout.write(data)
    else:
        try:
            write_atomic(job.dest, data, args.force)
        except FileExistsError:
            raise InputError(f"{job.dest} exists; use --force to overwrite it") from None
        except OSError as exc:
            raise InputError(f"{job.dest} cannot be written ({exc.strerror or exc})") from None
    return result.dossier, ([article.note] if article.note else []) + result.notes


def _jobs(args: argparse.Namespace) -> list[Job] | str:
    """What to draft and where; a string is a usage problem."""
    inputs = [Path(i) for i in args.inputs]
    folders = [p for p in inputs if str(p) != "-" and p.is_dir()]
    many = len(inputs) > 1 or bool(folders)
    if many and (args.headline or args.url or args.id):
        return "--headline, --url and --id name one article; give a single INPUT with them"
    if many and args.output is not None and args.output.exists() and not args.output.is_dir():
        return f"{args.output}: not a folder, and several articles are to be drafted into it"
    if args.id and not _ID.match(args.id):
        return f"--id {args.id!r}: letters, digits and _ . : - only, starting with a letter or digit"
    into = args.output if args.output is not None and (many or args.output.is_dir()) else None  # a folder
    jobs: list[Job] = []
    for path in inputs:
        if str(path) == "-":
            dest = into / "stdin.json" if into else args.output
            jobs.append(
                Job(
                    "<stdin>",
                    lambda: article_from_bytes(sys.stdin.buffer.read(args.max_size + 1), None, args.max_size),
                    dest,
                    args.id or "stdin",
                )
            )
            continue
        if path.is_dir():
            found = articles_in(path)
            if not found:
                return f"{path}: a folder with no articles (*.txt, *.html, *.htm)"
            files = found
        elif path.exists():
            files = [path]
        else:
            return f"{path}: no such file or folder"
        for file in files:
            out = into / f"{file.stem}.json" if into else args.output
            jobs.append(
                Job(
                    str(file),
                    lambda f=file: read_article(f, args.max_size),
                    out or file.with_suffix(".json"),
                    args.id or slug(file.stem),
                    file,
                )
            )
    return jobs


def run(args: argparse.Namespace) -> int:
    """The command: its exit status."""
    jobs = _jobs(args)
    if isinstance(jobs, str):
        _err(f"{PROG}: {jobs}")
        return 2
    if len(jobs) == 1 and not any(Path(i).is_dir() for i in args.inputs):
        return _single(jobs[0], args)
    return _batch(jobs, args)


def _single(job: Job, args: argparse.Namespace) -> int:
    try:
        dossier, notes = run_one(job, args)
    except InputError as exc:
        _err(f"{job.name}: {exc}")
        return 1
    for note in notes:
        _err(f"{job.name}: note: {note}")
    where = "standard output" if job.dest is None else str(job.dest)
    _err(f"{job.name}: {_counts(dossier)}, written to {where}; every item is marked for review")
    return 0


def _counts(dossier: dict) -> str:
    n = {k: len(dossier[k]) for k in ("statements", "actors", "events")}
    return ", ".join(f"{v} {k[:-1] if v == 1 else k}" for k, v in n.items())


def _batch(jobs: list[Job], args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False, markup=False)
    failed = undated = empty = 0
    started = time.perf_counter()
    with Progress(
        TextColumn("drafting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # in a pipe or a log: the failure lines and the summary only
    ) as progress:
        task = progress.add_task("draft", total=len(jobs))
        for job in jobs:
            try:
                dossier, notes = run_one(job, args)
                undated += any(n.startswith("no date given") for n in notes)
                empty += not dossier["statements"]
            except InputError as exc:
                failed += 1
                console.print(inert(f"{job.name}: {exc}"), soft_wrap=True)
            progress.advance(task)
    elapsed = time.perf_counter() - started
    done = len(jobs) - failed
    where = args.output or "beside each article"
    summary = f"{PROG}: {done} of {len(jobs)} articles drafted into {where} in {elapsed:.1f} s"
    extras = [
        f"{n} {what}"
        for n, what in ((failed, "failed"), (undated, "without a date"), (empty, "without statements"))
        if n
    ]
    _err(summary + (f" ({', '.join(extras)})" if extras else ""))
    return 1 if failed else 0
