"""`make run` (bot/stack.py) starts Rasa through the launcher and refuses settings meant for other hosts."""

from __future__ import annotations

import pytest

from bot import rasa_server
from bot.config import ConfigError, Settings
from bot.stack import Stack, processes


def test_rasa_is_started_through_the_launcher_with_its_token_in_the_environment_on_loopback() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_TOKEN": "geheim"})
    rasa = [p for p in processes(settings) if p.name == "rasa"][0]
    assert rasa.argv[1:4] == ["-m", "bot.rasa_server", "run"]
    assert rasa.argv[rasa.argv.index("--interface") + 1] == "127.0.0.1"
    assert rasa.env["TAALBRUG_RASA_TOKEN"] == "geheim" and "geheim" not in " ".join(rasa.argv)
    assert rasa.env["TAALBRUG_ACTIONS_URL"] == "http://127.0.0.1:5055"


def test_a_random_token_that_begins_with_a_dash_reaches_rasa_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """secrets.token_urlsafe begins with "-" once in 64 runs; Rasa's parser must read it as the token."""
    from rasa.__main__ import create_argument_parser

    monkeypatch.setattr("bot.stack.secrets.token_urlsafe", lambda n: "-t" + "x" * 41)
    rasa = [p for p in Stack(Settings.from_env({})).processes if p.name == "rasa"][0]
    token = rasa.env["TAALBRUG_RASA_TOKEN"]
    assert token.startswith("-") and not any(token in arg for arg in rasa.argv)
    argv = rasa_server.rasa_argv(rasa.argv[2:], rasa.env)  # ["bot.rasa_server", "run", ...] as sys.argv
    assert argv[-1] == f"--auth-token={token}"
    assert create_argument_parser().parse_args(argv[1:]).auth_token == token


@pytest.mark.parametrize("variable", ["TAALBRUG_RASA_URL", "TAALBRUG_ACTIONS_URL"])
def test_make_run_refuses_a_rasa_or_actions_url_of_another_host(variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Stack(Settings.from_env({variable: "http://elders:5005"}))
