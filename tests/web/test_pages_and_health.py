"""The chat page is served, and /healthz tells which part of the stack is down."""

from __future__ import annotations

from bot.web import init_app
from tests.conftest import free_port
from tests.web.conftest import settings_for


async def test_the_demo_page_embeds_the_widget_with_one_script_tag(client) -> None:
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    assert html.count("<script") == 1
    assert '<script src="/static/widget.js" data-municipality="voorbeeldegem" defer></script>' in html
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    script = await client.get("/static/widget.js")
    body = await script.text()
    assert script.status == 200 and "/api/chat" in body and "sessionStorage" in body
    assert len(body.encode()) + len((await (await client.get("/static/widget.css")).text()).encode()) < 50_000


async def test_the_language_list_gives_each_language_its_own_name_and_direction(client) -> None:
    body = await (await client.get("/api/languages")).json()
    languages = {item["code"]: item for item in body["languages"]}
    assert len(languages) == 23 and body["languages"][0]["code"] == "nl"
    assert languages["ar"]["endonym"] == "العربية" and languages["ar"]["dir"] == "rtl"
    assert languages["ti"]["endonym"] == "ትግርኛ" and languages["tr"]["endonym"] == "Türkçe"
    assert languages["ar"]["ui"]["privacy"] and languages["ar"]["reviewed"] is False
    # Tamazight is offered as residents in Flanders speak it, with Tifinagh for those who read it.
    assert languages["ber"]["endonym"] == "Tarifit (Tamaziɣt) ⵜⴰⵔⵉⴼⵉⵜ"
    assert languages["ber"]["name_nl"] == "Tarifit (Tamazight, Berbers)"


async def test_healthz_is_200_when_everything_is_up(client) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok"
    assert body["rasa"]["ok"] and body["actions"]["ok"] and body["database"]["ok"]


async def test_healthz_names_the_action_server_when_it_is_down(client, fake_rasa) -> None:
    fake_rasa[0].actions_up = False
    response = await client.get("/healthz")
    assert response.status == 503
    body = await response.json()
    assert body["actions"]["ok"] is False and body["rasa"]["ok"] is True


async def test_healthz_reports_rasa_and_database_down(aiohttp_client, tmp_path) -> None:
    config = settings_for(tmp_path, free_port(), free_port()).with_changes(
        database_url="sqlite:////dev/null/no/such.db"
    )
    client = await aiohttp_client(init_app(config))
    body = await (await client.get("/healthz")).json()
    assert body["status"] == "unavailable"
    assert body["rasa"]["ok"] is False and body["database"]["ok"] is False
