"""Deployment settings from TAALBRUG_* variables: where the gateway finds Rasa, and clear errors."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings


def test_by_default_everything_is_on_this_host() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_PORT": "6005", "TAALBRUG_ACTIONS_PORT": "6055"})
    assert settings.rasa_urls == ("http://127.0.0.1:6005",)
    assert settings.actions_url == "http://127.0.0.1:6055"
    assert settings.child_env({})["TAALBRUG_ACTIONS_URL"] == "http://127.0.0.1:6055"  # endpoints.yml


def test_local_replicas_take_the_following_ports_and_share_the_gate() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_REPLICAS": "3", "TAALBRUG_REDIS_URL": "redis://127.0.0.1:6379/0",
                                  "TAALBRUG_RASA_CONCURRENCY": "5"})
    assert settings.rasa_urls == ("http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007")
    assert settings.rasa_capacity == 15


def test_a_gateway_in_front_of_a_replicated_rasa_service_lets_in_four_per_replica() -> None:
    settings = Settings.from_env({"TAALBRUG_RASA_URL": "http://taalbrug-rasa:5005", "TAALBRUG_RASA_REPLICAS": "3"})
    assert settings.rasa_urls == ("http://taalbrug-rasa:5005",)
    assert settings.rasa_capacity == 12  # the lock store is Rasa's business there, not the gateway's


def test_rasa_and_the_actions_on_other_hosts() -> None:
    settings = Settings.from_env({
        "TAALBRUG_RASA_URL": "http://rasa-0.rasa:5005/, http://rasa-1.rasa:5005",
        "TAALBRUG_ACTIONS_URL": "https://actions.taalbrug.svc:5055",
    })
    assert settings.rasa_urls == ("http://rasa-0.rasa:5005", "http://rasa-1.rasa:5005")
    assert settings.rasa_url == "http://rasa-0.rasa:5005"
    assert settings.actions_url == "https://actions.taalbrug.svc:5055"
    assert settings.rasa_capacity == 8  # 4 per replica
    assert settings.child_env({})["TAALBRUG_RASA_URL"] == "http://rasa-0.rasa:5005,http://rasa-1.rasa:5005"


@pytest.mark.parametrize("variable, value", [
    ("TAALBRUG_RASA_URL", "rasa:5005"),
    ("TAALBRUG_RASA_URL", "http://rasa:5005/webhooks/rest/webhook"),
    ("TAALBRUG_RASA_URL", "http://rasa:port"),
    ("TAALBRUG_ACTIONS_URL", "ftp://actions"),
    ("TAALBRUG_RASA_CONCURRENCY", "-1"),
    ("TAALBRUG_RASA_CONCURRENCY", "veel"),
    ("TAALBRUG_RASA_REPLICAS", "2"),  # without TAALBRUG_REDIS_URL
    ("TAALBRUG_UPSTREAM_TIMEOUT", "snel"),
])
def test_a_wrong_setting_is_refused_with_its_name(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})
