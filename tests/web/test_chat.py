"""POST /api/chat keeps the contract of DESIGN.md and refuses bad input clearly."""

from __future__ import annotations

import json

import pytest

from bot.messages import Message
from bot.web import init_app
from tests.conftest import free_port
from tests.web.conftest import rest_items, settings_for

SESSION = "abcdef0123456789"


def _answer(text: str, kind: str = "answer", lang: str = "nl", direction: str = "ltr", **extra) -> Message:
    return Message(kind=kind, text=text, lang=lang, dir=direction, **extra)


async def test_reply_is_shaped_as_the_contract(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    language = {"code": "ar", "confidence": 0.91, "source": "detected"}
    fake.replies = rest_items(
        _answer("Dag! Ik ben Taalbrug.", language=language, topic="greet"),
        _answer("مرحبا!", kind="cue", lang="ar", direction="rtl", language=language, topic="greet"),
        recipient=SESSION,
    )
    response = await client.post(
        "/api/chat", json={"session": SESSION, "text": "مرحبا", "languages": ["ar-MA", "fr"]}
    )
    assert response.status == 200
    body = await response.json()
    assert body["language"] == language
    assert body["topic"] == "greet"
    assert body["messages"] == [
        {"kind": "answer", "text": "Dag! Ik ben Taalbrug.", "lang": "nl", "dir": "ltr", "buttons": []},
        {"kind": "cue", "text": "مرحبا!", "lang": "ar", "dir": "rtl", "buttons": []},
    ]
    sent = fake.received[0]
    assert sent["sender"] == SESSION and sent["message"] == "مرحبا"
    assert sent["metadata"]["languages"] == ["ar-MA", "fr"]
    assert sent["metadata"]["municipality"] == "voorbeeldegem"


async def test_widget_municipality_is_passed_to_rasa(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = rest_items(_answer("Dag!"), recipient=SESSION)
    await client.post("/api/chat", json={"session": SESSION, "text": "hallo", "municipality": "rivierbeke"})
    assert fake.received[0]["metadata"]["municipality"] == "rivierbeke"


async def test_a_picked_language_is_passed_as_an_explicit_choice(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = rest_items(_answer("Dag!"), recipient=SESSION)
    await client.post("/api/chat", json={"session": SESSION, "text": "hallo", "choice": "ti"})
    assert fake.received[0]["metadata"]["language_choice"] == "ti"


async def test_the_conversations_language_is_passed_so_a_short_turn_keeps_it(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = rest_items(_answer("Dag!"), recipient=SESSION)
    await client.post("/api/chat", json={"session": SESSION, "text": "ok", "language": "so"})
    await client.post("/api/chat", json={"session": SESSION, "text": "ok"})
    assert fake.received[0]["metadata"]["language"] == "so"
    assert "language" not in fake.received[1]["metadata"]


async def test_plain_text_replies_are_dutch_answers(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = [{"recipient_id": SESSION, "text": "Hallo"}]
    body = await (await client.post("/api/chat", json={"session": SESSION, "text": "hallo"})).json()
    assert body["messages"][0]["kind"] == "answer" and body["messages"][0]["lang"] == "nl"
    assert body["topic"] is None


async def test_no_reply_from_rasa_becomes_a_polite_error(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = []  # what Rasa sends when the action server is down
    response = await client.post(
        "/api/chat", json={"session": SESSION, "text": "hallo", "languages": ["tr-TR"]}
    )
    body = await response.json()
    kinds = [(m["kind"], m["lang"]) for m in body["messages"]]
    assert kinds == [("error", "nl"), ("error", "tr")]
    assert all(m["text"] for m in body["messages"])


async def test_rasa_down_gives_502_with_messages(aiohttp_client, tmp_path) -> None:
    app = init_app(settings_for(tmp_path, free_port(), free_port()))
    client = await aiohttp_client(app)
    response = await client.post("/api/chat", json={"session": SESSION, "text": "hallo"})
    assert response.status == 502
    body = await response.json()
    assert body["error"] and body["messages"][0]["kind"] == "error"


async def test_rasa_and_the_actions_on_another_host_are_reached_by_their_urls(aiohttp_client, fake_rasa, tmp_path) -> None:
    fake, server = fake_rasa
    fake.replies = rest_items(_answer("Het containerpark is open."), recipient=SESSION)
    elsewhere = f"http://127.0.0.1:{server.port}"
    settings = settings_for(tmp_path, free_port(), free_port(),  # nothing listens on the local ports
                            rasa_url_list=(elsewhere,), actions_url_override=elsewhere)
    client = await aiohttp_client(init_app(settings))
    response = await client.post("/api/chat", json={"session": SESSION, "text": "containerpark"})
    assert response.status == 200
    assert (await response.json())["messages"][0]["text"] == "Het containerpark is open."
    assert fake.received[-1]["message"] == "containerpark"
    health = await client.get("/healthz")
    body = await health.json()
    assert body["rasa"]["ok"] and body["actions"]["ok"]


async def test_slow_rasa_gives_504_within_the_timeout(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.delay = 3.0  # the test gateway waits 1 s
    response = await client.post("/api/chat", json={"session": SESSION, "text": "hallo"})
    assert response.status == 504
    assert (await response.json())["messages"][0]["kind"] == "error"


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({"session": SESSION, "text": ""}, "empty"),
        ({"session": SESSION, "text": "   \n\t "}, "empty"),
        ({"session": SESSION, "text": "\x00\x01\x02"}, "empty"),
        ({"session": SESSION}, "'text'"),
        ({"session": SESSION, "text": 42}, "'text'"),
        ({"session": SESSION, "text": "x" * 2001}, "longer"),
        ({"text": "hallo"}, "'session'"),
        ({"session": "short", "text": "hallo"}, "'session'"),
        ({"session": "<script>alert(1)</script>", "text": "hallo"}, "'session'"),
        ({"session": SESSION, "text": "hallo", "languages": "nl"}, "'languages'"),
        ({"session": SESSION, "text": "hallo", "languages": [1, 2]}, "'languages'"),
        ({"session": SESSION, "text": "hallo", "municipality": "../etc"}, "'municipality'"),
        ({"session": SESSION, "text": "hallo", "choice": "klingon"}, "'choice'"),
        ({"session": SESSION, "text": "hallo", "language": ["so"]}, "'language'"),
        (["not", "an", "object"], "JSON object"),
    ],
)
async def test_bad_requests_get_400_with_a_json_error(client, fake_rasa, body, fragment) -> None:
    response = await client.post("/api/chat", json=body)
    assert response.status == 400
    assert fragment in (await response.json())["error"]
    assert fake_rasa[0].received == []


async def test_invalid_json_and_utf8_are_refused(client) -> None:
    response = await client.post("/api/chat", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status == 400 and "JSON" in (await response.json())["error"]
    response = await client.post("/api/chat", data=b'{"text": "\xff\xfe"}', headers={"Content-Type": "application/json"})
    assert response.status == 400 and "UTF-8" in (await response.json())["error"]


async def test_a_100_kb_body_is_refused_with_413(client) -> None:
    body = json.dumps({"session": SESSION, "text": "x" * 100_000})
    response = await client.post("/api/chat", data=body, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert "error" in await response.json()


async def test_control_characters_are_removed_before_rasa_sees_them(client, fake_rasa) -> None:
    fake, _ = fake_rasa
    fake.replies = rest_items(_answer("Dag!"), recipient=SESSION)
    response = await client.post("/api/chat", json={"session": SESSION, "text": "hal\x00lo\nwereld"})
    assert response.status == 200
    assert fake.received[0]["message"] == "hallo wereld"


async def test_wrong_method_is_a_json_405(client) -> None:
    response = await client.get("/api/chat")
    assert response.status == 405
    assert "error" in await response.json()


async def test_the_length_limit_counts_the_text_as_sent(client, fake_rasa) -> None:
    # 2,001 characters, half of them control characters that cleaning would remove.
    response = await client.post("/api/chat", json={"session": SESSION, "text": "a\x01" * 1000 + "a"})
    assert response.status == 400 and "longer" in (await response.json())["error"]


async def test_text_with_a_lone_surrogate_is_refused_before_rasa_sees_it(client, fake_rasa) -> None:
    """JSON can carry a lone UTF-16 surrogate (\\ud800); inside Rasa it made spaCy fail and Rasa log the message."""
    body = b'{"session": "%s", "text": "mijn e-mail is jan@example.be \\ud800"}' % SESSION.encode()
    response = await client.post("/api/chat", data=body, headers={"Content-Type": "application/json"})
    assert response.status == 400 and "surrogate" in (await response.json())["error"]
    assert fake_rasa[0].received == []


async def test_deeply_nested_json_gets_a_400_json_error_not_a_500(client, fake_rasa) -> None:
    for opening, closing in (("[", "]"), ('{"a":', "}")):
        body = (opening * 10_000 + "1" + closing * 10_000).encode()
        response = await client.post("/api/chat", data=body, headers={"Content-Type": "application/json"})
        assert response.status == 400 and "nested" in (await response.json())["error"]
    assert fake_rasa[0].received == []
