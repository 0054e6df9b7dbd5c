"""Which municipalities the signed-in account may see: every staff and report query is filtered by them.

An account belongs to one or more municipalities (bot/storage/accounts.py).
Another municipality's page, note, handover or unmet question gives a 403;
lists and counts hold only the account's municipalities. The report token
(TAALBRUG_REPORT_TOKEN, for automation) is the deployment's own and sees every
municipality.
"""

from __future__ import annotations

import json
from typing import Iterable, List, Optional, Tuple

from aiohttp import web

from bot.storage.accounts import User


def forbidden(what: str = "this municipality's data") -> web.HTTPForbidden:
    return web.HTTPForbidden(text=json.dumps({"error": f"Your account may not open {what}."}),
                             content_type="application/json")


def signed_in(request: web.Request) -> Optional[User]:
    """The account `require()` let in; None when the request came with the report token."""
    return request.get("user")


def account(request: web.Request) -> User:
    """The signed-in account of a route that takes no report token (403 without one)."""
    user = signed_in(request)
    if user is None:
        raise forbidden("this page without signing in")
    return user


def check(user: Optional[User], municipality: str) -> None:
    """403 unless the account belongs to `municipality` (the report token may see all)."""
    if user is not None and municipality not in user.municipalities:
        raise forbidden()


def scope(user: Optional[User], requested: Optional[str]) -> Optional[Tuple[str, ...]]:
    """The municipalities a query may return: the one asked for (checked), else all of the
    account's; None (no filter) only for the report token."""
    if requested:
        check(user, requested)
        return (requested,)
    return None if user is None else user.municipalities


def visible(user: Optional[User], known: Iterable[str]) -> List[str]:
    """The known municipalities the account may pick, sorted."""
    return sorted(m for m in known if user is None or m in user.municipalities)


def pick(user: User, requested: Optional[str], default: str, known: Iterable[str]) -> str:
    """The municipality a staff page shows: the one asked for (checked), else the deployment's
    default if the account has it, else the account's first; 403 for an account with none."""
    slugs = set(known)
    if requested and requested in slugs:
        check(user, requested)
        return requested
    if default in user.municipalities:
        return default
    mine = [m for m in user.municipalities if m in slugs]
    if not mine:
        raise forbidden("the front-desk helper: it belongs to no municipality of this deployment")
    return mine[0]
