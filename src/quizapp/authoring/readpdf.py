"""Read a PDF's text layer with pypdfium2 (PDFium): every page, headings told by font size, paragraphs by spacing.

Running heads and page numbers that repeat on most pages are dropped, footnote marks (small raised digits) too,
and words hyphenated at a line end are joined. Pages are separated by a form feed line (see docread).
PDFium was chosen over pypdf and pdfminer.six by measurement (docs/authoring.md): about ten times faster a page,
which is what makes a 2,000-page handout a one-minute read.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from quizapp.authoring.docread import MAX_TEXT_CHARS, Document, Progress, clean_meta, partial_date
from quizapp.authoring.imported import ImportProblem

MAX_PAGES = 5000
HEADING_RATIO = 1.08  # a line this much larger than the body text is a heading (12 pt over 11 pt is one)


@dataclass
class _Line:
    y: float
    size: float
    text: str
    x0: float = 0.0
    x1: float = 0.0


def read_pdf(path: Path, progress: Progress | None = None) -> Document:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        if "password" in str(e).casefold():
            raise ImportProblem(
                "an encrypted PDF: it needs a password; save a copy without one and draft that"
            ) from None
        raise ImportProblem(
            "a damaged or incomplete PDF (cut short while downloading?); open it and save it again"
        ) from None
    try:
        return _read(pdf, pdfium_c, progress)
    finally:
        pdf.close()


def _read(pdf: object, pdfium_c: object, progress: Progress | None) -> Document:
    count = len(pdf)  # type: ignore[arg-type]
    if count == 0:
        raise ImportProblem("a PDF with no pages")
    if count > MAX_PAGES:
        raise ImportProblem(f"a PDF of {count:,} pages; the limit is {MAX_PAGES:,}: split it and draft the parts")
    pages: list[list[_Line]] = []
    chars = 0
    for i in range(count):
        try:
            page = pdf[i]  # type: ignore[index]
            try:
                lines = _page_lines(page, pdfium_c)
            finally:
                page.close()
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
    try:
        info = pdf.get_metadata_dict()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - metadata is optional
        info = {}
    return Document(
        "pdf",
        _to_text(pages),
        title=clean_meta(info.get("Title")),
        author=clean_meta(info.get("Author")),
        date=partial_date(clean_meta(info.get("CreationDate"))),
        pages=count,
    )


_MARK = re.compile(r"(?<=[^\s\d])\d{1,3}(?=[\s.,;:)]|$)")  # digits glued after a word: maybe a footnote mark


def _page_lines(page: object, pdfium_c: object) -> list[_Line]:
    """The page's lines (PDFium ends each with CR LF) with the baseline and font size of their first character;
    footnote marks (digits smaller than the line or raised above it) are dropped."""
    import ctypes

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    x, y = ctypes.c_double(), ctypes.c_double()

    def baseline(index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))  # type: ignore[attr-defined]
        return y.value

    try:
        full = textpage.get_text_range()
        lines: list[_Line] = []
        pos = 0
        for raw_line in full.split("\r\n"):
            line_start, pos = pos, pos + len(raw_line) + 2
            lead = line_start + len(raw_line) - len(raw_line.lstrip())
            line_size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, lead)) or 1.0  # type: ignore[attr-defined]
            for start, raw, x0, x1 in _segments(textpage, line_start, raw_line, line_size):
                first = start + len(raw) - len(raw.lstrip())
                bottom = baseline(first)
                size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, first)) or 1.0  # type: ignore[attr-defined]
                text = raw
                for m in reversed(list(_MARK.finditer(raw))):
                    at = start + m.start()
                    small = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, at)) < 0.8 * size  # type: ignore[attr-defined]
                    if small or baseline(at) > bottom + 0.2 * size:
                        text = text[: m.start()] + text[m.end() :]
                text = " ".join(text.split())
                last = lines[-1] if lines else None
                if last and abs(last.y - bottom) < 0.3 * size and last.size == size and x0 - last.x1 < 2 * size:
                    last.text += ("" if text[:1] in ".,;:)" else " ") + text  # one printed line PDFium broke
                    last.x1 = x1
                else:
                    lines.append(_Line(bottom, size, text, x0, x1))
    finally:
        textpage.close()
    return _reading_order([ln for ln in lines if ln.text])


def _segments(textpage: object, start: int, raw: str, size: float) -> list[tuple[int, str, float, float]]:
    """One line of PDFium's text as the runs it prints, cut where a gap wider than two font sizes (a column
    gutter) separates two characters: (index of the first character, text, left, right)."""
    out: list[tuple[int, str, float, float]] = []
    seg_start, left, right = 0, 0.0, 0.0
    seen = False
    for i, ch in enumerate(raw):
        if ch.isspace():
            continue
        x0, _, x1, _ = textpage.get_charbox(start + i)  # type: ignore[attr-defined]
        if seen and x0 - right > 2 * size:
            out.append((start + seg_start, raw[seg_start:i], left, right))
            seg_start, left = i, x0
        elif not seen:
            left = x0
        seen, right = True, max(right, x1) if seen else x1
    if seen:
        out.append((start + seg_start, raw[seg_start:], left, right))
    return out


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """Lines of a page of two columns stored across them (left line, right line, left line...) in reading
    order: column 1 then column 2, between any lines that span the page. A gutter is found where three or
    more printed lines have a run ending left of it and another beginning right of it on the same baseline;
    pages without one (single columns, columns stored one after the other) are left as they are."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if abs(a.y - b.y) < 0.3 * a.size and b.x0 > a.x1]
    prose = [(a.x1 + b.x0) / 2 for a, b in pairs if min(len(a.text), len(b.text)) >= 25]
    if len(prose) < 3 or len(prose) * 2 < len(pairs):  # no columns (a table's cells are short): one line again
        out: list[_Line] = []
        for ln in lines:
            if out and abs(out[-1].y - ln.y) < 0.3 * ln.size and ln.x0 > out[-1].x1:
                out[-1] = _Line(out[-1].y, out[-1].size, out[-1].text + " " + ln.text, out[-1].x0, ln.x1)
            else:
                out.append(ln)
        return out
    gutter = statistics.median(prose)
    out = []
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in sorted(lines, key=lambda ln: -ln.y):
        if ln.x1 <= gutter:
            left.append(ln)
        elif ln.x0 >= gutter:
            right.append(ln)
        else:  # spans the page: the columns above it end here
            out += left + right + [ln]
            left, right = [], []
    return out + left + right


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
            if prev is not None and not is_heading and _next_column(prev, ln, step):
                new_block = False  # a sentence running on from the foot of one column to the top of the next
            if prev is not None and round(prev.size, 1) in level and not is_heading:
                new_block = True
            if new_block and para:
                out.extend(_block(para))
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
            out.extend(_block(para))
    return "\n\n".join(_across_pages(out))


def _next_column(prev: _Line, ln: _Line, step: float) -> bool:
    return (
        ln.y - prev.y > step
        and ln.x0 > prev.x1
        and not re.search(r"[.!?:][\"”’)]?$", prev.text)
        and ln.text[:1].islower()
    )


def _block(lines: list[str]) -> list[str]:
    """A block of lines as paragraphs: one paragraph, or one a line when the block is a table or a list (three
    or more short lines, most neither ending a sentence nor going on in lower case), so a table's rows never run
    into one another or into a sentence."""
    if len(lines) >= 3 and all(len(ln) < 60 for ln in lines):
        ends = sum(bool(re.search(r"[.!?:;][\"”’)]?$", ln)) for ln in lines)
        lower = sum(ln[:1].islower() for ln in lines[1:])  # prose goes on in lower case; rows start anew
        if ends * 2 < len(lines) and lower * 4 < len(lines):
            return lines
    return [_join(lines)]


def _across_pages(out: list[str]) -> list[str]:
    """A paragraph cut by a page break is joined again (the page before it keeps it, for its locator): the last
    paragraph of a page ends without a sentence's end and the next page starts in lower case."""
    i = 1
    while i < len(out) - 1:
        before, after = out[i - 1], out[i + 1]
        if (
            out[i] == "\f"
            and not before.startswith("#")
            and not re.search(r"[.!?:][\"”’)]?$", before)
            and after[:1].islower()
        ):
            out[i - 1] = _join([before, after])
            del out[i + 1]
        i += 1
    return out


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
