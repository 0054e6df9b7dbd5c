"""Tenants: an account sees the notes, handovers, unmet questions and counts of its own municipalities only.

Voorbeeldegem and Rivierbeke share one deployment. Another municipality's item
gives a 403 and stays as it was; lists and exports hold only the account's
municipalities; live handover is for staff and admin accounts only.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Dict

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import delete

from bot.storage.accounts import create_account
from bot.storage.counts import record_topic
from bot.storage.db import make_engine, session_scope
from bot.storage.migrate import upgrade
from bot.storage.models import AccountMunicipality
from bot.storage.referrals import add_note, open_notes
from bot.storage.unmet import list_unmet, record_conversation, record_unmet
from bot.web import init_app, keys
from tests.web.conftest import settings_for

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
PASSWORD = "een lang wachtwoord"
TOKEN = "rapport-token-voor-tests"
TOWNS = ("voorbeeldegem", "rivierbeke")
ACCOUNTS = {"anna": ("staff", ["voorbeeldegem"]), "bert": ("staff", ["rivierbeke"]),
            "pol": ("policy", ["voorbeeldegem"]), "beheer": ("admin", ["voorbeeldegem"]),
            "beide": ("policy", ["voorbeeldegem", "rivierbeke"]), "oud": ("staff", ["voorbeeldegem"])}


@pytest.fixture()
async def deployment(aiohttp_client, fake_rasa, tmp_path: Path):
    fake, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False, report_token=TOKEN)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    for name, (role, towns) in ACCOUNTS.items():
        create_account(engine, name, role, PASSWORD, NOW, towns)
    with session_scope(engine) as session:  # as an account from before tenants: no municipality
        session.execute(delete(AccountMunicipality).where(AccountMunicipality.account_id == 6))
    for town in TOWNS:
        add_note(engine, NOW, town, "interpreter", "ti", f"Tolk nodig voor {town}", "h" * 32)
        record_unmet(engine, NOW, town, "rest", "nl", "fallback", f"vraag uit {town}", [("waste", 0.2)], "h" * 32)
        record_conversation(engine, date(2026, 11, 23), town, "rest", "ar")
        record_topic(engine, date(2026, 11, 23), town, "rest", "ar", "waste")
    app = init_app(settings)
    clients: Dict[str, TestClient] = {}
    for name in ACCOUNTS:
        clients[name] = await aiohttp_client(app) if not clients else await aiohttp_client(
            next(iter(clients.values())).server)
        page = await (await clients[name].get("/login")).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        await clients[name].post("/login", data={"username": name, "password": PASSWORD, "csrf": csrf},
                                 allow_redirects=False)
    desk = app[keys.HANDOVERS]
    handovers = {town: desk.request(f"resident-{town}", town, "ar").id for town in TOWNS}
    anonymous = await aiohttp_client(next(iter(clients.values())).server)
    yield clients, handovers, engine, fake, app, anonymous
    engine.dispose()


async def csrf_of(client: TestClient, path: str = "/staff") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', await (await client.get(path)).text()).group(1)


async def test_the_staff_page_shows_only_the_accounts_municipality(deployment) -> None:
    clients, handovers, *_ = deployment
    page = await (await clients["anna"].get("/staff")).text()
    assert "Tolk nodig voor voorbeeldegem" in page and "Tolk nodig voor rivierbeke" not in page
    assert handovers["voorbeeldegem"] in page and handovers["rivierbeke"] not in page
    other = await clients["anna"].get("/staff?municipality=rivierbeke")
    assert other.status == 403 and "Tolk nodig voor rivierbeke" not in await other.text()
    own = await (await clients["bert"].get("/staff")).text()  # the default is not his: his own is shown
    assert "Tolk nodig voor rivierbeke" in own and handovers["rivierbeke"] in own
    assert '<select id="municipality"' not in page  # one municipality: nothing to pick
    both = await (await clients["beide"].get("/staff?municipality=rivierbeke")).text()
    assert "Tolk nodig voor rivierbeke" in both and '<select id="municipality"' in both
    assert '<option value="rivierbeke" selected>' in both


async def test_another_municipalitys_note_cannot_be_marked_done(deployment) -> None:
    clients, _, engine, *_ = deployment
    [theirs] = open_notes(engine, "rivierbeke")
    refused = await clients["anna"].post(f"/staff/notes/{theirs.id}/done", data={"csrf": await csrf_of(clients["anna"])},
                                         allow_redirects=False)
    assert refused.status == 403 and [n.id for n in open_notes(engine, "rivierbeke")] == [theirs.id]
    done = await clients["bert"].post(f"/staff/notes/{theirs.id}/done", data={"csrf": await csrf_of(clients["bert"])},
                                      allow_redirects=False)
    assert done.status == 303 and open_notes(engine, "rivierbeke") == []


@pytest.mark.parametrize("action", ["take", "reply", "release"])
async def test_another_municipalitys_conversation_cannot_be_read_or_taken(deployment, action: str) -> None:
    clients, handovers, _, fake, app, _ = deployment
    link = f"/staff/handover/{handovers['rivierbeke']}"
    assert (await clients["anna"].get(link)).status == 403
    refused = await clients["anna"].post(f"{link}/{action}", data={"csrf": await csrf_of(clients["anna"]),
                                                                   "text": "Hallo"}, allow_redirects=False)
    assert refused.status == 403
    assert app[keys.HANDOVERS].get(handovers["rivierbeke"]).state == "waiting"
    assert "resident-rivierbeke" not in fake.events  # nothing reached the resident's conversation


async def test_live_handover_is_for_staff_and_admin_accounts_only(deployment) -> None:
    clients, handovers, _, fake, app, _ = deployment
    link = f"/staff/handover/{handovers['voorbeeldegem']}"
    staff_page = await (await clients["pol"].get("/staff")).text()  # the helper itself stays open to policy
    assert "Tolk nodig voor voorbeeldegem" in staff_page and handovers["voorbeeldegem"] not in staff_page
    assert (await clients["pol"].get(link)).status == 403
    refused = await clients["pol"].post(f"{link}/take", data={"csrf": await csrf_of(clients["pol"])},
                                        allow_redirects=False)
    assert refused.status == 403 and app[keys.HANDOVERS].get(handovers["voorbeeldegem"]).state == "waiting"
    taken = await clients["beheer"].post(f"{link}/take", data={"csrf": await csrf_of(clients["beheer"])},
                                         allow_redirects=False)
    assert taken.status == 303 and app[keys.HANDOVERS].get(handovers["voorbeeldegem"]).state == "active"
    assert fake.events["resident-voorbeeldegem"][-1]["event"] == "pause"


async def test_exports_and_counts_hold_only_the_accounts_municipalities(deployment) -> None:
    clients, _, _, _, _, anonymous = deployment
    rows = (await (await clients["pol"].get("/report/export.json")).json())["rows"]
    assert rows and {r["municipality"] for r in rows} == {"voorbeeldegem"}
    csv = await (await clients["pol"].get("/report/export.csv")).text()
    assert "voorbeeldegem" in csv and "rivierbeke" not in csv
    for path in ("/report/export.json", "/report/export.csv", "/report/unmet.json", "/report",
                 "/report/unmet", "/report/charts/topics.svg"):
        assert (await clients["pol"].get(f"{path}?municipality=rivierbeke")).status == 403, path
    dashboard = await (await clients["pol"].get("/report")).text()
    assert 'value="rivierbeke"' not in dashboard
    both = (await (await clients["beide"].get("/report/export.json")).json())["rows"]
    assert {r["municipality"] for r in both} == set(TOWNS)
    token = await anonymous.get("/report/export.json", headers={"Authorization": f"Bearer {TOKEN}"})
    assert {r["municipality"] for r in (await token.json())["rows"]} == set(TOWNS)  # the deployment's token


async def test_unmet_questions_of_another_municipality_are_neither_listed_nor_changed(deployment) -> None:
    clients, _, engine, *_ = deployment
    listed = (await (await clients["pol"].get("/report/unmet.json")).json())["unmet"]
    assert [q["text"] for q in listed] == ["vraag uit voorbeeldegem"]
    review = await (await clients["pol"].get("/report/unmet")).text()
    assert "vraag uit voorbeeldegem" in review and "vraag uit rivierbeke" not in review
    ids = {q.municipality: q.id for q in list_unmet(engine)}
    csrf = await csrf_of(clients["pol"], "/report/unmet")
    refused = await clients["pol"].post("/report/unmet/status", data={
        "csrf": csrf, "status": "not_relevant", "id": [str(ids["voorbeeldegem"]), str(ids["rivierbeke"])]},
        allow_redirects=False)
    assert refused.status == 403
    assert {q.status for q in list_unmet(engine)} == {"new"}  # not even its own question changed
    done = await clients["pol"].post("/report/unmet/status", data={
        "csrf": csrf, "status": "reviewed", "id": str(ids["voorbeeldegem"])}, allow_redirects=False)
    assert done.status == 303
    assert {q.municipality: q.status for q in list_unmet(engine)} == {"voorbeeldegem": "reviewed", "rivierbeke": "new"}


async def test_an_account_of_no_municipality_sees_nothing(deployment) -> None:
    clients, *_ = deployment
    assert (await clients["oud"].get("/staff")).status == 403
    assert (await clients["oud"].get("/staff?municipality=voorbeeldegem")).status == 403
