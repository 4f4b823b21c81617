"""One guard for every quizapp web server (the live game and `quizapp serve`): a request must name one of the
server's own addresses in `Host` (against DNS rebinding), and a WebSocket handshake that carries an `Origin` must
come from one of them (against other sites' pages driving the app). Refusals are 421 and 403."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection

from aiohttp import hdrs, web
from aiohttp.typedefs import Middleware

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def origin_allowed(origin: str | None, hosts: Collection[str]) -> bool:
    """No Origin (a program, not a web page) is fine; otherwise it must be http(s)://one-of-our-hosts."""
    if origin is None:
        return True
    low = origin.lower()
    for scheme in ("http://", "https://"):
        if low.startswith(scheme):
            return low.removeprefix(scheme) in hosts
    return False


def guard(hosts: Collection[str]) -> Middleware:
    """An aiohttp middleware enforcing the rules above; `hosts` are lower-case host[:port] values."""
    allowed = {h.lower() for h in hosts}

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if (request.host or "").lower() not in allowed:
            return web.Response(status=421, text="This server does not answer to that host name.")
        upgrade = request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        if upgrade and not origin_allowed(request.headers.get(hdrs.ORIGIN), allowed):
            return web.Response(status=403, text="Connections from other sites are refused.")
        response = await handler(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return middleware
