"""The addresses a server on this machine can be reached at: what URLs to show, which Host headers to accept."""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ANY = ("0.0.0.0", "::", "")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (not loopback), the default route's first."""
    found: list[str] = []
    try:  # the address the default route leaves from; a UDP "connect" sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed to anyone
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    out = []
    for a in found:
        try:
            ip = ipaddress.ip_address(a)
        except ValueError:
            continue
        if not ip.is_loopback and not ip.is_unspecified and a not in out:
            out.append(a)
    return out


def shown_hosts(bind: str) -> list[str]:
    """Addresses to print in URLs for a server bound to `bind` (never 0.0.0.0): LAN addresses for 'any'."""
    if bind in ANY:
        return lan_addresses() or ["127.0.0.1"]
    return [bind]


def url_host(addr: str) -> str:
    return f"[{addr}]" if ":" in addr and not addr.startswith("[") else addr


def allowed_hosts(bind: str, port: int, extra: tuple[str, ...] = ()) -> set[str]:
    """Host header values to accept (lower case): every shown address and loopback, with the port."""
    names = {*shown_hosts(bind), *extra}
    if bind in ANY or bind in LOOPBACK:
        names |= set(LOOPBACK)
    out = set()
    for n in names:
        h = url_host(n).lower()
        out.add(f"{h}:{port}")
        if port == 80:
            out.add(h)
    return out
