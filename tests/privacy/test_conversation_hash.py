"""Stored conversation ids are salted hashes that cannot be traced back without the salt."""

from __future__ import annotations

from pathlib import Path

from bot.privacy import conversation_hash, hash_salt


def test_the_hash_hides_the_id_and_depends_on_the_salt() -> None:
    first = conversation_hash("widget-5f1c", "salt-a")
    assert "widget" not in first and len(first) == 32
    assert first == conversation_hash("widget-5f1c", "salt-a")
    assert first != conversation_hash("widget-5f1c", "salt-b")
    assert first != conversation_hash("widget-5f1d", "salt-a")


def test_without_a_configured_salt_one_is_created_once_and_kept_private(tmp_path: Path) -> None:
    salt = hash_salt(None, tmp_path / "var")
    assert len(salt) == 64
    assert hash_salt(None, tmp_path / "var") == salt  # stable across restarts
    assert (tmp_path / "var" / "hash-salt").stat().st_mode & 0o077 == 0
    assert hash_salt("configured", tmp_path / "var") == "configured"
