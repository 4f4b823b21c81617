"""Split a plain-text, Markdown or wiki-text document into sections, paragraphs and sentences."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from quizapp.authoring.text import collapse_ws

OPENING = "Opening"  # section name for text before the first heading
SKIP_SECTIONS = {
    "references", "see also", "external links", "notes", "bibliography", "further reading",
    "sources", "citations", "footnotes", "contents", "table of contents",
}  # fmt: skip

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_WIKI_HEADING = re.compile(r"^\s*(={1,6})\s*(.+?)\s*\1\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•▪►➤]|\d{1,3}[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE = re.compile(r"^\s*\||\|\s*$|^[\s|:\-+]+$")
_MARKERS = re.compile(r"\s*[🔹🔸✔✅❌☑✓✗•▪►➤]\uFE0F?\s*")
_SMALL = {"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "vs", "&", "or"}
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # markdown image
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # markdown link
    (re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]+)\]\]"), r"\1"),  # wiki link
    (re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S), ""),  # wiki footnote
    (re.compile(r"\[(?:\d{1,3}|citation needed|note \d+)\]"), ""),  # citation marks
    (re.compile(r"(?<=[a-z][.,;:”\"’)])\d{1,2}(?=\s|$)"), ""),  # a footnote mark printed as a plain digit
    (re.compile(r"'''|''|(?<!\w)\*\*|\*\*(?!\d)|__|`"), ""),  # emphasis and code marks, not the power of 2**30
]
_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "gov", "sen", "prof", "inc", "ltd", "co",
    "corp", "u.s", "u.k", "u.n", "approx", "fig", "figs", "pp", "vol", "vols", "mt", "ft", "jr", "sr", "op", "nos",
    "viz", "cf", "ca", "fl", "ed", "eds", "ch", "chap", "sec", "capt", "sgt", "rev", "hon", "messrs", "esq",
    "a.d", "b.c", "d.c", "a.m", "p.m", "ibid", "sq", "est", "pop", "ave", "blvd", "univ", "dept",
}  # fmt: skip
# abbreviations that also end sentences: split after them when a sentence opener follows
_MAY_END = {
    "etc",
    "u.s",
    "u.k",
    "u.n",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "a.d",
    "b.c",
    "d.c",
    "a.m",
    "p.m",
    "est",
}
_OPENERS = {
    "a", "an", "the", "in", "on", "at", "by", "after", "before", "during", "when", "while", "he", "she", "it", "they",
    "his", "her", "its", "their", "this", "that", "these", "those", "there", "however", "following", "from", "since",
    "although", "as", "we", "i", "but", "then", "later", "today", "many", "some", "most", "one", "two", "three", "so",
}  # fmt: skip
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Paragraph:
    section: str
    number: int  # 1-based within its section, or within its page when the document has pages
    text: str
    page: int | None = None  # 1-based, for documents with pages (form feeds between them)


@dataclass
class _State:
    section: str = OPENING
    count: int = 0
    sections: int = 0
    buffer: list[str] | None = None
    page: int | None = None


def clean_inline(text: str) -> str:
    """Markdown and wiki inline markup removed, whitespace collapsed."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return collapse_ws(text)


def looks_like_title(line: str, alone: bool) -> bool:
    """A short line without closing punctuation that is Title Case, numbered, or stands alone."""
    numbered = bool(_NUMBERED.match(line))
    s = _NUMBERED.sub("", line).strip()
    words = s.split()
    if not s or s[-1] in ".!?,;:" or len(words) > 12 or len(s) > 100 or "|" in s:
        return False
    if not (s[0].isupper() or s[0].isdigit()) or re.search(r"[.!?]\s+[A-Z]", s):
        return False
    content = [w.strip("()\"“”'‘’") for w in words if w.casefold() not in _SMALL]
    content = [w for w in content if w[:1].isalpha()]
    caps = sum(w[0].isupper() for w in content) / len(content) if content else 0.0
    return caps >= 0.75 or (caps >= 0.5 and numbered) or (alone and len(words) <= 8)


def split_paragraphs(text: str, *, marked: bool = False) -> tuple[list[Paragraph], int]:
    """Paragraphs with their section names, and the number of sections seen. A form feed alone on a line
    starts a new page. `marked` text (from a document reader) has its headings as "# " lines and one paragraph
    per line, so no other line is taken for a heading."""
    lines = _MARKERS.sub("\n- ", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    filled = [x for x in lines if x.strip()]
    blanks = len(lines) - len(filled)
    wrapped = bool(filled) and blanks >= 0.1 * len(filled) and statistics.median(len(x) for x in filled) <= 100
    out: list[Paragraph] = []
    st = _State()

    def flush() -> None:
        if st.buffer:
            body = clean_inline(" ".join(st.buffer))
            if body and st.section.casefold().split(" (")[0] not in SKIP_SECTIONS:
                st.count += 1
                out.append(Paragraph(st.section, st.count, body, st.page))
        st.buffer = None

    def heading(name: str) -> None:
        flush()
        st.section = clean_inline(name).rstrip(":").strip()[:80] or OPENING
        st.count = 0 if st.page is None else st.count
        st.sections += 1

    if "\f" in text:
        st.page = 1
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        prev_blank = i == 0 or not lines[i - 1].strip()
        i += 1
        if "\f" in lines[i - 1] and st.page is not None:
            flush()
            st.page += lines[i - 1].count("\f")
            st.count = 0
            line = line.replace("\f", "")
            if not line.strip():
                continue
        if marked:
            if m := _MD_HEADING.match(line):
                heading(m[1])
            elif line.strip():
                flush()
                st.buffer = [line.strip()]
            continue
        if _FENCE.match(line):
            flush()
            fenced = not fenced
        elif fenced:
            continue
        elif not line.strip() or _RULE.match(line) or _TABLE.search(line):
            flush()
        elif m := _MD_HEADING.match(line) or _WIKI_HEADING.match(line):
            heading(m[m.lastindex or 1])
        elif st.buffer is None and _SETEXT.match(nxt) and not _BULLET.match(line):
            heading(line)
            i += 1
        elif (st.buffer is None or not wrapped) and looks_like_title(line, prev_blank and not nxt.strip()):
            heading(_NUMBERED.sub("", line))
        elif _BULLET.match(line):
            flush()
            st.buffer = [_BULLET.sub("", line)]
        elif st.buffer is not None and (wrapped or _continues(st.buffer[-1], line.strip())):
            st.buffer.append(line.strip())
        else:
            flush()
            st.buffer = [line.strip()]
    flush()
    return out, st.sections


def _continues(prev: str, line: str) -> bool:
    """In one-paragraph-per-line text, whether `line` goes on with the sentence `prev` left open."""
    return not re.search(r"[.!?:;\"”’)]$", prev) and (line[:1].islower() or prev[-1:] in ",-–(")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, not split after initials, common abbreviations ("Dr.", "c.", "r.", "Op. 2")
    or a label before a number; split after a regnal numeral or an abbreviation that ends a sentence
    ("Abdulmejid I. In 1876", "in the U.S. The") when a sentence opener follows."""
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(paragraph):
        words = paragraph[start : m.start()].split()
        last = words[-1].strip("(\"“'‘.").casefold() if words else ""
        nxt = paragraph[m.end() :].split(" ", 1)[0].strip('"“‘([,;:').casefold()
        before = words[-2] if len(words) > 1 else ""
        if m.group().startswith(".") and not _ends_here(words[-1] if words else "", last, nxt, before):
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _ends_here(word: str, last: str, nxt: str, before: str = "") -> bool:
    """Whether a period after `word` (`last` is it folded, without dots) ends the sentence before `nxt`;
    `before` is the word before `word`."""
    if len(last) == 1 and last.isalpha():
        if nxt in _OPENERS and word.strip("(\"“'‘.").isupper() and (before.isupper() and len(before) > 1):
            return True  # "to ANSI C. After ...": a letter after an acronym is a name's end, not an initial
        return last in "ivx" and word.strip("(\"“'‘.").isupper() and nxt in _OPENERS
    if last in _ABBREV:
        return last in _MAY_END and nxt in _OPENERS and not nxt[:1].isdigit()
    bare = word.strip("(\"“'‘.")
    named = before[:1].isupper() or before.casefold() in ("the", "a", "an")  # "the Second World War. Lava"
    if (
        2 <= len(bare) <= 3
        and bare[0].isupper()
        and bare[1:].islower()
        and nxt[:1].isalpha()
        and nxt not in _OPENERS
        and not named
    ):
        return False  # a short name cut to an abbreviation before a name ("Gio. Battista Vitali")
    # "p. 433", "b. 1653": a short lower-case abbreviation before a number does not end a sentence
    return not (nxt[:1].isdigit() and len(last) <= 4 and last.isalpha() and last.islower())
