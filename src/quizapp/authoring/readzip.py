"""Read the zipped XML documents (DOCX, ODT, PPTX, EPUB) with the standard library, within fixed bounds.

Before any member is inflated its declared size is checked against MAX_MEMBER and the running total against
MAX_TOTAL, and reading stops at the declared size, so a zip bomb costs a message, not the machine's memory. XML
with a DOCTYPE (entity tricks) is refused; these formats never need one.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from quizapp.authoring.docread import Document, clean_meta, partial_date
from quizapp.authoring.imported import ImportProblem, size_text

MAX_MEMBER = 64 * 2**20  # one part of the package, uncompressed
MAX_TOTAL = 256 * 2**20  # all parts read from one package, uncompressed
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # uncompressed / compressed size of one large part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCT = "{http://purl.org/dc/terms/}"
OPF = "{http://www.idpf.org/2007/opf}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_TOTAL


def member(zf: zipfile.ZipFile, name: str, limit: int | None = None, budget: _Budget | None = None) -> bytes:
    """The bytes of one member, refused before inflating when its declared size is over a bound."""
    limit = MAX_MEMBER if limit is None else min(limit, MAX_MEMBER)
    if len(zf.infolist()) > MAX_MEMBERS:
        raise ImportProblem(f"a zip with over {MAX_MEMBERS:,} parts; not a document")
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ImportProblem(f"part {name!r} is missing; the file is damaged") from None
    if info.file_size > limit or (budget and info.file_size > budget.left):
        raise ImportProblem(
            f"part {name!r} would inflate to {size_text(info.file_size)}, over the limit of {size_text(limit)} "
            "(a zip bomb, or a document too large to draft from)"
        )
    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ImportProblem(
            f"part {name!r} is compressed {info.file_size // max(info.compress_size, 1)}:1 (a zip bomb)"
        )
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ImportProblem(f"part {name!r} is larger than it says; the file is damaged")
    if budget:
        budget.left -= len(data)
    return data


def _xml(data: bytes, name: str) -> ET.Element:
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ImportProblem(f"part {name!r} declares a DOCTYPE or entities; refused")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise ImportProblem(f"part {name!r} is not well-formed XML ({e}); the file is damaged") from None


def read(zf: zipfile.ZipFile, kind: str) -> Document:
    budget = _Budget()
    reader = {"docx": _docx, "odt": _odt, "pptx": _pptx, "epub": _epub}[kind]
    return reader(zf, budget)


def _core(zf: zipfile.ZipFile, budget: _Budget) -> dict[str, Any]:
    """Title, author and date from docProps/core.xml (Office documents)."""
    if "docProps/core.xml" not in zf.namelist():
        return {}
    root = _xml(member(zf, "docProps/core.xml", 2**20, budget), "docProps/core.xml")
    return {
        "title": clean_meta(root.findtext(f"{DC}title")),
        "author": clean_meta(root.findtext(f"{DC}creator")),
        "date": partial_date(root.findtext(f"{DCT}created")),
    }


def _rels(zf: zipfile.ZipFile, part: str, budget: _Budget) -> dict[str, str]:
    """Relationship id -> target part name for `part`."""
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in zf.namelist():
        return {}
    root = _xml(member(zf, name, 8 * 2**20, budget), name)
    return {
        r.get("Id", ""): posixpath.normpath(posixpath.join(folder, r.get("Target", "")))
        for r in root.iter(f"{PR}Relationship")
    }


def _docx(zf: zipfile.ZipFile, budget: _Budget) -> Document:
    styles: dict[str, str] = {}
    if "word/styles.xml" in zf.namelist():
        for st in _xml(member(zf, "word/styles.xml", budget=budget), "styles").iter(f"{W}style"):
            name = st.find(f"{W}name")
            styles[st.get(f"{W}styleId", "")] = (name.get(f"{W}val", "") if name is not None else "").casefold()
    body = _xml(member(zf, "word/document.xml", budget=budget), "word/document.xml")
    out: list[str] = []
    for p in body.iter(f"{W}p"):
        parts = []
        for run in p.iter(f"{W}r"):
            va = run.find(f"{W}rPr/{W}vertAlign")
            pos = run.find(f"{W}rPr/{W}position")
            shift = (pos.get(f"{W}val") or "0") if pos is not None else "0"
            raised = (va is not None and va.get(f"{W}val") == "superscript") or (
                shift.lstrip("-").isdigit() and int(shift) > 0
            )
            for t in run:
                if t.tag == f"{W}t" and not (raised and (t.text or "").strip().isdigit()):  # footnote marks
                    parts.append(t.text or "")
                elif t.tag in (f"{W}tab", f"{W}br"):
                    parts.append(" ")
        text = "".join(parts).strip()
        if not text:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        style_name = styles.get(style.get(f"{W}val", ""), "") if style is not None else ""
        m = re.fullmatch(r"heading (\d)|(title)", style_name)
        out.append(("#" * int(m[1] or 1) + " " if m else "") + " ".join(text.split()))
    return Document("docx", "\n\n".join(out), **_core(zf, budget))


def _odt(zf: zipfile.ZipFile, budget: _Budget) -> Document:
    root = _xml(member(zf, "content.xml", budget=budget), "content.xml")
    out: list[str] = []

    def text_of(el: ET.Element) -> str:
        parts = [el.text or ""]
        for ch in el:
            if ch.tag == f"{TEXT}s":
                parts.append(" " * int(ch.get(f"{TEXT}c", "1") or 1))
            elif ch.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
                parts.append(" ")
            elif ch.tag != f"{TEXT}note":  # footnote bodies are not part of the sentence
                parts.append(text_of(ch))
            parts.append(ch.tail or "")
        return "".join(parts)

    for el in root.iter():
        if el.tag in (f"{TEXT}h", f"{TEXT}p"):
            text = " ".join(text_of(el).split())
            if text:
                level = int(el.get(f"{TEXT}outline-level", "1") or 1) if el.tag == f"{TEXT}h" else 0
                out.append(("#" * min(level, 6) + " " if level else "") + text)
    meta: dict[str, Any] = {}
    if "meta.xml" in zf.namelist():
        m = _xml(member(zf, "meta.xml", 2**20, budget), "meta.xml")
        meta = {
            "title": clean_meta(m.findtext(f".//{DC}title")),
            "author": clean_meta(m.findtext(f".//{META}initial-creator")),
            "date": partial_date(m.findtext(f".//{META}creation-date")),
        }
    return Document("odt", "\n\n".join(_dedupe_nested(out)), **meta)


def _dedupe_nested(blocks: list[str]) -> list[str]:
    """Paragraphs inside list items or frames are visited once each; drop exact consecutive repeats."""
    out: list[str] = []
    for b in blocks:
        if not out or out[-1] != b:
            out.append(b)
    return out


def _pptx(zf: zipfile.ZipFile, budget: _Budget) -> Document:
    pres = "ppt/presentation.xml"
    rels = _rels(zf, pres, budget)
    order = [rels.get(s.get(f"{R}id", ""), "") for s in _xml(member(zf, pres, budget=budget), pres).iter(f"{P}sldId")]
    out: list[str] = []
    for n, slide in enumerate([s for s in order if s in zf.namelist()], 1):
        root = _xml(member(zf, slide, budget=budget), slide)
        title, body = None, []
        for sp in root.iter(f"{P}sp"):
            ph = sp.find(f".//{P}nvPr/{P}ph")
            paras = [" ".join("".join(t.text or "" for t in p.iter(f"{A}t")).split()) for p in sp.iter(f"{A}p")]
            paras = [p for p in paras if p]
            if ph is not None and ph.get("type") in ("title", "ctrTitle") and title is None:
                title = " ".join(paras)
            else:
                body += paras
        out.append(f"# {title or f'Slide {n}'}")
        out += body
        notes = [t for t in _rels(zf, slide, budget).values() if "notesSlide" in t and t in zf.namelist()]
        for note in notes[:1]:
            nroot = _xml(member(zf, note, budget=budget), note)
            for sp in nroot.iter(f"{P}sp"):
                ph = sp.find(f".//{P}nvPr/{P}ph")
                if ph is not None and ph.get("type") not in ("body", None):
                    continue  # the slide image and the slide number on the notes page
                for p in sp.iter(f"{A}p"):
                    text = " ".join("".join(t.text or "" for t in p.iter(f"{A}t")).split())
                    if text:
                        out.append(text)
    return Document("pptx", "\n\n".join(out), pages=len(order), **_core(zf, budget))


def _epub(zf: zipfile.ZipFile, budget: _Budget) -> Document:
    from quizapp.authoring.readhtml import heading_classes, read_html

    container = _xml(member(zf, "META-INF/container.xml", 2**20, budget), "META-INF/container.xml")
    rootfile = next((e.get("full-path") for e in container.iter() if e.tag.endswith("rootfile")), None)
    if not rootfile or rootfile not in zf.namelist():
        raise ImportProblem("an EPUB without its package file; the file is damaged")
    opf = _xml(member(zf, rootfile, 8 * 2**20, budget), rootfile)
    folder = posixpath.dirname(rootfile)
    items = {
        i.get("id"): posixpath.normpath(posixpath.join(folder, i.get("href", "")))
        for i in opf.iter(f"{OPF}item")
        if "html" in (i.get("media-type") or "")
    }
    spine = [items[r.get("idref")] for r in opf.iter(f"{OPF}itemref") if r.get("idref") in items]
    css = [
        posixpath.normpath(posixpath.join(folder, i.get("href", "")))
        for i in opf.iter(f"{OPF}item")
        if i.get("media-type") == "text/css"
    ]
    styles: dict[str, int] = {}
    for name in css:
        if name in zf.namelist():
            styles.update(heading_classes(member(zf, name, 2**20, budget).decode("utf-8", "replace")))
    parts = []
    for name in spine:
        if name in zf.namelist() and not name.endswith(("nav.xhtml", "toc.xhtml")):
            markup = member(zf, name, budget=budget).decode("utf-8", "replace")
            # headings without h1-h6 (LibreOffice's export) are told by their style, when the styles mark them
            parts.append(read_html(markup, None if re.search(r"<h[1-6]\b", markup) else styles).text)
    meta = {
        "title": clean_meta(opf.findtext(f".//{DC}title")),
        "author": clean_meta(opf.findtext(f".//{DC}creator")),
        "date": partial_date(opf.findtext(f".//{DC}date")),
    }
    return Document("epub", "\n\n".join(p for p in parts if p.strip()), pages=len(spine), **meta)
