"""`make run` (bot/stack.py) starts Rasa through the launcher and refuses settings meant for other hosts."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings
from bot.stack import Stack, processes


def test_rasa_is_started_through_the_launcher_with_its_token_on_loopback() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_TOKEN": "geheim"})
    rasa = [p for p in processes(settings) if p.name == "rasa"][0]
    assert rasa.argv[1:4] == ["-m", "bot.rasa_server", "run"]
    assert rasa.argv[rasa.argv.index("--interface") + 1] == "127.0.0.1"
    assert rasa.argv[rasa.argv.index("--auth-token") + 1] == "geheim"
    assert rasa.env["TAALBRUG_ACTIONS_URL"] == "http://127.0.0.1:5055"


@pytest.mark.parametrize("variable", ["TAALBRUG_RASA_URL", "TAALBRUG_ACTIONS_URL"])
def test_make_run_refuses_a_rasa_or_actions_url_of_another_host(variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Stack(Settings.from_env({variable: "http://elders:5005"}))
