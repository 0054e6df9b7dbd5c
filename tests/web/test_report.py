"""The policy report: only signed-in policy officers (or the API token) see indicators and unmet questions."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from yarl import URL

from bot.storage.accounts import create_account
from bot.storage.counts import record_topic
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.referrals import record_referral
from bot.storage.unmet import list_unmet, record_conversation, record_unmet
from bot.web import init_app
from tests.web.conftest import settings_for

TOKEN = "rapport-token-voor-automatisering"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def seed(url: str) -> None:
    engine = make_engine(url)
    for day, language in ((date(2026, 10, 5), "ar"), (date(2026, 11, 2), "ar"), (date(2026, 11, 3), "ti")):
        record_conversation(engine, day, "voorbeeldegem", "rest", language)
        record_topic(engine, day, "voorbeeldegem", "rest", language, "waste")
    record_referral(engine, date(2026, 11, 3), "voorbeeldegem", "learn_dutch", "huis-nl", "ti", "rest")
    for text in ("waar kan ik mijn fiets laten herstellen", "waar kan ik een fiets laten repareren",
                 "<script>alert('x')</script> parkeerkaart", "=HYPERLINK(\"http://evil\") vraag"):
        record_unmet(engine, NOW, "voorbeeldegem", "rest", "nl", "fallback", text, [("waste", 0.2)], "h" * 32)
    create_account(engine, "els", "policy", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    create_account(engine, "jan", "staff", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    engine.dispose()


@pytest.fixture()
async def report(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    _, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, report_token=TOKEN, cookie_secure=False,
                            admin_password="beheerder-wachtwoord")
    upgrade(settings.database_url)
    seed(settings.database_url)
    client = await aiohttp_client(init_app(settings))
    client.database_url = settings.database_url  # type: ignore[attr-defined]
    return client


async def sign_in(client: TestClient, username: str = "els", password: str = "een lang wachtwoord", next="/report"):
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return await client.post("/login", data={"username": username, "password": password, "csrf": csrf,
                                             "next": next}, allow_redirects=False)


async def csrf_of(client: TestClient, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', await (await client.get(path)).text()).group(1)


@pytest.mark.parametrize("path", ["/report/export.csv", "/report/export.json", "/report/unmet.json",
                                  "/report/charts/topics.svg"])
async def test_anonymous_requests_are_refused(report: TestClient, path: str) -> None:
    response = await report.get(path)
    assert response.status == 401
    assert "error" in await response.json()
    wrong = await report.get(path, headers={"Authorization": "Bearer niet-het-token"})
    assert wrong.status == 401


async def test_anonymous_browsers_are_sent_to_the_login_page(report: TestClient) -> None:
    response = await report.get("/report/unmet?status=new", allow_redirects=False)
    location = URL(response.headers["Location"])
    assert response.status == 303 and location.path == "/login" and location.query["next"] == "/report/unmet?status=new"
    posted = await report.post("/report/unmet/status", data={"id": "1", "status": "added"})
    assert posted.status == 401


async def test_the_token_exports_indicator_rows_a_policy_officer_can_paste(report: TestClient) -> None:
    response = await report.get("/report/export.csv", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(await response.text()), delimiter=";"))
    assert list(table[0]) == ["maand", "gemeente", "indicator", "omschrijving", "onderwerp", "taal", "taal_naam",
                              "dienst", "kanaal", "reden", "aantal"]
    conversations = {(r["maand"], r["taal_naam"]): r["aantal"] for r in table if r["indicator"] == "conversations"}
    assert conversations == {("2026-10", "Arabisch"): "1", ("2026-11", "Arabisch"): "1", ("2026-11", "Tigrinya"): "1"}
    referral = [r for r in table if r["indicator"] == "referrals"]
    assert referral == [{**referral[0], "dienst": "huis-nl", "onderwerp": "learn_dutch", "aantal": "1"}]
    unmet = [r for r in table if r["indicator"] == "unmet"]
    assert unmet[0]["omschrijving"] == "Onbeantwoorde vragen" and unmet[0]["aantal"] == "4"
    november = await report.get("/report/export.json?from=2026-11&to=2026-11",
                                headers={"Authorization": f"Bearer {TOKEN}"})
    assert {r["month"] for r in (await november.json())["rows"]} == {"2026-11"}
    bad = await report.get("/report/export.json?from=november", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status == 400 and "month" in (await bad.json())["error"]


async def test_unmet_json_lists_the_redacted_questions(report: TestClient) -> None:
    body = await (await report.get("/report/unmet.json", headers={"Authorization": f"Bearer {TOKEN}"})).json()
    assert len(body["unmet"]) == 4
    first = body["unmet"][0]
    assert set(first) >= {"text", "language", "top_intents", "status", "reason", "created_at"}
    assert "conversation" not in first


async def test_sign_in_sets_a_locked_down_session_cookie(report: TestClient) -> None:
    wrong = await sign_in(report, password="fout wachtwoord!!")
    assert wrong.status == 401
    response = await sign_in(report)
    assert response.status == 303 and response.headers["Location"] == "/report"
    cookie = [v for k, v in response.headers.items() if k == "Set-Cookie" and "taalbrug_session" in v][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    dashboard = await report.get("/report")
    page = await dashboard.text()
    assert dashboard.status == 200 and "Gesprekken per taal en maand" in page
    assert '<th scope="row">2026-11</th>' in page and "Tigrinya" in page
    chart = await report.get("/report/charts/conversations.svg")
    assert chart.headers["Content-Type"].startswith("image/svg+xml") and "<svg" in await chart.text()


async def test_sign_in_needs_the_forms_csrf_token(report: TestClient) -> None:
    response = await report.post("/login", data={"username": "els", "password": "een lang wachtwoord"})
    assert response.status == 403


async def test_the_first_admin_comes_from_the_environment(report: TestClient) -> None:
    response = await sign_in(report, "admin", "beheerder-wachtwoord")
    assert response.status == 303


async def test_a_staff_account_cannot_read_the_report(report: TestClient) -> None:
    await sign_in(report, "jan")
    assert (await report.get("/report")).status == 403
    assert (await report.get("/report/export.csv")).status == 403


async def test_the_review_groups_similar_questions_and_escapes_them(report: TestClient) -> None:
    await sign_in(report)
    page = await (await report.get("/report/unmet")).text()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Groep 1: 2 vragen" in page  # the two bicycle questions


async def test_the_status_workflow_needs_the_session_csrf_token(report: TestClient) -> None:
    await sign_in(report)
    ids = [str(q.id) for q in list_unmet(make_engine(report.database_url))][:2]
    refused = await report.post("/report/unmet/status", data={"id": ids, "status": "added", "csrf": "geraden"})
    assert refused.status == 403
    csrf = await csrf_of(report, "/report/unmet")
    done = await report.post("/report/unmet/status", data={"id": ids, "status": "added", "csrf": csrf},
                             allow_redirects=False)
    assert done.status == 303
    statuses = {str(q.id): q.status for q in list_unmet(make_engine(report.database_url))}
    assert [statuses[i] for i in ids] == ["added", "added"]
    page = await (await report.get("/report/unmet?status=added")).text()
    assert page.count('type="checkbox"') == 2


async def test_csv_cells_cannot_run_as_spreadsheet_formulas(report: TestClient) -> None:
    from bot.web.report import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("huis-nl") == "huis-nl" and _cell(3) == 3


async def test_sign_out_ends_the_session(report: TestClient) -> None:
    await sign_in(report)
    csrf = await csrf_of(report, "/report")
    await report.post("/logout", data={"csrf": csrf}, allow_redirects=False)
    assert (await report.get("/report/export.csv")).status == 401


async def test_by_default_the_session_cookie_is_secure(aiohttp_client, fake_rasa, tmp_path: Path) -> None:
    _, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port)
    assert settings.cookie_secure
    upgrade(settings.database_url)
    seed(settings.database_url)
    client = await aiohttp_client(init_app(settings))
    page = await client.get("/login")
    login_cookie = page.headers["Set-Cookie"]
    assert "Secure" in login_cookie and "HttpOnly" in login_cookie
    csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
    # A browser sends Secure cookies over https only; the test sends it by hand.
    response = await client.post("/login", data={"username": "els", "password": "een lang wachtwoord",
                                                 "csrf": csrf, "next": "/report"},
                                 headers={"Cookie": f"taalbrug_login_csrf={csrf}"}, allow_redirects=False)
    cookie = [v for k, v in response.headers.items() if k == "Set-Cookie" and "taalbrug_session" in v][0]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


@pytest.mark.parametrize("cell", ["\t=HYPERLINK(\"http://evil\")", "\r=1+1", "\t@SUM(A1)"])
def test_csv_cells_starting_with_a_tab_or_carriage_return_are_neutralised_too(cell: str) -> None:
    from bot.web.report import _cell

    assert _cell(cell) == "'" + cell
