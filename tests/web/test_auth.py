"""Signing in sends the browser on only to a page of the report or the staff area (no open redirect)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.web import init_app
from bot.web.auth import _safe_next
from tests.web.conftest import settings_for
from tests.web.test_report import seed

PHISH = "/login?next=%2F%09%2Fevil.example%2Fphish"  # "/<tab>/evil.example/phish": a browser drops the tab


@pytest.fixture()
async def site(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    from bot.storage.migrate import upgrade

    _, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False)
    upgrade(settings.database_url)
    seed(settings.database_url)
    return await aiohttp_client(init_app(settings))


async def sign_in_from(client: TestClient, login_url: str) -> str:
    """Open the login page at `login_url`, submit its form as a browser would; the redirect's Location."""
    page = await (await client.get(login_url)).text()
    form = dict(re.findall(r'name="(csrf|next)" value="([^"]*)"', page))
    response = await client.post("/login", data={"username": "els", "password": "een lang wachtwoord", **form},
                                 allow_redirects=False)
    assert response.status == 303
    return response.headers["Location"]


async def test_a_tab_in_next_cannot_send_a_signed_in_officer_to_another_site(site: TestClient) -> None:
    assert await sign_in_from(site, PHISH) == "/report"


@pytest.mark.parametrize("target", [
    "/\t/evil.example/phish", "//evil.example/phish", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
    "/report/..//evil.example", "/report/%2e%2e/%2fevil.example", "/\r\n/evil.example", "/elsewhere", "javascript:x",
    "/report\u3000/x", "",
])
async def test_a_posted_next_outside_the_report_and_staff_pages_goes_to_the_report(site: TestClient,
                                                                                target: str) -> None:
    page = await (await site.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = await site.post("/login", data={"username": "els", "password": "een lang wachtwoord", "csrf": csrf,
                                               "next": target}, allow_redirects=False)
    assert response.headers["Location"] == "/report"


async def test_a_local_report_page_with_its_query_is_kept(site: TestClient) -> None:
    assert await sign_in_from(site, "/login?next=%2Freport%2Funmet%3Fstatus%3Dnew") == "/report/unmet?status=new"


@pytest.mark.parametrize("target, expected", [
    ("/report", "/report"), ("/staff/notes?x=1#frag", "/staff/notes?x=1"), ("/reports", "/report"),
    ("/staff//evil", "/report"), ("/report/./x", "/report"),
])
def test_next_is_rebuilt_from_its_parsed_parts(target: str, expected: str) -> None:
    assert _safe_next(target) == expected
