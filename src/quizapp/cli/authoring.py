"""Command line for authors: `deck new|draft|import|export|edit|review`.

Only light modules are imported here; pydantic and the authoring tools load inside the commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal

from quizapp.errors import QuizappError
from quizapp.words import counted

FORMATS = ("csv", "json", "apkg", "kahoot")


class AuthoringUsageError(QuizappError):
    """Bad command-line input for an authoring command."""


def register(sub: argparse._SubParsersAction, deck_sub: argparse._SubParsersAction) -> None:
    """Add the authoring actions to `quizapp deck`."""
    n = deck_sub.add_parser("new", help="write a commented deck to start from")
    n.add_argument("name", metavar="NAME", help="deck title; the deck id and file name are made from it")
    n.add_argument("--out", type=Path, metavar="FILE", help="deck file to write (default: ./<name>.toml)")
    n.set_defaults(func=cmd_new)

    d = deck_sub.add_parser(
        "draft", help="draft notes from a document: PDF, Word, OpenDocument, PowerPoint, EPUB, web page, Markdown, text"
    )
    d.add_argument("doc", type=Path, metavar="DOC")
    _out_args(d)
    d.set_defaults(func=cmd_draft)

    i = deck_sub.add_parser("import", help="make a deck from CSV/TSV, Quizlet, Anki flashcards or a Kahoot .xlsx quiz")
    i.add_argument("file", type=Path, metavar="FILE")
    _out_args(i)
    i.add_argument("--delimiter", help="text between front and back, \\t for a tab (default: detected)")
    i.add_argument("--row-delimiter", help="text between cards (default: a new line)")
    i.add_argument("--skip-empty", action="store_true", help="skip cards with an empty side instead of stopping")
    i.add_argument(
        "--with-progress",
        action="store_true",
        help="Anki packages: bring each card's scheduling and the review log into the learner's progress",
    )
    i.set_defaults(func=cmd_import)

    e = deck_sub.add_parser("export", help="write a deck as CSV, JSON, an Anki package or a Kahoot .xlsx quiz")
    e.add_argument("deck", type=Path, metavar="DECK.toml")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--out", required=True, type=Path, metavar="FILE")
    e.add_argument("--include-drafts", action="store_true", help="also export notes marked draft = true")
    e.set_defaults(func=cmd_export)

    ed = deck_sub.add_parser("edit", help="edit a deck's notes in the TUI (comments and layout are kept)")
    ed.add_argument("deck", type=Path, metavar="DECK.toml")
    ed.set_defaults(func=cmd_edit)

    r = deck_sub.add_parser("review", help="accept, edit or reject drafted notes one at a time in the TUI")
    r.add_argument("deck", type=Path, metavar="DRAFT.toml")
    r.set_defaults(func=cmd_review)


def _out_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out", type=Path, metavar="DECK.toml", help="deck file to write (default: <input name>.toml in this folder)"
    )
    p.add_argument("--deck-id", help="deck id (default: made from the --out file name)")
    p.add_argument("--title", help="deck title (default: the input file's name)")
    p.add_argument("--id-prefix", help="note ids are <prefix>-0001, ... (default: the deck id)")
    p.add_argument("--force", action="store_true", help="overwrite an existing deck file")


def _default_out(args: argparse.Namespace, given: Path) -> Path:
    """--out, or <input name>.toml in the current folder."""
    from quizapp.authoring.text import slugify

    if args.out is None:
        args.out = Path(f"{slugify(given.stem, 'deck')}.toml")
    return Path(args.out)


def _check_out(path: Path, force: bool | None = None) -> None:
    """Refuse to overwrite `path`; `force` is None for commands that never overwrite."""
    if path.exists() and not force:
        hint = "" if force is None else " (or --force to overwrite it)"
        raise AuthoringUsageError(f"{path} already exists; choose another --out{hint}")
    if not path.parent.is_dir():
        raise AuthoringUsageError(f"{path.parent}: no such folder")


def _ids(args: argparse.Namespace) -> tuple[str, str]:
    """(deck id, note id prefix) from the options or the output file name."""
    from quizapp.authoring.text import slugify

    deck_id = args.deck_id or slugify(args.out.stem)
    prefix = args.id_prefix or deck_id
    for what, value, limit in (("deck id", deck_id, 80), ("note id prefix", prefix, 71)):
        if not (value[:1].isalnum() and len(value) <= limit and value == slugify(value, "")):
            raise AuthoringUsageError(
                f"{what} {value!r} must be lower-case letters, digits, '.', '_' or '-' (at most {limit})"
            )
    return deck_id, prefix


def _write_deck(path: Path, text: str) -> None:
    """Check that `text` is a valid deck, then write it."""
    from quizapp.decks.library import DeckError, parse_deck
    from quizapp.files.atomic import atomic_write

    try:
        parse_deck(text.encode("utf-8"), str(path))
    except DeckError as e:
        raise AuthoringUsageError(f"{path}: not written, the deck would not validate:\n{e}") from None
    atomic_write(path, text.encode("utf-8"))


def _deck_file(path: Path) -> None:
    """Refuse a missing deck file or a folder in plain words before the loader sees it."""
    if path.is_dir():
        raise AuthoringUsageError(f"{path}: a folder, not a deck file; give one DECK.toml")
    if not path.exists():
        raise AuthoringUsageError(f"{path}: no such file; check the name (quizapp deck list shows the decks found)")


_CARD_FILES = "CSV/TSV, Quizlet or Anki text exports, Anki .apkg/.colpkg packages or Kahoot .xlsx quizzes"


def _check_card_file(path: Path) -> None:
    """Refuse, with what to do instead, a document or binary file given to `deck import` as CSV text.

    A PDF or a Word file read as CSV would fail with "not valid UTF-8 at byte 10"; documents are drafted."""
    import zipfile

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return  # the importer names a missing or unreadable file itself
    draft = f"draft notes from it with: quizapp deck draft {path} --out DECK.toml"
    if head.startswith(b"%PDF-"):
        raise AuthoringUsageError(f"{path}: a PDF document, not a list of cards; {draft}")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        if "xl/workbook.xml" in names:
            raise AuthoringUsageError(f"{path}: a spreadsheet; a Kahoot quiz imports when its name ends in .xlsx")
        if names & {"collection.anki2", "collection.anki21", "collection.anki21b"}:
            raise AuthoringUsageError(f"{path}: an Anki package; it imports when its name ends in .apkg or .colpkg")
        raise AuthoringUsageError(
            f"{path}: a zip file (a Word, slides or EPUB document?), not a list of cards; {draft}"
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AuthoringUsageError(f"{path}: a binary file, not a list of cards; deck import reads {_CARD_FILES}")


def _problems(problems: list, path: Path) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{counted(len(problems), 'problem')} in {path}", file=sys.stderr)
    return 1


def cmd_new(args: argparse.Namespace) -> int:
    from quizapp.authoring import new_deck_text, slugify
    from quizapp.paths import BadName, safe_name

    slug = slugify(args.name)
    try:
        safe_name(slug, "deck name")  # refuses names Windows reserves (con, nul, com1 ...)
    except BadName as e:
        raise AuthoringUsageError(f"{e}; choose another name or give --out FILE") from None
    path: Path = args.out or Path(f"{slug}.toml")
    _check_out(path)
    try:
        text = new_deck_text(slug, args.name)
    except ValueError as e:
        raise AuthoringUsageError(str(e)) from None
    _write_deck(path, text)
    print(f"wrote {path} (deck id {slug!r}); edit it, then run: quizapp deck validate {path}")
    return 0


def _progress(done: int, total: int) -> None:
    """A progress bar on stderr for long documents (only when stderr is a terminal)."""
    if total < 20 or not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    print(
        f"\rreading page {done}/{total} [{'#' * filled}{'.' * (width - filled)}] ctrl+c stops", end=end, file=sys.stderr
    )


def cmd_draft(args: argparse.Namespace) -> int:
    from quizapp.authoring import draft_deck, draft_to_toml, slugify
    from quizapp.authoring.docread import read_document

    _check_out(_default_out(args, args.doc), args.force)
    deck_id, prefix = _ids(args)
    try:
        doc = read_document(args.doc, progress=_progress)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        raise AuthoringUsageError(f"{args.doc}: reading stopped; nothing written") from None
    deck, stats = draft_deck(
        doc.text,
        source_id=slugify(args.doc.stem, "document"),
        source_title=args.title or doc.title or args.doc.name,
        deck_id=deck_id,
        id_prefix=prefix,
        marked=doc.kind not in ("text", "markdown"),
        author=doc.author,
        date=doc.date,
    )
    if not deck.notes:
        raise AuthoringUsageError(
            f"{args.doc}: no sentence with a fact to draft a note from ({counted(stats.sentences, 'sentence')} read)"
        )
    _write_deck(args.out, draft_to_toml(deck))
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_kind.items(), key=lambda kv: (-kv[1], kv[0])))
    sections = f"{counted(stats.sections, 'section')}" if stats.sections else "no headings (read as one section)"
    print(f"{args.doc}: {sections}, {counted(stats.paragraphs, 'paragraph')}, {counted(stats.sentences, 'sentence')}")
    print(
        f"wrote {args.out}: {counted(stats.drafted, 'draft note')} ({kinds}); "
        f"{counted(stats.duplicates, 'repeated sentence')} skipped"
    )
    print(f"check each note against the source: quizapp deck review {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from quizapp.authoring import deck_to_toml, import_file

    _check_out(_default_out(args, args.file), args.force)
    deck_id, prefix = _ids(args)
    options: dict[str, object] = {"skip_empty": args.skip_empty, "id_prefix": prefix}
    report: list[str] = []
    if args.file.suffix.casefold() in (".xlsx", ".xlsm"):
        options["report"] = report
    if args.file.suffix.casefold() not in (".apkg", ".colpkg", ".xlsx", ".xlsm"):
        _check_card_file(args.file)
    if args.file.suffix.casefold() not in (".apkg", ".colpkg", ".xlsx", ".xlsm"):
        options.update(delimiter=_unescape(args.delimiter), row_delimiter=_unescape(args.row_delimiter))
    elif args.delimiter or args.row_delimiter:
        raise AuthoringUsageError(f"{args.file}: --delimiter and --row-delimiter are for CSV/TSV files only")
    deck = import_file(args.file, deck_id=deck_id, title=args.title or args.file.stem, **options)
    header = f"Imported from {args.file.name} by `quizapp deck import`: replace the citations with the real sources."
    if args.with_progress and args.file.suffix.casefold() not in (".apkg", ".colpkg"):
        raise AuthoringUsageError(f"{args.file}: --with-progress is for Anki packages (.apkg, .colpkg) only")
    _write_deck(args.out, deck_to_toml(deck, header=header))
    print(f"wrote {args.out}: {counted(len(deck.notes), 'note')} from {args.file}")
    for line in report:
        print(f"{args.file}: {line}")
    if args.with_progress:
        from quizapp.cli.ankiprogress import bring_progress

        return bring_progress(args, deck)
    return 0


def _unescape(value: str | None) -> str | None:
    """'\\t' and '\\n' typed on a command line mean a tab and a new line."""
    if value is None:
        return None
    if value == "":
        raise AuthoringUsageError("a delimiter cannot be empty")
    return value.replace("\\t", "\t").replace("\\n", "\n")


def cmd_export(args: argparse.Namespace) -> int:
    from quizapp.authoring import export_apkg, export_csv, export_json
    from quizapp.decks.library import DeckError, load_deck

    _deck_file(args.deck)
    try:
        deck = load_deck(args.deck).deck
    except DeckError as e:
        return _problems(e.problems, args.deck)
    if args.out.resolve() == args.deck.resolve():
        raise AuthoringUsageError(f"{args.out}: would overwrite the deck itself")
    if not args.out.parent.is_dir():
        raise AuthoringUsageError(f"{args.out.parent}: no such folder")
    drafts = [n for n in deck.notes if n.draft]
    if drafts and not args.include_drafts:
        deck = deck._replace(notes=tuple(n for n in deck.notes if not n.draft))
    if not deck.notes and drafts:
        raise AuthoringUsageError(
            f"{args.deck}: no notes to export: all {len(drafts)} are drafts; check them with "
            f"quizapp deck review {args.deck} (a accepts a note), or add --include-drafts to export them as they are"
        )
    if not deck.notes:
        raise AuthoringUsageError(f"{args.deck}: no notes to export")
    left_out = ""
    if args.format == "kahoot":
        from quizapp.authoring.kahoot import export_kahoot

        unfit = export_kahoot(deck, args.out)
        left_out = (
            f"; {counted(unfit, 'note')} without a choice question that fits Kahoot's limits left out" if unfit else ""
        )
    else:
        {"csv": export_csv, "json": export_json, "apkg": export_apkg}[args.format](deck, args.out)
    skipped = (
        f"; {counted(len(drafts), 'draft note')} left out (--include-drafts to keep them)"
        if drafts and not args.include_drafts
        else ""
    )
    print(f"wrote {args.out}: {counted(len(deck.notes), 'note')} as {args.format}{skipped}{left_out}")
    return 0


def _tui(args: argparse.Namespace, mode: Literal["edit", "review"]) -> int:
    from quizapp.authoring.edit import EditRefused
    from quizapp.tui.authoring_app import make_authoring_app

    _deck_file(args.deck)
    try:
        app = make_authoring_app(args.deck, mode=mode)
    except EditRefused as e:
        if e.problems:
            return _problems(e.problems, args.deck)
        raise
    if mode == "review" and not any(n.draft for n in app.config.loaded.deck.notes):
        print(f"{args.deck}: no draft notes to review")
        return 0
    app.run()
    if mode == "review":
        _after_review(args)
    return app.return_code or 0


def _after_review(args: argparse.Namespace) -> None:
    """Where the reviewed deck stands, and how to study it or give it to a class."""
    from quizapp.cli.main import deck_locations
    from quizapp.decks.library import DeckError, load_deck
    from quizapp.paths import home, user_decks_dir

    try:
        deck = load_deck(args.deck).deck
    except (DeckError, OSError):
        return
    drafts = sum(1 for n in deck.notes if n.draft)
    left = f"{counted(drafts, 'still draft')} (quizapp deck review {args.deck} goes on)" if drafts else "no drafts left"
    print(f"{args.deck}: {counted(len(deck.notes), 'note')}, {left}; every decision is saved")
    found = any(args.deck.resolve().is_relative_to(d.resolve()) for d in deck_locations(args))
    if not found:
        folder = user_decks_dir(home(args.home))
        print(f"to study it or use it in a class, give --decks {args.deck} or move it into {folder}")


def cmd_edit(args: argparse.Namespace) -> int:
    return _tui(args, "edit")


def cmd_review(args: argparse.Namespace) -> int:
    return _tui(args, "review")
