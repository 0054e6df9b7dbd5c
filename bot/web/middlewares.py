"""Gateway middlewares: JSON errors for the API, CORS for embedding origins, security headers."""

from __future__ import annotations

import logging
from typing import Awaitable, Callable, Optional

from aiohttp import web

from bot.web import keys

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
CORS_MAX_AGE = "600"


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
    origins = " ".join(request.app[keys.CONFIG].allowed_origins)
    csp = CSP.replace("frame-ancestors 'self'", f"frame-ancestors 'self' {origins}".rstrip())
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
