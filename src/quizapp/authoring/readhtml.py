"""The main content of an HTML page or saved web page as marked text (see docread), with the standard library.

Scripts, styles, navigation (DocBook's navheader/navfooter Prev/Next tables too), headers, footers, sidebars,
forms, edit links, reference marks and reference lists are dropped, and so are blocks that are mostly links
(menus); when the page has a <main> or <article> (or a known content element) only its text is kept. Entities
are decoded; headings become "# " lines.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from quizapp.authoring.docread import Document, clean_meta, partial_date

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside", "form", "button",
    "select", "textarea", "iframe", "object", "canvas", "figure", "head", "menu", "dialog",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "section",
    "article", "main", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "body",
}  # fmt: skip
_BOILER = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navbox|navigation|navheader|navfooter|navlinks?|pager|pagination|menu|footer|header|masthead|sidebar|breadcrumbs?|cookies?|"
    r"banner|advert|ads?|share|social|related|comments?|editsection|noprint|toc|references?|reflist|citation|"
    r"catlinks|printfooter|sitesub|jump-link|hatnote|skip|mw-jump|metadata|thumbcaption|infobox|sister|"
    r"headerlink|permalink)(?:$|[-_\s])",
    re.I,
)
_MAIN_IDS = {"content", "main", "main-content", "maincontent", "mw-content-text", "bodycontent", "article"}
_CONTAINERS = {"div", "section", "ul", "ol", "dl", "table", "td", "center"}  # what a menu or link list sits in
_LINKED = 0.5  # a container whose text is more than half links ...
_OWN_TEXT = 200  # ... and holds fewer characters outside them is a menu, a link list or a page footer
_NAV_WORD = (
    r"(?:prev(?:ious)?|next|home|up|top|back(?: to top)?|index|contents|table of contents|menu|search|"
    r"skip to (?:main )?content)"
)
_NAV_LINE = re.compile(
    rf"^(?:[\W_]*{_NAV_WORD}[\W_]*)+$|^(?:prev(?:ious)?|next|up)\s*(?::|»|›|→|>)\s*.{{1,100}}$", re.I
)
_FOOTER_LINE = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b|^(?:this page was )?last (?:modified|updated|edited)\b",
    re.I,
)  # "© 2004 Bdale Garbee", "Copyright 1999-2019 ...", "Last modified: 3 May 2020"


class _Extract(HTMLParser):
    def __init__(self, heading_classes: dict[str, int] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.heading_classes = heading_classes or {}  # CSS class -> heading level (styled headings)
        self.levels: list[int] = []  # beside self.stack: the heading level an element's class gives, or 0
        self.styled_chars = 0
        self.styled_level = 0
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, main)
        self.boxes: list[int] = []  # beside self.stack: the element's serial number when it is a container, or -1
        self.serial = 0
        self.blocks: list[tuple[str, bool]] = []  # (text, inside main)
        self.within: list[tuple[int, ...]] = []  # beside self.blocks: the containers each block stands in
        self.chars: dict[int, list[int]] = {}  # container -> [characters, characters inside links] of its text
        self.buf: list[str] = []
        self.link_chars = 0
        self.heading = 0
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.saw_main = False

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _main(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        whole = self.styled_chars >= len(text.replace(" ", ""))  # the whole block is set in a heading's style
        if text and not self.heading and self.styled_level and len(text) <= 120 and whole:
            text = "#" * self.styled_level + " " + text
        if text:
            total = len(text)
            boxes = tuple(b for b in self.boxes if b >= 0)
            for box in boxes:
                counted = self.chars.setdefault(box, [0, 0])
                counted[0] += total
                counted[1] += min(self.link_chars, total)
            if not (self.link_chars > 0.6 * total and total < 300 and not self.heading):
                prefix = "#" * self.heading + " " if self.heading else ""
                self.blocks.append((prefix + text, self._main()))
                self.within.append(boxes)
        self.buf, self.link_chars, self.styled_chars, self.styled_level = [], 0, 0, 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or "").casefold()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.flush()
        if tag in _VOID:
            return
        marks = " ".join(a.get(k, "") for k in ("class", "id", "role", "summary", "aria-label"))
        if tag == "a":  # Sphinx marks every cross-reference link "reference internal": its text is the prose's
            marks = re.sub(r"(?:^|(?<=\s))references?(?=\s|$)", "", marks)
        # "navheader"/"navfooter" divs and "Navigation header" tables of DocBook pages: Prev/Next/Home captions
        skipped = self._skipped() or tag in _SKIP_TAGS or bool(_BOILER.search(marks)) or "hidden" in a
        content = tag in ("main", "article") or a.get("id", "").casefold() in _MAIN_IDS
        main = self._main() or content
        self.saw_main = self.saw_main or (main and not skipped)
        self.stack.append((tag, skipped, main))
        self.serial += 1
        self.boxes.append(self.serial if tag in _CONTAINERS and not content else -1)
        self.levels.append(min((self.heading_classes.get(c, 9) for c in a.get("class", "").split()), default=9) % 9)
        if tag == "sup" and not skipped and "".join(self.buf)[-1:].isdigit():
            self.buf.append("^")  # "2<sup>30</sup>" is 2^30, not 230
        if re.fullmatch(r"h[1-6]", tag) and not skipped:
            self.heading = int(tag[1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.flush()
        if tag == "meta":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID or not any(t == tag for t, _, _ in self.stack):
            return
        if tag in _BLOCK:
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            self.boxes.pop()
            if self.levels:
                self.levels.pop()
            if t == tag:
                break
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = 0

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self._skipped() or any(t == "head" for t, _, _ in self.stack):
            return
        self.buf.append(data)
        level = next((lv for lv in reversed(self.levels) if lv), 0)
        if level and data.strip():
            self.styled_chars += len("".join(data.split()))
            self.styled_level = level
        if any(t == "a" for t, _, _ in self.stack):
            self.link_chars += len(data.strip())


_MARKS = re.compile(r"\[(?:edit|\d{1,3}|[a-z]|citation needed|note \d+|update)\]", re.I)


def heading_classes(css: str, body_pt: float = 12.0) -> dict[str, int]:
    """CSS classes styled as headings (bold and at least 1.15 times the body size, or 1.3 times without bold),
    with their level by size, largest first: the only heading marks of a LibreOffice EPUB export."""
    sizes: dict[str, float] = {}
    for name, body in re.findall(r"\.([\w-]+)\s*\{([^}]*)\}", css):
        size = re.search(r"font-size:\s*([\d.]+)\s*(pt|em|px|%)", body)
        if not size:
            continue
        value = float(size[1]) * {"pt": 1.0, "em": body_pt, "px": 0.75, "%": body_pt / 100}[size[2]]
        bold = re.search(r"font-weight:\s*(bold|[6-9]00)", body) is not None
        if value >= body_pt * (1.15 if bold else 1.3):
            sizes[name] = value
    ranks = sorted(set(sizes.values()), reverse=True)
    return {name: min(ranks.index(v) + 1, 6) for name, v in sizes.items()}


def _boiler_line(block: str) -> bool:
    """A block that is a page's furniture, not its content, however it is marked up: navigation words alone
    ("Prev | Up | Next", "Back to top", "Next: Chapter 4. A Detailed History") or a short copyright or
    last-modified line."""
    text = block.lstrip("# ").strip()
    return bool(_NAV_LINE.match(text)) or (len(text) < 300 and bool(_FOOTER_LINE.search(text)))


def read_html(markup: str, heading_styles: dict[str, int] | None = None) -> Document:
    """The page's main text, title, author and date; `heading_styles` (CSS class -> level) marks blocks set
    wholly in a heading's style as headings, for files whose headings carry no h1-h6."""
    p = _Extract(heading_styles)
    p.feed(markup)
    p.close()
    p.flush()
    keep_main = p.saw_main and any(m for _, m in p.blocks)
    menus = {box for box, (total, linked) in p.chars.items() if linked > _LINKED * total and total - linked < _OWN_TEXT}
    blocks = [
        _MARKS.sub("", t).strip()
        for (t, m), boxes in zip(p.blocks, p.within, strict=True)
        if (m or not keep_main) and not menus.intersection(boxes) and not _boiler_line(t)
    ]
    title = clean_meta(" ".join("".join(p.title).split()))
    if title:
        title = re.split(r"\s+[|–—]\s+", title)[0] or title
    date = next((p.meta[k] for k in ("dcterms.date", "date", "article:published_time", "dc.date") if k in p.meta), None)
    return Document(
        "html",
        "\n\n".join(b for b in blocks if b and b != "#"),
        title=title,
        author=clean_meta(p.meta.get("author")),
        date=partial_date(date),
    )
