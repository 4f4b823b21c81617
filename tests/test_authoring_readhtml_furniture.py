"""A saved web page's furniture is dropped however it is marked up (round 6): menus and link lists found by
their link density (as readability-style extractors do), navigation words alone, copyright and last-modified
lines, and permalink marks beside headings; the page's prose, with its own links, stays."""

from __future__ import annotations

from pathlib import Path

from quizapp.authoring.docread import read_document
from quizapp.authoring.draft import draft_deck

ARTICLE = (
    "<h1>The Eddystone Lighthouse</h1>"
    "<p>The first Eddystone lighthouse was completed in 1698 by Henry Winstanley, and a storm swept it away in "
    "November 1703 with its builder inside.</p>"
    "<p>John Smeaton's granite tower, lit on 16 October 1759, stood for 120 years; its upper part was rebuilt "
    'on Plymouth Hoe as <a href="/smeaton">Smeaton\'s Tower</a>, where about 40,000 people visit it each year.</p>'
)
PROSE = [
    "# The Eddystone Lighthouse",
    "The first Eddystone lighthouse was completed in 1698 by Henry Winstanley, and a storm swept it away in "
    "November 1703 with its builder inside.",
    "John Smeaton's granite tower, lit on 16 October 1759, stood for 120 years; its upper part was rebuilt on "
    "Plymouth Hoe as Smeaton's Tower, where about 40,000 people visit it each year.",
]
UNMARKED = (
    "<html><head><title>The Eddystone Lighthouse | Coastal Notes</title></head><body>"
    '<div><a href="/">Home</a> <a href="/about">About</a> <a href="/archive">Archive</a></div>'
    f"<div>{ARTICLE}</div>"
    "<div><h3>Related posts</h3><ul>"
    '<li><a href="/bell">The Bell Rock Light, built 1807-1810</a></li>'
    '<li><a href="/wolf">Wolf Rock, lit in 1870</a></li></ul>'
    "<p>More from 2019 in the archive</p></div>"
    '<p><a href="/p">« Previous</a> | <a href="/n">Next »</a></p>'
    "<p>Back to top</p>"
    "<p>Next: Chapter 4. A Detailed History</p>"
    "<div><p>Contact the harbour office at the quay</p>"
    '<p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/map">Sitemap</a> '
    '<a href="/a11y">Accessibility statement</a></p></div>'
    "<p>© 2019 Coastal Notes. All rights reserved.</p>"
    "<p>This page was last modified on 3 May 2020, at 10:15, by the editors.</p>"
    "</body></html>"
)


def test_unmarked_menus_link_lists_and_footer_lines_are_dropped(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(UNMARKED, encoding="utf-8")
    text = read_document(page).text
    assert text.split("\n\n") == PROSE
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d", marked=True)
    assert all("2019" not in n.statement and "2020" not in n.statement for n in deck.notes)
    assert any("1759" in n.statement for n in deck.notes)


def test_prose_with_many_links_stays(tmp_path: Path) -> None:
    linked = (
        '<p>The <a href="/e">Eddystone</a> light was rebuilt by <a href="/d">James Douglass</a> and lit in '
        '<a href="/1882">1882</a>; it was automated in 1982.</p>'
    )
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><div>{ARTICLE}{linked}</div></body></html>", encoding="utf-8")
    assert read_document(page).text.split("\n\n") == [
        *PROSE,
        "The Eddystone light was rebuilt by James Douglass and lit in 1882; it was automated in 1982.",
    ]


def test_permalink_marks_beside_headings_are_dropped(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><div class="body"><h1>What\'s New in Python 2.1<a class="headerlink" href="#w">¶</a></h1>'
        "<p>Python 2.1 was released on 17 April 2001 after months of work.</p></div></body></html>",
        encoding="utf-8",
    )
    assert read_document(page).text == (
        "# What's New in Python 2.1\n\nPython 2.1 was released on 17 April 2001 after months of work."
    )


def test_the_text_of_a_cross_reference_link_is_kept(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><div class="body"><p>Python 2.6 added the <a class="reference internal" href="#j">'
        '<code class="xref">json</code></a> module; see <a class="reference external" href="https://x.org">the '
        'tracker</a>.<sup class="reference"><a href="#n1">[1]</a></sup></p>'
        '<ol class="references"><li>Kuchling, 2008.</li></ol></div></body></html>',
        encoding="utf-8",
    )
    assert read_document(page).text == "Python 2.6 added the json module; see the tracker."
