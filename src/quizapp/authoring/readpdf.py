"""Read a PDF's text layer with pypdf: every page, headings told by font size, paragraphs by line spacing.

Running heads and page numbers that repeat on most pages are dropped, footnote marks (small raised digits) too,
and words hyphenated at a line end are joined. Pages are separated by a form feed line (see docread).
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from quizapp.authoring.docread import MAX_TEXT_CHARS, Document, Progress, clean_meta, partial_date
from quizapp.authoring.imported import ImportProblem

MAX_PAGES = 5000
HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading


@dataclass
class _Line:
    y: float
    size: float
    text: str


def read_pdf(path: Path, progress: Progress | None = None) -> Document:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported by us, in one message
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError):
                opened = 0
            if not opened:
                raise ImportProblem("an encrypted PDF: it needs a password; save a copy without one and draft that")
        count = len(reader.pages)
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 - any failure of the parser on a damaged file is reported as damage
        raise ImportProblem(
            "a damaged or incomplete PDF (cut short while downloading?); open it and save it again"
        ) from None
    if count == 0:
        raise ImportProblem("a PDF with no pages")
    if count > MAX_PAGES:
        raise ImportProblem(f"a PDF of {count:,} pages; the limit is {MAX_PAGES:,}: split it and draft the parts")
    pages: list[list[_Line]] = []
    chars = 0
    for i in range(count):
        try:
            lines = _page_lines(reader.pages[i])
        except Exception:  # noqa: BLE001 - one damaged page is skipped, the rest are read
            lines = []
        chars += sum(len(ln.text) for ln in lines)
        if chars > MAX_TEXT_CHARS:
            raise ImportProblem(f"over {MAX_TEXT_CHARS:,} characters of text")
        pages.append(lines)
        if progress:
            progress(i + 1, count)
    letters = sum(sum(c.isalpha() for c in ln.text) for p in pages for ln in p)
    if letters < 20 * count and letters < 200:
        raise ImportProblem("a scanned PDF: it has no text to draft from (run it through OCR first)")
    meta = _metadata(reader)
    return Document("pdf", _to_text(pages), pages=count, **meta)


def _metadata(reader: object) -> dict[str, str | None]:
    try:
        info = reader.metadata or {}  # type: ignore[attr-defined]
        return {
            "title": clean_meta(info.get("/Title")),
            "author": clean_meta(info.get("/Author")),
            "date": partial_date(clean_meta(info.get("/CreationDate"))),
        }
    except Exception:  # noqa: BLE001 - metadata is optional
        return {"title": None, "author": None, "date": None}


def _page_lines(page: object) -> list[_Line]:
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text or not text.strip(" \n"):
            if text and "\n" in text:
                runs.append((float("nan"), 0.0, "\n"))
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        runs.append((y, (size or 1.0) * scale, text))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    lines: list[_Line] = []
    for y, size, text in runs:
        if y != y:  # nan: an explicit line break in the stream
            continue
        for k, part in enumerate(text.split("\n")):
            if not part.strip():
                continue
            cur = lines[-1] if lines else None
            if k == 0 and cur and abs(y - cur.y) < 0.6 * max(size, cur.size):
                if size < 0.8 * cur.size and part.strip().isdigit():
                    continue  # a footnote mark
                cur.text += part
                cur.size = max(cur.size, size) if len(part.strip()) > 3 else cur.size
            else:
                lines.append(_Line(y - k * size, size, part))
    for ln in lines:
        ln.text = " ".join(ln.text.split())
    return [ln for ln in lines if ln.text]


def _repeated(pages: list[list[_Line]]) -> set[str]:
    """Running heads and page numbers: first or last lines that recur (digits aside) on most pages."""
    if len(pages) < 3:
        return {
            ln.text for p in pages for ln in p if re.fullmatch(r"(?:page\s*)?\d{1,4}(?:\s*of\s*\d+)?", ln.text, re.I)
        }
    edge: Counter[str] = Counter()
    for p in pages:
        for ln in {x.text for x in p[:2] + p[-2:]}:
            edge[re.sub(r"\d+", "#", ln)] += 1
    return {k for k, n in edge.items() if n >= max(3, len(pages) // 2)}


def _to_text(pages: list[list[_Line]]) -> str:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p:
            sizes[round(ln.size, 1)] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    heading_sizes = sorted({s for s in sizes if s >= body * HEADING_RATIO}, reverse=True)
    level = {s: min(i + 1, 6) for i, s in enumerate(heading_sizes)}
    drop = _repeated(pages)
    out: list[str] = []
    for n, p in enumerate(pages):
        if n:
            out.append("\f")
        lines = [ln for ln in p if re.sub(r"\d+", "#", ln.text) not in drop and ln.text not in drop]
        gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if 0 < a.y - b.y < 3 * body]
        step = statistics.median(gaps) if gaps else body * 1.2
        para: list[str] = []
        prev: _Line | None = None
        for ln in lines:
            is_heading = round(ln.size, 1) in level and len(ln.text) <= 120
            new_block = prev is None or is_heading or (prev.y - ln.y) > 1.3 * step or (prev.y - ln.y) < -step
            if prev is not None and round(prev.size, 1) in level and not is_heading:
                new_block = True
            if new_block and para:
                out.append(_join(para))
                para = []
            if is_heading:
                if prev is not None and round(prev.size, 1) == round(ln.size, 1) and out and out[-1].startswith("#"):
                    out[-1] += " " + ln.text  # a heading wrapped over two lines
                else:
                    out.append("#" * level[round(ln.size, 1)] + " " + ln.text)
            else:
                para.append(ln.text)
            prev = ln
        if para:
            out.append(_join(para))
    return "\n\n".join(out)


def _join(lines: list[str]) -> str:
    text = lines[0]
    for nxt in lines[1:]:
        if re.search(r"[a-z]-$", text) and nxt[:1].islower():
            text = text[:-1] + nxt
        elif re.search(r"\d[-–]$", text) and nxt[:1].isdigit():
            text += nxt  # a range broken at its dash: "1720-" / "23"
        else:
            text += " " + nxt
    return text
