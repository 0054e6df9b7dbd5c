"""Sign-in for the staff and report pages: sessions, CSRF, roles, and the report API token.

- `GET/POST /login`, `POST /logout`: a session cookie (HttpOnly, SameSite=Strict,
  Secure) whose hash is kept in the database; the login form is protected by a
  double-submit CSRF cookie, every other form by the session's CSRF token;
  failed sign-ins are throttled per client and per account name (bot.web.throttle).
- `require(request, roles, token_ok)`: the signed-in user, or the automation
  token (TAALBRUG_REPORT_TOKEN as `Authorization: Bearer ...`) where allowed.
  Anonymous browser requests are sent to /login; anonymous API requests get 401.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import secrets
from datetime import datetime, timezone
from typing import Any, Callable, Optional, Sequence, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

from aiohttp import web

from bot.language.languages import DEFAULT
from bot.storage.accounts import SESSION_TTL, User, authenticate, end_session, session_user, start_session
from bot.vocabulary import STAFF
from bot.web import keys
from bot.web.ratelimit import client_of

COOKIE = "taalbrug_session"
LOGIN_CSRF = "taalbrug_login_csrf"
T = TypeVar("T")


async def db(request: web.Request, function: Callable[..., T], *args: Any) -> T:
    """Run a (blocking) SQLAlchemy call off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(function, request.app[keys.ENGINE], *args))


def now() -> datetime:
    return datetime.now(timezone.utc)


def _cookie(response: web.StreamResponse, request: web.Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="Strict",
                        secure=request.app[keys.CONFIG].cookie_secure)


async def current(request: web.Request) -> Optional[tuple]:
    """(User, csrf) of the signed-in browser, or None."""
    token = request.cookies.get(COOKIE, "")
    if not token:
        return None
    return await db(request, session_user, token, now())


def _bearer_ok(request: web.Request) -> bool:
    expected = request.app[keys.CONFIG].report_token
    header = request.headers.get("Authorization", "")
    if not expected or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode(), expected.encode())


def _wants_html(request: web.Request) -> bool:
    return request.method == "GET" and not request.path.endswith((".json", ".csv", ".svg"))


async def require(request: web.Request, roles: Sequence[str], token_ok: bool = False) -> Optional[User]:
    """The signed-in user with one of `roles`; None for the API token. Raises otherwise."""
    if token_ok and _bearer_ok(request):
        return None
    signed_in = await current(request)
    if signed_in is None:
        if _wants_html(request):
            raise web.HTTPSeeOther(f"/login?next={quote(request.path_qs, safe='')}")
        raise web.HTTPUnauthorized(text='{"error": "Sign in or send the report token."}',
                                   content_type="application/json",
                                   headers={"WWW-Authenticate": 'Bearer realm="taalbrug"'})
    user, csrf = signed_in
    if user.role not in roles:
        raise web.HTTPForbidden(text='{"error": "Your account may not open this page."}',
                                content_type="application/json")
    request["user"], request["csrf"] = user, csrf
    return user


async def check_csrf(request: web.Request, form: Any) -> None:
    """Refuse a form post whose CSRF token is not the session's."""
    sent = str(form.get("csrf", ""))
    if not sent or not hmac.compare_digest(sent.encode(), str(request.get("csrf", "")).encode()):
        raise web.HTTPForbidden(text='{"error": "The form expired. Reload the page and try again."}',
                                content_type="application/json")


LOCAL_AREAS = ("/report", "/staff")  # where a sign-in may send the browser on to


def _safe_next(target: str) -> str:
    """`target` rebuilt from its parts when it is a page of the report or the staff area, else /report.

    Refused: control characters, spaces and anything not printable ASCII (a browser drops a tab,
    so "/<tab>/evil" would become "//evil"), backslashes (read as "/"), a scheme or host, and in
    the path "//", dot segments and percent escapes."""
    default = LOCAL_AREAS[0]
    if not target or any(not 0x20 < ord(ch) < 0x7F or ch == "\\" for ch in target):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    path = parts.path
    segments = path.split("/")[1:]
    if parts.scheme or parts.netloc or not path.startswith("/") or "%" in path or "" in segments[:-1] \
            or any(s in (".", "..") for s in segments):
        return default
    if not any(path == area or path.startswith(area + "/") for area in LOCAL_AREAS):
        return default
    return urlunsplit(("", "", path, parts.query, ""))


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", csrf=token, next=_safe_next(request.query.get("next", "/report")),
                      error=None)
    _cookie(response, request, LOGIN_CSRF, token, 3600)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    sent, cookie = str(form.get("csrf", "")), request.cookies.get(LOGIN_CSRF, "")
    if not sent or not hmac.compare_digest(sent.encode(), cookie.encode()):
        raise web.HTTPForbidden(text='{"error": "The form expired. Reload the page and try again."}',
                                content_type="application/json")
    username, password = str(form.get("username", ""))[:64], str(form.get("password", ""))[:256]
    target = _safe_next(str(form.get("next", "/report")))
    throttle, client = request.app[keys.LOGIN_THROTTLE], client_of(request, request.app[keys.CONFIG].trusted_proxy)
    pages = request.app[keys.CONTENT].locale(DEFAULT).pages
    wait = throttle.retry_after(client, username)
    if wait is not None:  # brute force: refused before the password is even checked
        response = render(request, "login.html", csrf=cookie, next=target, error=pages["login_throttled"], status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = await db(request, authenticate, username, password)
    if user is None:
        throttle.failed(client, username)
        return render(request, "login.html", csrf=cookie, next=target, error=pages["login_failed"], status=401)
    throttle.succeeded(client)
    token, _ = await db(request, start_session, user, now())
    response = web.HTTPSeeOther(target if user.role != "staff" or target.startswith("/staff") else "/staff")
    _cookie(response, request, COOKIE, token, int(SESSION_TTL.total_seconds()))
    response.del_cookie(LOGIN_CSRF, path="/")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    await require(request, STAFF)
    await check_csrf(request, await request.post())
    await db(request, end_session, request.cookies.get(COOKIE, ""))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    raise response


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """A Jinja2 page (autoescaped), with the signed-in user and CSRF token when there is one."""
    page = request.app[keys.TEMPLATES].get_template(template).render(
        user=request.get("user"), csrf_token=request.get("csrf"), **context
    )
    return web.Response(text=page, content_type="text/html", status=status,
                        headers={"Cache-Control": "no-store"})
