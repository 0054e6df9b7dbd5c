"""A channel is on only when its TAALBRUG_* variables are set, and a half-configured one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import PROJECT_ROOT
from bot.channels.credentials import CredentialsError, effective, write_effective
from bot.rasa_server import effective_credentials

CHANNELS = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8"))
WHATSAPP = "bot.channels.whatsapp.WhatsAppInput"
TELEGRAM = "bot.channels.telegram.TelegramInput"
SOCKETIO = "bot.channels.socketio.SocketIOInput"
TELEGRAM_ENV = {"TAALBRUG_TELEGRAM_TOKEN": "1:x", "TAALBRUG_TELEGRAM_SECRET": "s"}


def test_without_variables_only_rest_and_socketio_are_on() -> None:
    assert set(effective(CHANNELS, {})) == {"rest", SOCKETIO}


def test_a_channel_with_its_variables_is_on_without_the_optional_settings_left_unset() -> None:
    channels = effective(CHANNELS, TELEGRAM_ENV)
    assert set(channels) == {"rest", SOCKETIO, TELEGRAM}
    assert channels[TELEGRAM] == {"access_token": "${TAALBRUG_TELEGRAM_TOKEN}",
                                  "secret_token": "${TAALBRUG_TELEGRAM_SECRET}"}  # no secret in the file


def test_a_half_configured_channel_is_refused_with_the_missing_variable() -> None:
    env = {"TAALBRUG_TWILIO_ACCOUNT_SID": "AC1", "TAALBRUG_WHATSAPP_NUMBER": "whatsapp:+32"}
    with pytest.raises(CredentialsError, match="TAALBRUG_TWILIO_AUTH_TOKEN"):
        effective(CHANNELS, env)


def test_rasa_gets_the_effective_file_and_rasa_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.shared.utils.io import read_config_file

    env = {**TELEGRAM_ENV, "TAALBRUG_VAR_DIR": str(tmp_path)}
    argv = effective_credentials(["rasa", "run", "--credentials", str(PROJECT_ROOT / "credentials.yml")], env)
    assert argv[-1] == str(tmp_path / "credentials.yml")
    for key, value in TELEGRAM_ENV.items():
        monkeypatch.setenv(key, value)
    read = read_config_file(argv[-1])  # Rasa expands the variables itself
    assert read[TELEGRAM] == {"access_token": "1:x", "secret_token": "s"}


def test_a_half_configured_channel_stops_rasa_before_it_starts(tmp_path: Path) -> None:
    env = {"TAALBRUG_TELEGRAM_TOKEN": "1:x", "TAALBRUG_VAR_DIR": str(tmp_path)}
    with pytest.raises(SystemExit, match="TAALBRUG_TELEGRAM_SECRET"):
        effective_credentials(["rasa", "run", "--credentials", str(PROJECT_ROOT / "credentials.yml")], env)


def test_write_effective_refuses_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    source = tmp_path / "credentials.yml"
    source.write_text("- rest\n", encoding="utf-8")
    with pytest.raises(CredentialsError, match="mapping"):
        write_effective(source, tmp_path / "out.yml", {})
