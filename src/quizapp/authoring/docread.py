"""Read a teacher's document (PDF, Word, OpenDocument, slides, web page, EPUB, Markdown, text) as marked-up text.

The format is told by the file's first bytes, not its name. Every reader returns a `Document` whose text is
plain paragraphs separated by blank lines, with headings as "# Title" lines and, for PDFs, a form feed line
between pages; `docsplit` turns that into sections, pages and paragraphs. The PDF reader (pypdfium2) is imported
only here, when a document is drafted. Bad files raise ImportProblem with a plain message, never a traceback.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quizapp.authoring.imported import MAX_IMPORT_BYTES, ImportProblem, size_text

Progress = Callable[[int, int], None]  # (pages done, pages in all)
MAX_TEXT_CHARS = 20_000_000  # text taken from one document, whatever its format


@dataclass(frozen=True)
class Document:
    """A document's text (see the module docstring for its marks) and what its metadata says."""

    kind: str  # "pdf", "docx", "odt", "pptx", "epub", "html", "markdown", "text"
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    pages: int = 0  # PDF pages, or slides


_NOT_DOCS = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old binary Office file (.doc/.ppt/.xls); save it as .docx or .pptx"),
    (b"{\\rtf", "a Rich Text (.rtf) file; save it as .docx"),
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
    (b"\x1f\x8b", "a gzip archive, not a document"),
    (b"7z\xbc\xaf", "a 7-Zip archive, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"SQLite format 3\x00", "an SQLite database, not a document"),
    (b"\x7fELF", "a program, not a document"),
    (b"MZ", "a Windows program, not a document"),
]
_SUPPORTED = "PDF, Word (.docx), OpenDocument (.odt), PowerPoint (.pptx), EPUB, HTML, Markdown or text"


def sniff(head: bytes, names: list[str] | None = None, mimetype: bytes = b"") -> str:
    """The document kind its first bytes (and, for a zip, its member names) say it is; ImportProblem otherwise."""
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not head.startswith(b"PK\x03\x04")):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        names = names or []
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if mimetype.startswith(b"application/epub+zip"):
            return "epub"
        if "word/document.xml" in names:
            return "docx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "xl/workbook.xml" in names:
            raise ImportProblem("a spreadsheet, not a document to draft from; a Kahoot quiz imports with deck import")
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise ImportProblem(f"an OpenDocument file of type {mimetype.decode('ascii', 'replace')}; not a text")
        raise ImportProblem(f"a zip archive, but not a Word, OpenDocument, PowerPoint or EPUB file; give {_SUPPORTED}")
    for magic, what in _NOT_DOCS:
        if head.startswith(magic):
            raise ImportProblem(what)
    return "text"


def read_document(path: Path, *, max_bytes: int = MAX_IMPORT_BYTES, progress: Progress | None = None) -> Document:
    """The document at `path`, read by the reader its content calls for."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportProblem(f"{path}: not a regular file")
        if size > max_bytes:
            raise ImportProblem(f"{path}: {size_text(size)} is over the limit of {size_text(max_bytes)}")
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except OSError as e:
        raise ImportProblem(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        return _read(path, head, progress)
    except ImportProblem as e:
        msg = str(e)
        raise ImportProblem(msg if msg.startswith(str(path)) else f"{path}: {msg}") from None
    except MemoryError:
        raise ImportProblem(f"{path}: too large to read") from None
    except RecursionError:
        raise ImportProblem(f"{path}: nested too deeply to read") from None


def _read(path: Path, head: bytes, progress: Progress | None) -> Document:
    if head.startswith(b"PK\x03\x04"):
        from quizapp.authoring import readzip

        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
                mimetype = readzip.member(zf, "mimetype", 200) if "mimetype" in names else b""
                kind = sniff(head, names, mimetype.strip())
                return readzip.read(zf, kind)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            ValueError,
            NotImplementedError,
            zipfile.LargeZipFile,
            OSError,
        ):
            # OSError: a header whose offsets point outside the file (a seek to a negative position)
            raise ImportProblem(
                "a damaged zip file (cut short, or not really a document); open it and save it again"
            ) from None
        except RuntimeError as e:  # zipfile's other RuntimeError (NotImplementedError, above, is one): a password
            if "encrypted" not in str(e):
                raise
            raise ImportProblem("a password-protected (encrypted) document; save a copy without a password") from None
    kind = sniff(head)
    if kind == "pdf":
        from quizapp.authoring.readpdf import read_pdf

        return read_pdf(path, progress)
    text = decode_text(path.read_bytes())
    if looks_like_html(text):
        from quizapp.authoring.readhtml import read_html

        return read_html(text)
    is_md = path.suffix.casefold() in (".md", ".markdown") or bool(re.search(r"(?m)^#{1,6} \S", text))
    return Document("markdown" if is_md else "text", text)


def looks_like_html(text: str) -> bool:
    start = text.lstrip()[:1000].casefold()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].casefold()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 or UTF-16/32 with a BOM, UTF-16 without one, UTF-8, else Windows-1252;
    ImportProblem when it is none of these (binary data, or a code page that cannot be told)."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                raise ImportProblem(f"broken {enc.upper()} text at byte {e.start}") from None
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return _checked(data.decode(enc), "UTF-16")
        except UnicodeDecodeError:
            raise ImportProblem("a binary file, not text or a document; give " + _SUPPORTED) from None
    if len(re.findall(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]", sample)) > max(10, len(sample) // 50):
        raise ImportProblem("a binary file, not text or a document; give " + _SUPPORTED)
    try:
        return _checked(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ImportProblem(
            f"not UTF-8 (first bad byte {utf8_error.start}, line {line}) nor Windows-1252 text; "
            "save it as UTF-8 and try again"
        ) from None
    return _checked(text, "Windows-1252")


def _checked(text: str, enc: str) -> str:
    if len(_CONTROL.findall(text[:20000])) > 10:
        raise ImportProblem(f"a binary file (read as {enc} it is full of control characters); give {_SUPPORTED}")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportProblem(f"over {MAX_TEXT_CHARS:,} characters of text")
    return text.replace("\x00", "")


def partial_date(value: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from a metadata date (ISO text or a PDF 'D:20240131...' stamp)."""
    if not value:
        return None
    m = re.match(r"(?:D:)?(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?", value.strip())
    if not m or not 1000 <= int(m[1]) <= 2100:
        return None
    parts = [p for p in m.groups() if p]
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= int(parts[2]) <= 31:
        parts = parts[:2]
    return "-".join(parts)


def clean_meta(value: object, limit: int = 300) -> str | None:
    """A metadata string made safe for a deck: one line, no control characters, at most `limit` characters."""
    if not isinstance(value, str):
        return None
    text = " ".join(_CONTROL.sub(" ", value).split())
    return text[:limit] or None
