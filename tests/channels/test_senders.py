"""Each channel's conversation ids live in its own namespace: none can name another channel's conversation."""

from __future__ import annotations

import pytest

from bot.channels.senders import SESSION_ID, SOCKETIO, TELEGRAM, ForeignSender, bare_id, conversation_id


def test_a_widget_session_equal_to_a_telegram_chat_id_is_another_conversation() -> None:
    assert SESSION_ID.match("123456789")  # a valid widget session ...
    assert conversation_id(TELEGRAM, "123456789") != "123456789"  # ... is not Telegram chat 123456789
    assert conversation_id(SOCKETIO, "123456789") not in ("123456789", conversation_id(TELEGRAM, "123456789"))
    assert not SESSION_ID.match(conversation_id(TELEGRAM, "123456789"))  # no widget can ask for it


def test_the_bare_id_comes_back_only_from_the_channels_own_namespace() -> None:
    assert bare_id(TELEGRAM, conversation_id(TELEGRAM, "-1001234")) == "-1001234"
    assert bare_id(SOCKETIO, conversation_id(SOCKETIO, "abc_DEF-123")) == "abc_DEF-123"
    for foreign in ("123456789", "socketio:123456789", "telegram:", "whatsapp:+32470000001", "+32470000001"):
        with pytest.raises(ForeignSender):
            bare_id(TELEGRAM, foreign)
    with pytest.raises(ForeignSender):
        bare_id(SOCKETIO, "telegram:123456789")


def test_an_empty_id_or_a_channel_without_a_namespace_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="empty telegram id"):
        conversation_id(TELEGRAM, "")
    with pytest.raises(ValueError, match="no sender namespace"):
        conversation_id("whatsapp", "+32470000001")
