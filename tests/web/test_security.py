"""The security review of issue 15 (docs/security.md): each protection, and a test that fails without it.

Roles (a staff account reads no report), sign-in on everything under /staff, CSRF on
every state-changing form route, the login throttle, constant-time token checks,
spreadsheet-safe CSV cells, one resident's conversation out of another's reach, and
bounded memory per client. Routes are enumerated from the application itself, so a
route added later without its protection fails here.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Tuple

import pytest
from aiohttp.test_utils import TestClient

from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.web import init_app, keys, ratelimit, throttle
from bot.web.desk import MAX_OPEN, HandoverDesk
from bot.web.throttle import LoginThrottle
from tests.web.conftest import rest_items, settings_for
from tests.web.test_handover import ASKED

PASSWORD = "een lang wachtwoord"
TOKEN = "rapport-token-voor-automatisering"


@pytest.fixture()
async def gateway(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    fake, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False, report_token=TOKEN)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    now = datetime.now(timezone.utc)
    for name, role in (("jan", "staff"), ("els", "policy"), ("ann", "admin")):
        create_account(engine, name, role, PASSWORD, now, ["voorbeeldegem"])
    engine.dispose()
    client = await aiohttp_client(init_app(settings))
    client.fake = fake  # type: ignore[attr-defined]
    return client


async def sign_in(client: TestClient, username: str, password: str = PASSWORD, **headers: str):
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return await client.post("/login", data={"username": username, "password": password, "csrf": csrf},
                             allow_redirects=False, headers=headers)


def routes(client: TestClient, prefix: str = "/") -> List[Tuple[str, str]]:
    """(method, path) of every route of the gateway under `prefix`, with made-up ids filled in."""
    found = []
    for route in client.server.app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if route.method in ("GET", "POST") and path and path.startswith(prefix):
            found.append((route.method, re.sub(r"\{[^}]+\}", "made-up-id", path)))
    return sorted(set(found))


async def test_a_staff_account_reads_no_report_page_and_no_export(gateway: TestClient) -> None:
    report_routes = routes(gateway, "/report")
    assert ("GET", "/report/export.csv") in report_routes and ("POST", "/report/unmet/status") in report_routes
    await sign_in(gateway, "jan")
    for method, path in report_routes:
        response = await gateway.request(method, path, data={}, allow_redirects=False)
        assert response.status == 403, f"{method} {path} answered a staff account with {response.status}"


async def test_nothing_under_staff_works_without_sign_in(gateway: TestClient) -> None:
    staff_routes = routes(gateway, "/staff")
    assert len(staff_routes) >= 6  # the page, ask, notes, and the handover's page, take, reply, release
    for method, path in staff_routes:
        response = await gateway.request(method, path, data={"text": "hallo", "csrf": "x"}, allow_redirects=False)
        if method == "GET":  # a browser is sent to sign in; a form post is refused before anything else
            refused = response.status == 303 and response.headers["Location"].startswith("/login")
        else:
            refused = response.status == 401
        assert refused, f"{method} {path} answered an anonymous visitor with {response.status}"
    assert gateway.fake.received == []  # nothing reached Rasa


async def test_every_state_changing_form_route_checks_csrf(gateway: TestClient) -> None:
    fake = gateway.fake
    fake.replies = ASKED  # a real waiting handover: its routes look it up before anything else
    await gateway.post("/api/chat", json={"session": "w-" + "c5" * 16, "text": "medewerker"})
    (handover,) = gateway.server.app[keys.HANDOVERS].items
    # (The desk API for Rasa's channels takes no form and no cookie, only Rasa's token: test_desk_api.py.)
    posts = [path.replace("/handover/made-up-id", f"/handover/{handover}")
             for method, path in routes(gateway) if method == "POST" and path not in ("/api/chat", "/login")
             and not path.startswith("/api/desk/")]
    assert {"/logout", "/report/unmet/status", "/staff/ask", f"/staff/handover/{handover}/take"} <= set(posts)
    await sign_in(gateway, "ann")
    received = len(fake.received)
    for path in posts:
        for form in ({}, {"csrf": "geraden", "text": "hallo", "status": "added", "id": "1"}):
            response = await gateway.post(path, data=form, allow_redirects=False)
            assert response.status == 403, f"POST {path} without the session's CSRF token: {response.status}"
    assert len(fake.received) == received  # nothing reached Rasa
    assert [e["event"] for events in fake.events.values() for e in events] == ["user"]  # no pause, no reply
    # The sign-in form itself: the double-submit cookie must match.
    refused = await gateway.post("/login", data={"username": "ann", "password": PASSWORD, "csrf": "geraden"})
    assert refused.status == 403


async def test_login_is_throttled_after_repeated_failures(gateway: TestClient) -> None:
    for _ in range(throttle.MAX_FAILURES):
        assert (await sign_in(gateway, "els", "geraden wachtwoord")).status == 401
    refused = await sign_in(gateway, "els")  # even the right password, from this client
    assert refused.status == 429 and int(refused.headers["Retry-After"]) > 60
    assert "Te veel mislukte pogingen" in await refused.text()
    assert (await sign_in(gateway, "ann")).status == 429  # this client, another name: still refused
    assert (await gateway.get("/report/export.csv")).status == 401  # and no session was started


def test_the_throttle_counts_per_client_and_per_name_and_forgets_after_the_window() -> None:
    now = [1000.0]
    guard = LoginThrottle(clock=lambda: now[0])
    for _ in range(throttle.MAX_FAILURES):
        assert guard.retry_after("10.0.0.1", "els") is None
        guard.failed("10.0.0.1", "els")
    assert guard.retry_after("10.0.0.1", "els") is not None
    assert guard.retry_after("10.0.0.2", "els") is None  # another client may still sign in as els
    for i in range(throttle.MAX_FAILURES_PER_NAME):
        guard.failed(f"10.1.0.{i}", "admin")  # spread over many clients
    assert guard.retry_after("10.9.9.9", "Admin") is not None  # the name is protected from anywhere
    now[0] += throttle.WINDOW + 1
    assert guard.retry_after("10.0.0.1", "els") is None and guard.retry_after("10.9.9.9", "admin") is None


async def test_tokens_are_compared_in_constant_time(gateway: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.web.auth as auth

    compared: List[bytes] = []
    real = auth.hmac.compare_digest

    def spy(a, b):  # type: ignore[no-untyped-def]
        compared.append(a)
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert (await gateway.get("/report/export.json", headers={"Authorization": f"Bearer {TOKEN}"})).status == 200
    assert TOKEN.encode() in compared  # the report token
    assert (await gateway.get("/report/export.json", headers={"Authorization": "Bearer geraden"})).status == 401
    assert (await sign_in(gateway, "els")).status == 303
    assert len(compared) >= 3  # and the sign-in form's CSRF token
    compared.clear()
    await gateway.post("/logout", data={"csrf": "geraden"})
    assert compared == [b"geraden"]  # the session's CSRF token


def test_csv_cells_starting_with_a_formula_character_are_neutralised() -> None:
    from bot.web.report import _cell

    for dangerous in ("=1+1", "+32 470", "-2+3", "@SUM(A1)"):
        assert _cell(dangerous) == "'" + dangerous
    assert _cell("huis-nl") == "huis-nl" and _cell(7) == 7


async def test_one_resident_cannot_reach_anothers_conversation(gateway: TestClient) -> None:
    fake = gateway.fake
    fake.replies = ASKED
    owner = "w-" + "a3" * 16  # as the widget makes them: 128 random bits
    await gateway.post("/api/chat", json={"session": owner, "text": "medewerker"})
    await sign_in(gateway, "jan")
    staff_page = await (await gateway.get("/staff")).text()
    link = re.search(r'href="(/staff/handover/[^"]+)"', staff_page).group(1)
    assert owner not in staff_page and owner not in await (await gateway.get(link)).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', await (await gateway.get(link)).text()).group(1)
    await gateway.post(link + "/take", data={"csrf": csrf})
    await gateway.post(link + "/reply", data={"csrf": csrf, "text": "Uw dossier 123 is klaar."})
    own = await (await gateway.get(f"/api/chat/updates?session={owner}")).json()
    assert [m["text"] for m in own["messages"]] == ["Uw dossier 123 is klaar."]
    for other in ("w-" + "a3" * 15 + "a4", owner.upper(), owner[:-1]):
        seen = await (await gateway.get(f"/api/chat/updates?session={other}")).json()
        assert seen["handover"] is None and seen["messages"] == []
    fake.replies = rest_items()
    await gateway.post("/api/chat", json={"session": "w-" + "b7" * 16, "text": "hallo"})
    assert [e for e in fake.events[owner] if e["event"] == "user"] == [{"event": "user", "text": "medewerker"}]


def test_the_widget_makes_unguessable_session_ids(project_root: Path) -> None:
    widget = (project_root / "bot" / "web" / "static" / "widget.js").read_text(encoding="utf-8")
    assert "new Uint8Array(16)" in widget and "crypto.getRandomValues(bytes)" in widget
    assert "Math.random" not in widget


def test_memory_per_client_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "MAX_CLIENTS", 100)
    limiter = ratelimit.RateLimiter(30, 60.0)
    for i in range(1000):
        limiter.allow(f"10.0.{i // 256}.{i % 256}")
    assert len(limiter.buckets) <= 100
    monkeypatch.setattr(throttle, "MAX_KEYS", 50)
    guard = LoginThrottle()
    for i in range(1000):
        guard.failed(f"10.0.{i // 256}.{i % 256}", f"name{i}")
    assert len(guard.failures) <= 50 and all(len(d) <= throttle.MAX_FAILURES_PER_NAME for d in guard.failures.values())
    desk = HandoverDesk()
    for i in range(1000):
        with contextlib.suppress(Exception):  # a full desk may refuse in any way; it must not grow
            desk.request(f"made-up-session-{i}", "voorbeeldegem", "nl")
    assert len([h for h in desk.items.values() if h.state != "ended"]) <= MAX_OPEN
