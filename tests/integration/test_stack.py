"""The real stack (Rasa, action server, gateway) answers residents on loopback ports.

Started exactly as `make run` starts it (python -m bot.stack), on free ports
and a throw-away database, with the model `make test` trained.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from typing import Dict, Iterator, List

import pytest

from bot.stack import CHILD_VARIABLES
from bot.storage.db import make_engine
from bot.storage.referrals import open_notes
from tests.live_stack import RunningStack, listening, start_stack

pytestmark = pytest.mark.integration
# Begins with "-", as a random token from secrets.token_urlsafe does once in 64 runs: Rasa's
# argument parser must not take it for an option.
RASA_TOKEN = "-integration-rasa-token"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    running = start_stack(
        tmp_path_factory.mktemp("stack"),
        TAALBRUG_HASH_SALT="integration-salt",
        TAALBRUG_REPORT_TOKEN="integration-report-token",
        TAALBRUG_RASA_TOKEN=RASA_TOKEN,
    )
    yield running
    running.stop()


def test_healthz_reports_every_part_up(stack: RunningStack) -> None:
    with urllib.request.urlopen(stack.url + "/healthz", timeout=10) as response:
        body = json.loads(response.read())
    assert body["status"] == "ok"
    assert body["rasa"]["ok"] and body["actions"]["ok"] and body["database"]["ok"]


def test_rasa_api_listens_on_loopback_only(stack: RunningStack) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.ports['rasa']}/", timeout=10) as r:
        assert r.status == 200
    try:  # the API itself wants the token
        urllib.request.urlopen(f"http://127.0.0.1:{stack.ports['rasa']}/status", timeout=10)
        raise AssertionError("Rasa's API answered without a token")
    except urllib.error.HTTPError as error:
        assert error.code in (401, 403)
    lsof = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
    for line in lsof.splitlines():
        if f":{stack.ports['rasa']} " in line or line.rstrip().endswith(f":{stack.ports['rasa']}"):
            assert "127.0.0.1:" in line, line


def test_rasa_takes_a_token_that_begins_with_a_dash_from_the_environment_only(stack: RunningStack) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.ports['rasa']}/status?token={RASA_TOKEN}", timeout=10) as r:
        assert r.status == 200
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{stack.ports['rasa']}/status?token=integration-rasa-token", timeout=10)
        raise AssertionError("Rasa's API answered without the leading '-' of its token")
    except urllib.error.HTTPError as error:
        assert error.code in (401, 403)
    for name in ("rasa", "actions", "gateway"):  # the token is in no process's command line
        with open(f"/proc/{stack.pid(name)}/cmdline", "rb") as cmdline:
            assert RASA_TOKEN.encode() not in cmdline.read(), name


def environ(pid: int) -> Dict[str, str]:
    """The environment a process was started with, as the kernel keeps it."""
    with open(f"/proc/{pid}/environ", "rb") as handle:
        pairs = [item.decode().split("=", 1) for item in handle.read().split(b"\0") if b"=" in item]
    return {name: value for name, value in pairs}


def test_each_process_was_started_with_only_the_secrets_it_needs(stack: RunningStack) -> None:
    started = {name: environ(stack.pid(name)) for name in ("actions", "rasa", "gateway")}
    for name, env in started.items():
        assert {k for k in env if k.startswith("TAALBRUG_")} <= CHILD_VARIABLES[name], name
    values = {name: "\0".join(env.values()) for name, env in started.items()}
    assert RASA_TOKEN not in values["actions"] and "integration-report-token" not in values["actions"]
    assert "integration-report-token" not in values["rasa"]
    assert stack.env["TAALBRUG_DATABASE_URL"] not in values["rasa"]
    assert "integration-salt" not in values["gateway"]
    assert stack.env["TAALBRUG_TRACKER_STORE_URL"] not in values["gateway"]
    assert started["actions"]["TAALBRUG_HASH_SALT"] == "integration-salt"  # where they are needed, they are
    assert started["rasa"]["TAALBRUG_HASH_SALT"] == "integration-salt"  # the redacting tracker store's hashes
    assert started["gateway"]["TAALBRUG_REPORT_TOKEN"] == "integration-report-token"


def group_members(pgid: int) -> List[int]:
    """Every live process of a process group (a child of the stack and whatever it started)."""
    members = []
    for entry in (e for e in os.listdir("/proc") if e.isdigit()):
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                if int(handle.read().rsplit(")", 1)[1].split()[2]) == pgid:
                    members.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return members


def test_no_process_of_the_stack_shows_a_secret_on_its_command_line(stack: RunningStack) -> None:
    secrets = [RASA_TOKEN, "integration-report-token", "integration-salt",
               environ(stack.pid("actions"))["TAALBRUG_ACTIONS_TOKEN"]]
    pids = [pid for name in ("actions", "rasa", "gateway") for pid in group_members(stack.pid(name))]
    assert len(pids) >= 3
    for pid in pids + [stack.process.pid]:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            shown = cmdline.read().decode(errors="replace")
        assert not [s for s in secrets if s in shown], pid


def test_the_action_server_answers_rasa_only(stack: RunningStack) -> None:
    token = environ(stack.pid("actions"))["TAALBRUG_ACTIONS_TOKEN"]  # made for this run by the stack
    assert environ(stack.pid("rasa"))["TAALBRUG_ACTIONS_TOKEN"] == token and len(token) >= 32
    assert "TAALBRUG_ACTIONS_TOKEN" not in environ(stack.pid("gateway"))
    webhook = f"http://127.0.0.1:{stack.ports['actions']}/webhook"
    for headers in ({}, {"Authorization": "Bearer integration-rasa-token"}):
        request = urllib.request.Request(webhook, data=b'{"next_action": "action_answer_topic", "tracker": {}}',
                                         headers={"Content-Type": "application/json", **headers})
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError(f"the action server answered {headers}")
        except urllib.error.HTTPError as error:
            assert error.code == 401
    reply = stack.chat("integration-actions-token-1", "ik wil met een medewerker spreken")
    assert "09 000 00 00" in reply["messages"][0]["text"], stack.problems()  # filled in by the action server


def test_hallo_is_answered_in_plain_dutch(stack: RunningStack) -> None:
    reply = stack.chat("integration-hallo-1", "hallo")
    assert reply["topic"] == "greet"
    answer = reply["messages"][0]
    assert answer["kind"] == "answer" and answer["lang"] == "nl"
    assert "Taalbrug" in answer["text"] and "Voorbeeldegem" in answer["text"]
    assert reply["language"]["code"] in {"nl", "en", "de"}  # "hallo" is shared by these


def test_parse_returns_the_language_object(stack: RunningStack) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.ports['rasa']}/model/parse?token={RASA_TOKEN}",
        data=json.dumps({"text": "Bonjour, je voudrais parler à quelqu'un de la commune"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        parsed = json.loads(response.read())
    assert parsed["language"]["code"] == "fr"
    assert parsed["language"]["source"] == "detected"
    assert 0 < parsed["language"]["confidence"] <= 1
    assert parsed["intent"]["name"] == "ask_human"


def test_arabic_resident_gets_a_right_to_left_cue(stack: RunningStack) -> None:
    reply = stack.chat("integration-arabic-1", "مرحبا، كيف حالك", ["ar"])
    kinds = [(m["kind"], m["lang"], m["dir"]) for m in reply["messages"]]
    assert kinds == [("answer", "nl", "ltr"), ("cue", "ar", "rtl")]
    assert reply["language"]["code"] == "ar"


def test_asking_for_a_person_gives_contact_details(stack: RunningStack) -> None:
    reply = stack.chat("integration-human-1", "ik wil met een medewerker spreken")
    assert reply["topic"] == "ask_human"
    assert "09 000 00 00" in reply["messages"][0]["text"]


def test_an_off_topic_question_is_declined_politely(stack: RunningStack) -> None:
    reply = stack.chat("integration-oos-1", "wat voor weer wordt het morgen?")
    assert reply["topic"] == "out_of_scope"
    assert reply["messages"][0]["text"].startswith("Sorry")
    assert reply["messages"][0]["buttons"][0]["payload"] == "/ask_human"


def test_a_button_payload_continues_the_conversation_in_its_language(stack: RunningStack) -> None:
    first = stack.chat("integration-button-1", "Merhaba, ben bir robotla mı konuşuyorum?")
    assert first["language"]["code"] == "tr"
    payload = first["messages"][0]["buttons"][0]["payload"]
    second = stack.chat("integration-button-1", payload)
    assert second["topic"] == "ask_human"
    assert second["messages"][-1]["lang"] == "tr"


def test_the_language_sticks_through_ok_and_a_choice_locks_it(stack: RunningStack) -> None:
    first = stack.chat("integration-sticky-1", "مرحبا، أحتاج مساعدة", ["nl-BE"])
    assert first["language"]["code"] == "ar"
    ok = stack.chat("integration-sticky-1", "ok merci")
    assert ok["language"]["code"] == "ar"
    assert ok["messages"][-1]["lang"] == "ar"
    chosen = stack.chat("integration-sticky-1", "ik spreek Tigrinya")
    assert chosen["language"] == {"code": "ti", "confidence": 1.0, "source": "user_choice"}
    after = stack.chat("integration-sticky-1", "Bonjour, je cherche la maison communale")
    assert after["messages"][-1]["lang"] == "ti"


def test_an_emergency_is_answered_with_112_and_a_cue(stack: RunningStack) -> None:
    reply = stack.chat("integration-emergency-1", "help brand in mijn huis, snel!")
    assert reply["topic"] == "emergency"
    assert "112" in reply["messages"][0]["text"]


def test_learning_dutch_by_typed_answers_ends_in_a_referral(stack: RunningStack) -> None:
    session = "integration-learn-dutch-1"
    first = stack.chat(session, "Je veux apprendre le néerlandais, il y a des cours le soir ?")
    assert first["messages"][0]["kind"] == "prompt"
    assert first["messages"][0]["text"] == "Spreekt u al een beetje Nederlands?"
    assert first["messages"][-1]["lang"] == "fr"
    when = stack.chat(session, "un peu")
    assert when["messages"][0]["text"] == "Wanneer wilt u les volgen?"
    postcode = stack.chat(session, "le soir")
    assert postcode["messages"][0]["text"].startswith("Wat is uw postcode?")
    referral = stack.chat(session, "9999")
    assert referral["topic"] == "learn_dutch"
    kinds = [m["kind"] for m in referral["messages"]]
    assert kinds[:2] == ["answer", "cue"] and "referral" in kinds
    text = "\n".join(m["text"] for m in referral["messages"])
    assert "U zoekt lessen 's avonds." in text and "Huis van het Nederlands" in text
    assert "Ze spreken er ook uw taal: Frans." in text
    assert "Uw bezoek voorbereiden:" in text
    assert referral["messages"][-1]["lang"] == "fr"


def test_an_interpreter_request_confirms_the_language_and_notes_it(stack: RunningStack) -> None:
    session = "integration-interpreter-1"
    first = stack.chat(session, "أحتاج مترجم للموعد في البلدية يوم الخميس")
    assert first["messages"][0]["kind"] == "prompt" and first["messages"][-1]["lang"] == "ar"
    language = stack.chat(session, '/interpreter{"interpreter_service": "town_hall"}')
    confirm = language["messages"][0]
    assert "Is het Arabisch (العربية)?" in confirm["text"]
    referral = stack.chat(session, confirm["buttons"][0]["payload"])
    text = "\n".join(m["text"] for m in referral["messages"])
    assert "U hebt een tolk Arabisch nodig voor een afspraak in het gemeentehuis." in text
    engine = make_engine(stack.database_url)
    try:
        notes = open_notes(engine, "voorbeeldegem")
    finally:
        engine.dispose()
    assert "Tolk nodig: Arabisch, een afspraak in het gemeentehuis." in [n.text for n in notes]


def test_an_emergency_ends_a_form_at_once(stack: RunningStack) -> None:
    session = "integration-form-emergency-1"
    stack.chat(session, "ik wil nederlands leren")
    reply = stack.chat(session, "help brand in mijn huis, snel!")
    assert reply["topic"] == "emergency" and "112" in reply["messages"][0]["text"]
    after = stack.chat(session, "hallo")
    assert after["topic"] == "greet"


def test_an_unmet_question_reaches_the_report_redacted(stack: RunningStack) -> None:
    stack.chat("integration-unmet-1", "Mijn naam is Karim Benali, wie repareert mijn kapotte paraplu? Bel 0470 12 34 56")
    stack.chat("integration-unmet-1", "/feedback_negative")
    request = urllib.request.Request(stack.url + "/report/unmet.json",
                                     headers={"Authorization": "Bearer integration-report-token"})
    with urllib.request.urlopen(request, timeout=30) as response:
        unmet = json.loads(response.read())["unmet"]
    texts = [u["text"] for u in unmet]
    assert any("paraplu" in t for t in texts)
    assert not any("Karim" in t or "0470" in t for t in texts)
    assert {u["reason"] for u in unmet} >= {"unhelpful"}
    logs = "".join(stack.output)  # every process's log (the stack passes them through)
    assert "Benali" not in logs and "0470 12 34 56" not in logs
    anonymous = urllib.request.Request(stack.url + "/report/unmet.json")
    try:
        urllib.request.urlopen(anonymous, timeout=30)
        raise AssertionError("the report answered an anonymous request")
    except urllib.error.HTTPError as error:
        assert error.code == 401


def test_a_message_that_makes_rasa_fail_leaves_no_text_or_sender_id_in_the_log(stack: RunningStack) -> None:
    """A lone surrogate (refused by the gateway since issue 19) sent to Rasa's REST channel directly makes
    Rasa's NLU fail; Rasa then logs the failure. bot.logfilter keeps text, metadata and sender id out."""
    sender = "w-" + secrets.token_hex(16)
    text = "ik woon in de Xylofoonstraat 7, mail lekt.niet@example.be \\ud800"  # a JSON escape: a lone surrogate
    to_gateway = ('{"session": "%s", "text": "%s"}' % (sender, text)).encode()
    body = ('{"sender": "%s", "message": "%s", "metadata": {"municipality": "voorbeeldegem", '
            '"note": "Xylofoonstraat"}}' % (sender, text)).encode()
    gateway = urllib.request.Request(stack.url + "/api/chat", data=to_gateway,
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(gateway, timeout=30)
        raise AssertionError("the gateway passed on a lone surrogate")
    except urllib.error.HTTPError as error:
        assert error.code == 400
    rasa = urllib.request.Request(f"http://127.0.0.1:{stack.ports['rasa']}/webhooks/rest/webhook", data=body,
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(rasa, timeout=60) as response:
        assert response.status == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "rest.message.received.failure" not in "".join(stack.output):
        time.sleep(0.5)
    logs = "".join(stack.output)
    assert "rest.message.received.failure" in logs, stack.problems()  # Rasa did fail, and logged it
    for secret in (sender, "Xylofoonstraat", "lekt.niet@example.be"):
        assert secret not in logs, [line for line in stack.output if secret in line][:3]


@pytest.mark.parametrize("lang, text", [
    ("fr", "j'ai oublié le code pin de ma carte eid, elle est bloquée"),
    ("ar", "نسيت الرمز السري ديال بطاقة eID ديالي"),
    ("pl", "zapomniałem pinu do mojego dowodu eid"),
])
def test_a_pin_question_gets_the_pin_sub_answer_first_and_its_cue(stack: RunningStack, lang: str, text: str) -> None:
    from bot.content.loader import load_content

    reply = stack.chat(f"integration-pin-{lang}", text, [lang])
    answer, cue = reply["messages"][:2]
    assert reply["topic"] == "id_card", stack.problems()
    assert answer["kind"] == "answer" and answer["text"].startswith("Uw kaart heeft twee geheime codes"), answer
    own = load_content().topic_cues["id_card"].get("pin_puk", lang)
    assert own is not None and cue["kind"] == "cue" and cue["lang"] == lang
    assert cue["text"].startswith(own.text) and "PUK-code — " in cue["text"]


# Last: it stops the stack the tests above share.
def test_sigterm_stops_every_process(stack: RunningStack) -> None:
    stack.process.send_signal(signal.SIGTERM)
    assert stack.process.wait(60) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(listening(p) for p in stack.ports.values()):
        time.sleep(0.2)
    assert not any(listening(p) for p in stack.ports.values())

