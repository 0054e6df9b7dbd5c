"""`make run` (bot/stack.py) starts Rasa through the launcher and refuses settings meant for other hosts."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path
from typing import Dict, List, Set

import pytest
from sqlalchemy import create_engine, inspect

from bot import config, rasa_server
from bot.config import ConfigError, Settings
from bot.stack import CHILD_VARIABLES, Process, Stack, processes
from tests.conftest import fresh_postgres_database


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


def test_two_processes_on_one_port_are_refused() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_PORT": "5054", "TAALBRUG_RASA_REPLICAS": "2",
                                  "TAALBRUG_REDIS_URL": "redis://127.0.0.1:6379/0"})
    with pytest.raises(ConfigError, match=r"TAALBRUG_RASA_PORT \+ 1 and TAALBRUG_ACTIONS_PORT are both port 5055"):
        Stack(settings)


def test_a_port_in_use_stops_the_start_before_anything_runs(tmp_path: Path) -> None:
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        stack = Stack(Settings.from_env({"TAALBRUG_WEB_PORT": str(port), "TAALBRUG_MODEL": str(model),
                                         "TAALBRUG_VAR_DIR": str(tmp_path / "var")}))
        with pytest.raises(ConfigError, match=f"port {port} \\(TAALBRUG_WEB_PORT\\)"):
            stack.start()
    assert all(p.popen is None for p in stack.processes) and not (tmp_path / "var").exists()


def replica_settings(tmp_path: Path, tracker_store_url: str) -> Settings:
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    return Settings.from_env({
        "TAALBRUG_RASA_REPLICAS": "2", "TAALBRUG_REDIS_URL": "redis://127.0.0.1:6379/0",
        "TAALBRUG_TRACKER_STORE_URL": tracker_store_url, "TAALBRUG_MODEL": str(model),
        "TAALBRUG_DATABASE_URL": f"sqlite:///{tmp_path / 'taalbrug.db'}", "TAALBRUG_VAR_DIR": str(tmp_path / "var"),
    })


def tables_when_rasa_starts(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> List[List[str]]:
    """Start the stack with launching stubbed out: the tracker store's tables as each Rasa replica starts."""
    seen: List[List[str]] = []

    def launch(stack: Stack, process: Process) -> None:
        if process.name.startswith("rasa"):
            engine = create_engine(settings.tracker_store_url)
            seen.append(sorted(inspect(engine).get_table_names()))
            engine.dispose()

    monkeypatch.setattr(Stack, "_launch", launch)
    Stack(settings).start()
    return seen


def test_rasas_tables_are_made_in_the_tracker_store_before_the_replicas_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    tracker = tmp_path / "tracker.db"
    assert tables_when_rasa_starts(replica_settings(tmp_path, f"sqlite:///{tracker}"), monkeypatch) == [["events"]] * 2
    assert os.listdir(cwd) == []  # nothing stray in the working directory (it was an SQLite file `rasa`)


@pytest.mark.needs("postgres")
def test_rasas_tables_are_made_in_postgresql_before_the_replicas_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = fresh_postgres_database(os.environ["TAALBRUG_TEST_POSTGRES_URL"], "taalbrug_tracker")
    assert tables_when_rasa_starts(replica_settings(tmp_path, url), monkeypatch) == [["events"]] * 2


SECRETS = {"TAALBRUG_RASA_TOKEN": "rasa-geheim", "TAALBRUG_ACTIONS_TOKEN": "acties-geheim",
           "TAALBRUG_ADMIN_PASSWORD": "admin-geheim", "TAALBRUG_REPORT_TOKEN": "rapport-geheim",
           "TAALBRUG_HASH_SALT": "zout-geheim", "TAALBRUG_DATABASE_URL": "postgresql://t:db-geheim@h/t",
           "TAALBRUG_TRACKER_STORE_URL": "postgresql://t:tracker-geheim@h/rasa",
           "TAALBRUG_REDIS_URL": "redis://:redis-geheim@127.0.0.1:6379/0", "TAALBRUG_RASA_REPLICAS": "2"}


def secrets_of(env: Dict[str, str]) -> Set[str]:
    return {name for name, value in SECRETS.items() if name != "TAALBRUG_RASA_REPLICAS"
            and any(value in v for v in env.values())}


def test_each_process_gets_only_the_secrets_it_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():  # also in the stack's own environment: still not passed on
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TAALBRUG_SOMETHING_ELSE", "x")
    started = {p.name: p.env for p in processes(Settings.from_env(SECRETS))}
    assert secrets_of(started["actions"]) == {"TAALBRUG_ACTIONS_TOKEN", "TAALBRUG_HASH_SALT", "TAALBRUG_DATABASE_URL"}
    for rasa in ("rasa", "rasa-2"):
        assert secrets_of(started[rasa]) == {"TAALBRUG_RASA_TOKEN", "TAALBRUG_ACTIONS_TOKEN",
                                             "TAALBRUG_TRACKER_STORE_URL", "TAALBRUG_HASH_SALT"}
        assert started[rasa]["TAALBRUG_REDIS_HOST"] == "127.0.0.1"  # the lock store, without its password
    assert secrets_of(started["gateway"]) == {"TAALBRUG_RASA_TOKEN", "TAALBRUG_ADMIN_PASSWORD",
                                              "TAALBRUG_REPORT_TOKEN", "TAALBRUG_DATABASE_URL"}
    for name, env in started.items():
        assert {k for k in env if k.startswith("TAALBRUG_")} <= CHILD_VARIABLES[name.split("-")[0]], name
        assert env["PATH"] == os.environ["PATH"]  # what is not Taalbrug's passes through


def test_the_gateway_is_told_every_replica_and_starts_with_what_it_is_given(tmp_path: Path) -> None:
    gateway = [p for p in processes(Settings.from_env(SECRETS)) if p.name == "gateway"][0]
    seen = Settings.from_env(gateway.env)  # would raise: 2 replicas without a Redis URL or replica URLs
    assert seen.rasa_urls == ("http://127.0.0.1:5005", "http://127.0.0.1:5006")
    assert seen.rasa_token == "rasa-geheim" and seen.report_token == "rapport-geheim"


def test_every_setting_reaches_a_process_that_reads_it() -> None:
    """A TAALBRUG_* variable that Settings reads but no process gets is a setting `make run` drops."""
    read = set(re.findall(r'"(TAALBRUG_[A-Z_]+)"', (Path(config.__file__)).read_text(encoding="utf-8")))
    stack_only = {"TAALBRUG_REDIS_URL"}  # bot.stack turns it into TAALBRUG_REDIS_HOST/PORT/DB for Rasa
    # argv of Rasa; `make purge` only
    not_for_children = {"TAALBRUG_MODEL", "TAALBRUG_RETENTION_MONTHS", "TAALBRUG_TRACKER_RETENTION_DAYS"}
    assert read - set().union(*CHILD_VARIABLES.values()) - stack_only - not_for_children == set()


def test_the_channels_settings_reach_rasa_and_no_other_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """WhatsApp and Telegram are configured in credentials.yml from TAALBRUG_*: Rasa must get them."""
    monkeypatch.setenv("TAALBRUG_TELEGRAM_TOKEN", "123:telegram-geheim")
    monkeypatch.setenv("TAALBRUG_TWILIO_AUTH_TOKEN", "twilio-geheim")
    started = {p.name: p.env for p in processes(Settings.from_env(SECRETS))}
    assert started["rasa"]["TAALBRUG_TELEGRAM_TOKEN"] == "123:telegram-geheim"
    assert started["rasa"]["TAALBRUG_TWILIO_AUTH_TOKEN"] == "twilio-geheim"
    assert "TAALBRUG_VAR_DIR" in started["rasa"]  # where bot/rasa_server.py writes the effective credentials
    for other in ("actions", "gateway"):
        assert "TAALBRUG_TELEGRAM_TOKEN" not in started[other] and "TAALBRUG_TWILIO_AUTH_TOKEN" not in started[other]


def test_make_run_makes_an_action_server_token_that_rasa_sends_and_the_actions_check() -> None:
    started = {p.name: p.env for p in Stack(Settings.from_env({})).processes}
    token = started["actions"]["TAALBRUG_ACTIONS_TOKEN"]
    assert len(token) >= 32 and started["rasa"]["TAALBRUG_ACTIONS_TOKEN"] == token
    assert "TAALBRUG_ACTIONS_TOKEN" not in started["gateway"]
    assert Stack(Settings.from_env({})).config.actions_token != token  # a new one per run
