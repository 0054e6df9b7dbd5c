"""The action server (rasa-sdk, started as `make run` starts it) refuses calls without Rasa's shared secret."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest

from bot import PROJECT_ROOT
from bot.action_auth import authorised
from tests.live_stack import _ports, listening

TOKEN = "acties-geheim-" + "x" * 20
WEBHOOK_BODY = json.dumps({"next_action": "action_answer_topic", "sender_id": "s", "tracker": {}}).encode()


def _env(tmp: Path, token: Optional[str]) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAALBRUG_")}
    env.update(PYTHONPATH=str(PROJECT_ROOT), SANIC_HOST="127.0.0.1", RASA_TELEMETRY_ENABLED="false",
               TAALBRUG_DATABASE_URL=f"sqlite:///{tmp / 'taalbrug.db'}", TAALBRUG_VAR_DIR=str(tmp / "var"))
    if token:
        env["TAALBRUG_ACTIONS_TOKEN"] = token
    return env


def _start(tmp: Path, token: Optional[str]) -> Tuple[subprocess.Popen, int]:
    port = _ports(1)["actions"]
    process = subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
                               cwd=PROJECT_ROOT, env=_env(tmp, token), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    return process, port


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    process, port = _start(tmp_path_factory.mktemp("actions"), TOKEN)
    try:
        deadline = time.monotonic() + 120
        while not listening(port):
            assert process.poll() is None, process.stdout.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the action server did not start"
            time.sleep(0.5)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _post(port: int, path: str, headers: Dict[str, str]) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=WEBHOOK_BODY,
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer geraden"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Basic {TOKEN}"}],
                         ids=["none", "wrong", "no-scheme", "longer", "basic"])
def test_a_webhook_call_without_the_token_is_refused(action_server: int, headers: Dict[str, str]) -> None:
    assert _post(action_server, "/webhook", headers) == 401
    assert _post(action_server, f"/webhook?token={TOKEN}", headers) == 401  # only the header counts


def test_the_token_opens_the_webhook_and_the_action_list_and_health_stays_open(action_server: int) -> None:
    # The body is no real tracker: past the check, rasa-sdk itself answers (not 401).
    assert _post(action_server, "/webhook", {"Authorization": f"Bearer {TOKEN}"}) not in (401, 403)
    listed = urllib.request.Request(f"http://127.0.0.1:{action_server}/actions",
                                    headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(listed, timeout=30) as response:
        assert "action_answer_topic" in response.read().decode()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{action_server}/actions", timeout=30)
        raise AssertionError("the action list answered without the token")
    except urllib.error.HTTPError as error:
        assert error.code == 401
    with urllib.request.urlopen(f"http://127.0.0.1:{action_server}/health", timeout=30) as response:
        assert response.status == 200


def test_the_action_server_does_not_start_without_a_token(tmp_path: Path) -> None:
    process, _port = _start(tmp_path, None)
    try:
        output, _ = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode != 0 and "TAALBRUG_ACTIONS_TOKEN" in output


@pytest.mark.parametrize(("header", "ok"), [(f"Bearer {TOKEN}", True), (None, False), ("", False),
                                            ("Bearer ", False), (f"bearer {TOKEN}", False)])
def test_only_the_exact_bearer_token_is_accepted(header: Optional[str], ok: bool) -> None:
    assert authorised(header, TOKEN) is ok
    assert not authorised(header, "")  # no token configured: nothing is accepted
