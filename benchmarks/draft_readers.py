"""Document readers side by side: ours against the libraries we could have used, on the fixture documents.

Usage: PYTHONPATH=src python3 benchmarks/draft_readers.py [PAGES]
Peers are measured when importable (install them in a scratch folder and add it to PYTHONPATH: pdfminer.six,
pypdfium2, python-docx, python-pptx, ebooklib, trafilatura, selectolax, markitdown); the rest are skipped.
Figures: milliseconds (best of 3), headings found, paragraphs, and debris left in the text (reference marks,
"[edit]", navigation, cookie banners, footnote digits glued to words). PAGES (default 2000) is the length of
the long PDF made from the fixture's second page, to time a big handout.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizapp.authoring.docread import read_document

DOCS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "authoring" / "documents"
DEBRIS = re.compile(r"\[edit\]|\[\d+\]|cookie|Privacy|dataLayer|Accept all|Related pages|Explore|\b[a-z]+[,.;]\d\b")


def _best(fn: Callable[[], str], runs: int = 3) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000, out


def _row(fmt: str, name: str, fn: Callable[[], str]) -> None:
    try:
        ms, text = _best(fn)
    except ImportError:
        print(f"{fmt:5} {name:28} (not installed)")
        return
    heads = len(re.findall(r"(?m)^#{1,6} ", text))
    paras = len([p for p in re.split(r"\n\s*\n", text) if p.strip()])
    debris = len(DEBRIS.findall(text))
    print(f"{fmt:5} {name:28} {ms:9.1f} {heads:8} {paras:6} {debris:6} {len(text):7}")


def _ours(path: Path) -> Callable[[], str]:
    return lambda: read_document(path).text


def _pypdf_plain(path: Path) -> str:
    import pypdf

    return "\n\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def _pdfium(path: Path) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    return "\n\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def _markitdown(path: Path) -> str:
    from markitdown import MarkItDown

    return MarkItDown().convert(str(path)).text_content


def _python_docx(path: Path) -> str:
    import docx

    out = []
    for p in docx.Document(str(path)).paragraphs:
        if p.text.strip():
            level = re.fullmatch(r"Heading (\d)", p.style.name or "")
            out.append(("#" * int(level[1]) + " " if level else "") + p.text)
    return "\n\n".join(out)


def _python_pptx(path: Path) -> str:
    import pptx

    out = []
    for slide in pptx.Presentation(str(path)).slides:
        out.append("# " + (slide.shapes.title.text if slide.shapes.title else ""))
        out += [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title]
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n\n".join(out)


def _ebooklib(path: Path) -> str:
    import ebooklib
    from ebooklib import epub

    from quizapp.authoring.readhtml import read_html

    book = epub.read_epub(str(path))
    items = book.get_items_of_type(ebooklib.ITEM_DOCUMENT)
    return "\n\n".join(read_html(i.get_content().decode()).text for i in items)


def _trafilatura(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_text(), include_comments=False, output_format="markdown") or ""


def _selectolax(path: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(path.read_text())
    for sel in ("script", "style", "nav", "header", "footer", "aside"):
        for node in tree.css(sel):
            node.decompose()
    body = tree.css_first("main") or tree.body
    return body.text(separator="\n\n") if body else ""


def _long_pdf(pages: int) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    page = pypdf.PdfReader(DOCS / "pianoforte-sonata.pdf").pages[1]
    for _ in range(pages):
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    path = Path(tempfile.mkdtemp()) / "long.pdf"
    path.write_bytes(buf.getvalue())
    return path


def main(argv: list[str]) -> int:
    pages = int(argv[1]) if len(argv) > 1 else 2000
    print(f"{'fmt':5} {'reader':28} {'ms':>9} {'headings':>8} {'paras':>6} {'debris':>6} {'chars':>7}")
    pdf, docx, html = DOCS / "pianoforte-sonata.pdf", DOCS / "chiriqui.docx", DOCS / "egypt-factbook.html"
    pptx, epub = DOCS / "mongolia.pptx", DOCS / "chiriqui.epub"
    for name, fn in (
        ("ours (pypdfium2, layout)", _ours(pdf)),
        ("pypdf extract_text", lambda: _pypdf_plain(pdf)),
        ("pdfminer.six extract_text", lambda: _pdfminer(pdf)),
        ("pypdfium2 text range", lambda: _pdfium(pdf)),
        ("markitdown", lambda: _markitdown(pdf)),
    ):
        _row("pdf", name, fn)
    for name, fn in (
        ("ours (zipfile + ElementTree)", _ours(docx)),
        ("python-docx", lambda: _python_docx(docx)),
        ("markitdown", lambda: _markitdown(docx)),
    ):
        _row("docx", name, fn)
    for name, fn in (("ours (zipfile + ElementTree)", _ours(pptx)), ("python-pptx", lambda: _python_pptx(pptx))):
        _row("pptx", name, fn)
    for name, fn in (("ours (zipfile + ElementTree)", _ours(epub)), ("ebooklib + our HTML", lambda: _ebooklib(epub))):
        _row("epub", name, fn)
    for name, fn in (
        ("ours (html.parser)", _ours(html)),
        ("trafilatura (markdown)", lambda: _trafilatura(html)),
        ("selectolax (tags dropped)", lambda: _selectolax(html)),
        ("markitdown", lambda: _markitdown(html)),
    ):
        _row("html", name, fn)
    long = _long_pdf(pages)
    t = time.perf_counter()
    doc = read_document(long)
    took = time.perf_counter() - t
    print(f"\n{pages}-page PDF, ours: {took:.1f} s ({took / pages * 1000:.1f} ms a page), {len(doc.text):,} chars")
    sample = _long_pdf(100)
    for name, fn in (("pypdf extract_text", _pypdf_plain), ("pdfminer.six extract_text", _pdfminer)):
        try:
            t = time.perf_counter()
            fn(sample)
            took = time.perf_counter() - t
            print(f"100-page PDF, {name}: {took:.1f} s ({took * 10:.1f} ms a page)")
        except ImportError:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
