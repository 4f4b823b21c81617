"""A QR code drawn with half-block characters (two modules per terminal row), light modules in white."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def qr_text(data: str, border: int = 2) -> Text:
    """The QR code of `data` (segno, imported here only) as rows of ▀ ▄ █ and spaces; quiet zone included."""
    import segno

    rows = [list(r) for r in segno.make(data, error="m").matrix_iter(border=border)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))  # a light row below: part of the quiet zone
    out = Text(style="white on black", no_wrap=True)
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        line = "".join(" ▄▀█"[(not t) * 2 + (not b)] for t, b in zip(top, bottom, strict=True))
        out.append(line + "\n")
    out.rstrip()
    return out


class QrCode(Static):
    """Shows the QR code of a URL; `show(url)` replaces it."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
        background: black;
    }
    """

    def show(self, data: str) -> None:
        self.update(qr_text(data))
