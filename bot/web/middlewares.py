"""Gateway middlewares: JSON errors for the API, CORS for embedding origins, cross-site refusal,
body read timeout, security headers."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, Optional
from urllib.parse import urlsplit

from aiohttp import web

from bot.web import keys
from bot.web.ratelimit import forwarded

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
CORS_MAX_AGE = "600"
# Pages that must never be framed (clickjacking of signed-in staff and policy officers).
UNFRAMED = ("/staff", "/report", "/login", "/logout")
HSTS = "max-age=31536000"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
JSON = "application/json"


def _allowed_origin(request: web.Request) -> Optional[str]:
    """The request's Origin when it is in TAALBRUG_ALLOWED_ORIGINS, else None."""
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/") in request.app[keys.CONFIG].allowed_origins:
        return origin
    return None


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Let the widget on an allowed origin (TAALBRUG_ALLOWED_ORIGINS) call /api/*; refuse others."""
    if not request.path.startswith("/api/"):
        return await handler(request)
    origin = _allowed_origin(request)
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
        if origin is None:
            return web.json_response({"error": "This origin may not embed Taalbrug."}, status=403)
        return web.Response(status=204, headers={
            "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "GET, POST",
            "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": CORS_MAX_AGE,
            "Vary": "Origin",
        })
    response = await handler(request)
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def _own_origin(request: web.Request, origin: str) -> bool:
    """Whether `origin` is this gateway as the browser reached it (its Host, or the host a
    trusted proxy forwarded)."""
    try:
        host = urlsplit(origin).netloc.lower()
    except ValueError:
        return False
    hosts = {(request.host or "").lower()}
    hops = request.app[keys.CONFIG].trusted_proxy
    if hops:
        hosts.add(forwarded(request, "X-Forwarded-Host", hops).lower())
    return bool(host) and host in hosts


def _refuse(status: int, error: str) -> web.Response:
    return web.json_response({"error": error}, status=status)


@web.middleware
async def cross_site(request: web.Request, handler: Handler) -> web.StreamResponse:
    """State-changing requests come from this site or an allowed embedding origin, and the JSON API
    takes only application/json (a text/plain or form post needs no CORS preflight: any web
    page could send one). The staff and report forms keep their form encoding plus CSRF."""
    if request.method in SAFE_METHODS or request.match_info.http_exception is not None:
        return await handler(request)  # reads, and methods or paths that are answered 404/405 anyway
    origin = request.headers.get("Origin")
    if origin is not None:
        if _allowed_origin(request) is None and not _own_origin(request, origin):
            return _refuse(403, "Requests from another website are refused.")
    elif request.headers.get("Sec-Fetch-Site") == "cross-site":
        return _refuse(403, "Requests from another website are refused.")
    if request.path.startswith("/api/") and request.content_type != JSON:
        return _refuse(415, "Send the request as application/json.")
    return await handler(request)


@web.middleware
async def read_body(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Read a request's body within TAALBRUG_READ_TIMEOUT: a client that sends it slowly, or
    never finishes it, gets 408 instead of holding the connection open."""
    if request.body_exists:
        try:
            await asyncio.wait_for(request.read(), request.app[keys.CONFIG].read_timeout)
        except asyncio.TimeoutError:
            response = _refuse(408, "The request was not sent in time.")
            response.force_close()
            return response
    return await handler(request)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """API clients always get a JSON body with an `error`, never an HTML page or a crash."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        return web.json_response({"error": exc.reason}, status=exc.status, headers={
            k: v for k, v in exc.headers.items() if k.lower() == "allow"
        })
    except Exception:
        logger.exception("unhandled error on %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            return web.json_response({"error": "Internal error."}, status=500)
        raise


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """CSP (frame-ancestors: this site and the embedding origins), nosniff, referrer policy."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
        _secure(request, response)
        raise
    _secure(request, response)
    return response


def _secure(request: web.Request, response: web.StreamResponse) -> None:
    config = request.app[keys.CONFIG]
    if any(request.path == p or request.path.startswith(p + "/") for p in UNFRAMED):
        ancestors = "'none'"
        response.headers.setdefault("X-Frame-Options", "DENY")
    else:
        ancestors = f"'self' {' '.join(config.allowed_origins)}".rstrip()
    csp = CSP.replace("frame-ancestors 'self'", f"frame-ancestors {ancestors}")
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if _over_tls(request):
        response.headers.setdefault("Strict-Transport-Security", HSTS)


def _over_tls(request: web.Request) -> bool:
    """TAALBRUG_HSTS, TLS to the gateway itself, or a trusted proxy that says it received https."""
    config = request.app[keys.CONFIG]
    if config.hsts or request.secure:
        return True
    return bool(config.trusted_proxy) and forwarded(request, "X-Forwarded-Proto", 1).lower() == "https"
