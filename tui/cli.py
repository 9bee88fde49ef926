"""The command line (layer 5): `validate`, the four queries, and the TUI when no command is given.

argparse rather than click: it is in the standard library, so the CLI adds no dependency and starts
fast, and the handful of subcommands needs nothing it lacks.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import errno
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from . import __version__
from .bundled import seed_path
from .reading import DEFAULT_MAX_BYTES, precheck
from .render.inert import one_line, say, write

if TYPE_CHECKING:
    from .validation import Result

PROG = "fact-explorer"
T = TypeVar("T")


class Parser(argparse.ArgumentParser):
    """argparse, but a malformed command line is one line, the values in it shown literally, and exit 2:
    no usage block before it (`--help` has it)."""

    def error(self, message: str) -> NoReturn:
        say(f"{self.prog}: {message} ({self.prog} --help lists the options)")
        sys.exit(2)


def _size(text: str) -> int:
    """--max-size in MB."""
    try:
        mb = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of megabytes") from None
    if not math.isfinite(mb) or mb * 1024 * 1024 >= sys.maxsize:
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number of megabytes")
    if mb <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(mb * 1024 * 1024)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help="refuse files larger than this (default 50)",
    )


def _index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        metavar="PATH",
        help="a folder's index: a SQLite file, or a postgresql:// URL "
        "(default: $FACT_EXPLORER_INDEX, else one in the user cache directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        usage=f"{PROG} [FILE|DIR|--db URL] [--state PATH] [--fresh] [--max-size MB] [--index PATH]\n"
        f"       {PROG} COMMAND ...",
        epilog="Without a command: open the explorer on FILE, on every dossier in DIR as one corpus, or on "
        "the shared archive at --db URL (default: $FACT_EXPLORER_DB when no FILE is given). "
        "--state PATH: the state file (bookmarks, notes, last view); --fresh: do not restore the last view.",
        description="Explore who said what, when, and where they stand, in a news story. "
        "With no command, opens the explorer on FILE (default: the bundled dossier).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)

    validate = commands.add_parser("validate", help="check dossiers against the format's rules")
    validate.set_defaults(run=cmd_validate)
    validate.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="files or folders (default: the bundled dossier)"
    )
    validate.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings or OK lines")
    _common(validate)

    index = commands.add_parser("index", help="load dossiers into a shared archive on PostgreSQL")
    index.set_defaults(run=cmd_index)
    index.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="dossier files and folders")
    _db_option(index)
    index.add_argument("--prune", action="store_true", help="remove dossiers whose files are gone from the SOURCEs")
    _common(index)
    from .draft.command import add_metadata as draft_metadata  # argparse only

    new = commands.add_parser("new", help="an empty dossier for an article, to curate by hand in the explorer")
    new.set_defaults(run=cmd_new)
    new.add_argument(
        "article", metavar="ARTICLE", help="a .txt article, a saved .html/.htm page, or - for standard input"
    )
    new.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="the dossier file (default: beside the article; -: stdout)"
    )
    draft_metadata(new)
    _common(new)

    bookmarks = commands.add_parser("bookmarks", help="your bookmarks with notes and full citations")
    bookmarks.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="the dossier or folder whose bookmarks get today's citations (default: the bundled dossier)",
    )
    bookmarks.set_defaults(run=cmd_bookmarks)
    bookmarks.add_argument("--format", choices=("md", "json", "csv"), default="md", help="default: md")
    _common(bookmarks)
    _state_option(bookmarks)
    _db_option(bookmarks, reading=True)

    from .draft.command import add_arguments as draft_arguments  # argparse only: the drafting code loads on use

    draft = commands.add_parser("draft", help="draft a dossier from a news article, every item marked for review")
    draft.set_defaults(run=cmd_draft)
    draft_arguments(draft)
    _common(draft)

    from .render.queries import QUERIES

    for name, q in QUERIES.items():
        query = commands.add_parser(name, help=q.help)
        query.set_defaults(run=cmd_query)
        query.add_argument(
            "file",
            nargs="?",
            type=Path,
            metavar="FILE",
            help="a dossier, or a folder of them as one corpus (default: the bundled dossier)",
        )
        query.add_argument(
            "--country",
            action="append",
            default=[],
            metavar="X",
            help="ISO code, country name or organisation code; repeat for several",
        )
        query.add_argument("--actor", action="append", default=[], metavar="ID", help="actor id; repeatable")
        query.add_argument("--issue", action="append", default=[], metavar="ID", help="issue id; repeatable")
        query.add_argument("--search", default="", metavar="TEXT", help="words that must all appear")
        query.add_argument("--since", type=_date, metavar="DATE", help="only from this date (YYYY-MM-DD)")
        query.add_argument("--until", type=_date, metavar="DATE", help="only up to this date (YYYY-MM-DD)")
        query.add_argument("--format", choices=q.formats, default="text", help="default: text")
        _common(query)
        _index_option(query)
        _db_option(query, reading=True)
    parser.set_defaults(commands=tuple(commands.choices))  # anything else first is a file for the explorer
    return parser


def _state_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state",
        type=Path,
        metavar="PATH",
        help="the state file (default: $FACT_EXPLORER_STATE, else the user data directory)",
    )


def _db_option(parser: argparse.ArgumentParser, reading: bool = False) -> None:
    """--db: a shared archive on PostgreSQL. To read, in place of FILE (FACT_EXPLORER_DB when no FILE
    is given; see `archive_of`); to load, the archive `index` writes to."""
    parser.add_argument(
        "--db",
        default=None if reading else os.environ.get("FACT_EXPLORER_DB"),
        metavar="URL",
        help="a shared archive: a postgresql:// URL or libpq connection string (default: $FACT_EXPLORER_DB"
        + (" when no FILE is given)" if reading else ")"),
    )


def archive_of(args: argparse.Namespace) -> str | None:
    """The archive to read, if any: --db, else FACT_EXPLORER_DB unless a FILE or folder is named."""
    if args.db is not None:
        return args.db
    return os.environ.get("FACT_EXPLORER_DB") if args.file is None else None


def _tui_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, add_help=False)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--fresh", action="store_true")
    _state_option(parser)
    _common(parser)
    _index_option(parser)
    _db_option(parser, reading=True)
    return parser


def print_problems(file: str, result: Result, quiet: bool = False) -> None:
    """Each problem on its own line on stderr; warnings too unless `quiet`."""
    for problem in result.problems:
        if problem.level == "error" or not quiet:
            say(problem.line(file))


def cmd_validate(args: argparse.Namespace) -> int:
    from .corpus import dossier_files
    from .reading import Problem
    from .validation import Result, read_dossier

    worst = 0
    for arg in args.files or [seed_path()]:
        files = dossier_files(arg) if arg.is_dir() else [arg]
        if not files:
            print_problems(str(arg), Result(None, [Problem("$", "a folder with no dossier files (*.json)")]))
            worst = 2
        for path in files:
            result = read_dossier(path, args.max_size, regular_only=path != arg)
            print_problems(str(path), result, args.quiet)
            if result.exit_code == 0 and not args.quiet:
                warnings = len(result.problems)
                counted = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
                write_out(one_line(f"{path}: OK{counted}") + "\n")
            worst = max(worst, result.exit_code)
    return worst


def load(path: Path | None, max_bytes: int, index: str | None = None, db: str | None = None):
    """The store for a valid file or folder, or for the archive at `db`; or an exit code after printing
    the problems."""
    from .loading import archive, load
    from .render.progress import bar

    if db is not None:
        loaded = archive(db)
    else:
        if path is not None and path.is_dir():
            from .corpusindex.sync import any_dossier

            if not any_dossier(path):  # said before an index is made for it, as `validate` and the explorer say
                say(f"{path}: $: a folder with no dossier files (*.json)")
                return 2
        with bar("Indexing") as progress:  # a folder's index brought up to date: a bar on a terminal
            loaded = load(path or seed_path(), max_bytes, progress=progress, index=index)
    say(*loaded.problem_lines(), *loaded.notice_lines())
    return loaded.store if loaded.store is not None else loaded.exit_code


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from .render.export import bookmarks_csv, bookmarks_json, bookmarks_markdown, refreshed
    from .userstate import UserState

    db = archive_of(args)
    if db is not None and args.file is not None:
        say(BOTH)
        return 2
    store = load(args.file, args.max_size, db=db)
    if isinstance(store, int):
        return store
    state = UserState(args.state)
    marks = on_archive(db, lambda: refreshed(state.bookmarks(), store))
    if isinstance(marks, int):
        return marks
    for warning in state.warnings:
        say(f"{PROG}: {warning}")
    render = {"md": bookmarks_markdown, "json": bookmarks_json, "csv": bookmarks_csv}[args.format]
    output = render(marks)
    if sys.stdout.isatty():  # as for the queries: verbatim into a file or pipe, inert on a terminal
        from .render.inert import inert

        output = inert(output)
    write_out(output)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    if args.db is None:
        print(f"{PROG}: index needs --db URL (or FACT_EXPLORER_DB): the PostgreSQL archive to load", file=sys.stderr)
        return 2
    missing = [s for s in args.sources if not s.exists()]
    if missing:  # before the driver is needed: a mistyped name is the same line with or without it
        say(f"{PROG}: {missing[0]}: no such file or folder")
        return 2
    try:
        from .corpusindex.postgres import ArchiveError, open_postgres
    except ImportError:
        print(f"{PROG}: the PostgreSQL driver is missing: pip install 'fact-explorer[postgres]'", file=sys.stderr)
        return 2
    from .corpusindex.load import load
    from .render.progress import bar

    try:
        if not args.sources:  # create or migrate the tables only
            open_postgres(args.db, Path.cwd()).close()
            return 0
        with bar("indexing") as progress:
            report = load(
                lambda folder: open_postgres(args.db, folder),
                args.sources,
                prune=args.prune,
                max_bytes=args.max_size,
                progress=progress,
            )
    except ArchiveError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    for refusal in report.refused:
        for line in refusal.lines:
            print(line, file=sys.stderr)
    print(report.line())
    return 1 if report.refused else 0


def cmd_new(args: argparse.Namespace) -> int:
    """The article read as `draft` reads it (text or saved page, its metadata, a dateline's date), and
    an empty dossier written for it."""
    import json

    from .curate.newdossier import empty_dossier
    from .draft.build import Meta, reference_date, title_line
    from .draft.command import slug, write_atomic
    from .draft.inputs import InputError, article_from_bytes, read_article
    from .render.inert import inert
    from .validation import check

    stdin = args.article == "-"
    name = "<stdin>" if stdin else args.article
    article_path = Path(args.article)
    output = None if stdin and args.output is None else (args.output or article_path.with_suffix(".json"))
    try:
        if output is not None and not stdin and output.resolve() == article_path.resolve():
            raise InputError(f"{output} is the article itself; give -o another file")
        if output is not None and output.exists() and not args.force:
            raise InputError(f"{output} exists; use --force to overwrite it")
        if stdin:
            article = article_from_bytes(sys.stdin.buffer.read(), max_bytes=args.max_size)
        else:
            article = read_article(article_path, args.max_size)
    except InputError as exc:
        print(inert(f"{name}: {exc}"), file=sys.stderr)
        return 2
    text = article.text
    date, rule = reference_date(text, Meta(id="", date=args.date or article.date, date_rule=_date_rule(args, article)))
    if date is None:
        date, rule = dt.date.today(), "not given: the day the dossier was made (fact-explorer new); give it with --date"
        print(
            f"{PROG}: new: no --date and none in the article; the reference date is today, marked so", file=sys.stderr
        )
    data = empty_dossier(
        text,
        source_id=args.id or ("article" if stdin else slug(article_path.stem)),
        reference_date=date,
        reference_date_rule=rule,
        headline=args.headline or article.headline or title_line(text),
        publisher=args.publisher or article.publisher,
        url=args.url or article.url,
    )
    result = check(data)
    if result.errors:
        print_problems(name, result, quiet=True)
        return 1
    out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(out)
        return 0
    try:
        write_atomic(output, out, args.force)
    except FileExistsError:
        print(f"{name}: {output} exists; use --force to overwrite it", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(inert(f"{output}: an empty dossier for {name} ({len(text):,} characters); curate it with: {PROG} {output}"))
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from .draft.command import run

    return run(args)


def _date_rule(args: argparse.Namespace, article) -> str | None:
    if args.date:
        return "given with --date"
    return "the page's publication date, from its metadata" if article.date else None


BOTH = f"{PROG}: give a FILE or --db, not both"


def cmd_query(args: argparse.Namespace) -> int:
    db = archive_of(args)
    if db is not None and args.file is not None:
        say(BOTH)
        return 2
    store = load(args.file, args.max_size, args.index, db=db)
    if isinstance(store, int):
        return store
    return on_archive(db, lambda: answer(args, store))


def on_archive(db: str | None, work: Callable[[], T]) -> T | int:
    """`work()`; on an archive, exit status 2 after one line when the server went away after opening
    (and again on the retry)."""
    if db is None:
        return work()
    from .corpusindex.postgres import ArchiveError

    try:
        return work()
    except ArchiveError as exc:
        say(f"{PROG}: {exc}")
        return 2


def answer(args: argparse.Namespace, store) -> int:
    """Print the query's answer from `store`; 2 after one line for an unknown country, actor or issue."""
    import gc

    from .store import Filter, UnknownCountry

    gc.freeze()  # what is loaded lives to the end: the collector need not scan it again and again
    try:
        codes = frozenset(store.resolve_country(c) for c in args.country)
    except UnknownCountry as exc:
        say(f"{PROG}: {exc}")
        return 2
    for kind, wanted, known in (("actor", args.actor, store.actor), ("issue", args.issue, store.issue)):
        unknown = [x for x in wanted if x not in known]
        if unknown:
            say(f"{PROG}: unknown {kind} {unknown[0]!r}; this dossier has: {', '.join(known)}")
            return 2
    f = Filter(
        countries=codes,
        actors=frozenset(args.actor),
        issues=frozenset(args.issue),
        text=args.search,
        date_from=args.since,
        date_to=args.until,
    )
    from rich.console import Console

    from .render.queries import render

    console = Console()
    output = render(store, args.command, f, args.format, terminal=console.is_terminal)
    if not isinstance(output, str):
        console.print(output)
        return 0
    if sys.stdout.isatty():
        # CSV keeps the data verbatim for a file or a pipe; on a terminal nothing may act on it.
        from .render.inert import inert

        output = inert(output)
    write_out(output if output.endswith("\n") or not output else output + "\n")
    return 0


def cmd_tui(argv: Sequence[str]) -> int:
    args = _tui_parser().parse_args(argv)
    if os.environ.get("TERM") == "dumb":  # no cursor movement, no colour: the explorer cannot draw
        say(
            f"{PROG}: this terminal (TERM=dumb) cannot show the explorer, which needs a terminal that moves "
            "the cursor and draws boxes.",
            f"{PROG}: the command line answers the same questions here: {PROG} quotes|timeline|stances|speakers "
            f"[FILE] (see {PROG} --help).",
        )
        return 2
    db = archive_of(args)
    if db is not None and args.file is not None:
        say(BOTH)
        return 2
    path, loaded = args.file or seed_path(), None
    if db is not None:
        problem = None  # the archive is opened in the app, after the first frame
    elif path.is_dir():
        from .corpusindex.sync import any_dossier
        from .reading import Problem

        problem = None if any_dossier(path) else Problem("$", "a folder with no dossier files (*.json)")
        code = 2
    elif _small(path):  # read now, once: the explorer's first frame shows it in every pane
        from .loading import load

        loaded = load(path, args.max_size)
        if loaded.store is None:
            say(*loaded.problem_lines())
            return loaded.exit_code
        problem = None
    else:
        problem, code = precheck(path, args.max_size)
    if problem is not None:  # unreadable, not JSON or not an object: refuse before opening anything
        say(problem.line(str(path)))
        return code
    if (problem := terminal_problem(sys.stdout, sys.stderr)) is not None:
        say(
            f"{PROG}: the explorer {problem}; for scripts and cron jobs use the commands, such as "
            f"`{PROG} quotes FILE` ({PROG} --help lists them)"
        )
        return 2
    from .app.main import run_app  # Textual is imported only here

    return run_app(path, args.max_size, state=args.state, fresh=args.fresh, index=args.index, loaded=loaded, db=db)


def _small(path: Path) -> bool:
    from .app.main import FIRST_FRAME_BYTES

    try:
        return path.is_file() and path.stat().st_size <= FIRST_FRAME_BYTES
    except OSError:
        return False


class OutputError(Exception):
    """Standard output is closed, full or gone: said on standard error, exit 1."""


_told_encoding = False


def write_out(text: str) -> None:
    """Write to standard output. Characters the locale cannot encode are written as escapes, with a
    one-line notice; a closed or full output raises OutputError."""
    global _told_encoding
    try:
        if sys.stdout is None:  # started with it closed (`>&-`)
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        if write(sys.stdout, text) and not _told_encoding:
            _told_encoding = True
            say(
                f"{PROG}: this terminal's encoding ({sys.stdout.encoding}) cannot encode some characters: "
                "they are written as \\u escapes; set PYTHONIOENCODING=utf-8 to write UTF-8"
            )
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def terminal_problem(stdout, stderr) -> str | None:
    """Why the explorer cannot run on these streams (no terminal, or one that is not UTF-8), or None."""
    terminal = next((s for s in (stderr, stdout) if s is not None and s.isatty()), None)
    if terminal is None:
        return "needs a terminal"
    encoding = getattr(terminal, "encoding", None) or "ascii"
    if codecs.lookup(encoding).name != "utf-8":
        return f"needs a UTF-8 terminal (this one's encoding is {encoding})"
    return None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's last flush as it exits has nowhere to fail."""
    if sys.stdout is not None:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def _surely_explorer(argv: Sequence[str]) -> bool:
    """No arguments, an option of the explorer's first, or a path first (a command's name has no '/' or
    '.'): the explorer, whatever commands there are."""
    if not argv:
        return True
    first = argv[0]
    if first in ("-h", "--help", "--version"):
        return False
    return first.startswith("-") or "/" in first or "." in first


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _surely_explorer(argv):  # without building every command's parser: 18 ms of start-up
            return cmd_tui(argv)
        parser = build_parser()
        if not argv or argv[0] not in (*parser.get_default("commands"), "-h", "--help", "--version"):
            return cmd_tui(argv)
        args = parser.parse_args(argv)
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); say nothing more.
        _silence_stdout()
        return 0
    except OutputError as exc:
        say(f"{PROG}: cannot write the output ({exc})")
        _silence_stdout()
        return 1


def entry() -> None:
    sys.exit(main())
