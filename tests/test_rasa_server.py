"""The Rasa launcher accepts and refuses exactly the action-server answers Rasa itself does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

ORIGINAL = RemoteAction._validate_action_result

ANSWERS: Dict[str, Any] = {
    "an answer with a slot and a message": {
        "events": [{"event": "slot", "name": "language", "value": "ar", "timestamp": None}],
        "responses": [{"text": "Het containerpark is open.", "buttons": [{"title": "Ja", "payload": "/affirm"}],
                       "custom": {"kind": "answer", "cue": "مفتوح"}}],
    },
    "nothing to do": {"events": [], "responses": []},
    "a form that ends": {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "action_listen"}]},
    "an unknown event": {"events": [{"event": "teleport", "name": "x"}]},
    "events that are not a list": {"events": {"event": "slot"}},
    "a slot event without a name": {"events": [{"event": "slot", "value": 1}]},
    "responses that are not objects": {"responses": ["hallo"]},
}


@pytest.fixture()
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    rasa_server.install()


def _verdict(check: Any, answer: Dict[str, Any]) -> str:
    try:
        check(RemoteAction("action_answer_topic", None), answer)
    except ValidationError as error:
        return f"refused: {error.message}"
    return "accepted"


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_the_launcher_judges_an_action_answer_as_rasa_does(installed: None, name: str) -> None:
    answer = ANSWERS[name]
    ours = _verdict(RemoteAction._validate_action_result, answer)
    assert RemoteAction._validate_action_result is not ORIGINAL
    assert ours == _verdict(ORIGINAL, answer)


def test_a_malformed_answer_is_still_refused_with_rasas_explanation(installed: None) -> None:
    verdict = _verdict(RemoteAction._validate_action_result, ANSWERS["an unknown event"])
    assert verdict.startswith("refused:") and "Failed to validate Action server response" in verdict


RUN = ["bot/rasa_server.py", "run", "--enable-api", "--endpoints", "endpoints.yml"]
TRACKER = {"TAALBRUG_TRACKER_STORE_URL": "sqlite:////srv/taalbrug/var/tracker.db"}


@pytest.mark.parametrize("token", ["geheim", "-begins-with-a-dash", "--auth-token", "-t"])
def test_the_token_comes_from_the_environment_in_the_form_no_parser_takes_for_an_option(token: str) -> None:
    from rasa.__main__ import create_argument_parser

    argv = rasa_server.rasa_argv(RUN, {**TRACKER, "TAALBRUG_RASA_TOKEN": token})
    assert argv == RUN + [f"--auth-token={token}"]
    assert create_argument_parser().parse_args(argv[1:]).auth_token == token


@pytest.mark.parametrize("option", [["-t", "geheim"], ["-tgeheim"], ["--auth-token", "geheim"],
                                    ["--auth-token=geheim"], ["--auth", "geheim"]])
def test_a_token_on_the_command_line_is_refused(option: List[str]) -> None:
    with pytest.raises(SystemExit, match="TAALBRUG_RASA_TOKEN, not on the command line"):
        rasa_server.rasa_argv(RUN + option, {**TRACKER, "TAALBRUG_RASA_TOKEN": "geheim"})


def test_the_api_without_a_token_is_refused() -> None:
    with pytest.raises(SystemExit, match="needs a token: set TAALBRUG_RASA_TOKEN"):
        rasa_server.rasa_argv(RUN, TRACKER)
    assert rasa_server.rasa_argv(["x", "run", "actions"], {}) == ["x", "run", "actions"]  # not Rasa's server


@pytest.mark.parametrize("url", [None, "", "  ", "taalbrug:geheim@db/rasa", "rasa"])
def test_rasa_does_not_start_without_a_full_tracker_store_url(url: Optional[str]) -> None:
    env = {"TAALBRUG_RASA_TOKEN": "geheim"}
    if url is not None:
        env["TAALBRUG_TRACKER_STORE_URL"] = url
    with pytest.raises(SystemExit, match="TAALBRUG_TRACKER_STORE_URL is not (set|a full database URL)") as refused:
        rasa_server.rasa_argv(RUN, env)
    assert "geheim" not in str(refused.value)  # the value, which may hold a password, is not shown


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.replicas.yml"])
def test_rasa_itself_refuses_an_empty_tracker_store_url_instead_of_making_a_database_here(
        endpoints: str, project_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in {"TAALBRUG_ACTIONS_URL": "http://127.0.0.1:5055", "TAALBRUG_ACTIONS_TOKEN": "geheim",
                        "TAALBRUG_REDIS_HOST": "127.0.0.1",
                        "TAALBRUG_REDIS_PORT": "6379", "TAALBRUG_REDIS_DB": "0"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    for url in ("", "rasa"):
        monkeypatch.setenv("TAALBRUG_TRACKER_STORE_URL", url)
        with pytest.raises(Exception, match="TAALBRUG_TRACKER_STORE_URL_must_be_a_full_database_URL"):
            TrackerStore.create(read_endpoint_config(str(project_root / endpoints), "tracker_store"))
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("TAALBRUG_TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'var' / 'tracker.db'}")
    (tmp_path / "var").mkdir()
    TrackerStore.create(read_endpoint_config(str(project_root / endpoints), "tracker_store"))
    assert [p.name for p in tmp_path.rglob("*")] == ["var", "tracker.db"]


def test_no_stray_tracker_database_is_committed(project_root: Path) -> None:
    """Rasa's SQL tracker store once left an SQLite file `rasa` at the top (issue 19, item 13)."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (project_root / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "--", "rasa", "rasa.db"], cwd=project_root, capture_output=True,
                             text=True, check=True).stdout
    assert tracked == ""
    assert not (project_root / "rasa").exists()
